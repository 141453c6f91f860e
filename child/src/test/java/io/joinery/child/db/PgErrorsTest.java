package io.joinery.child.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import org.junit.jupiter.api.Test;

/** SQLSTATE -> Hasura code and message prefix (SPEC §2.2), with the SQL and state for admins. */
class PgErrorsTest {
    private static final SqlStatement STATEMENT = SqlStatement.of("INSERT INTO t VALUES ($1)", "x");
    private static final ErrorPath PATH = ErrorPath.root().key("selectionSet").key("insert_t").key("args").key("objects");

    private static JoineryException map(String state, String message) {
        return PgErrors.toJoinery(new R2dbcDataIntegrityViolationException(message, state), STATEMENT, PATH);
    }

    @Test
    void integrityViolations_areConstraintViolations_withHasurasPrefixes() {
        assertThat(map("23505", "dup").getMessage()).isEqualTo("Uniqueness violation. dup");
        assertThat(map("23503", "fk").getMessage()).isEqualTo("Foreign key violation. fk");
        assertThat(map("23502", "nn").getMessage()).isEqualTo("Not-NULL violation. nn");
        assertThat(map("23514", "ck").getMessage()).isEqualTo("Check constraint violation. ck");
        assertThat(map("23P01", "ex").getMessage()).isEqualTo("Exclusion violation. ex");
        assertThat(map("23001", "re").getMessage()).isEqualTo("Can not delete or update due to data being referred. re");
        assertThat(map("23000", "other").getMessage()).isEqualTo("other");
        for (String state : new String[] {"23505", "23503", "23502", "23514", "23P01", "23001", "23000"}) {
            JoineryException e = map(state, "m");
            assertThat(e.code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
            assertThat(e.path()).isEqualTo(PATH);
            assertThat(e.internal().at("/error/status_code").asText()).isEqualTo(state);
            assertThat(e.internal().at("/statement").asText()).isEqualTo(STATEMENT.text());
        }
    }

    @Test
    void dataExceptions_keepPostgresMessage() {
        JoineryException e = map("22P02", "invalid input syntax for type uuid: \"x\"");
        assertThat(e.code()).isEqualTo(ErrorCode.DATA_EXCEPTION);
        assertThat(e.getMessage()).isEqualTo("invalid input syntax for type uuid: \"x\"");
    }

    @Test
    void otherFailures_arePostgresErrors() {
        JoineryException denied = PgErrors.toJoinery(new R2dbcPermissionDeniedException("permission denied for table t",
                "42501"), STATEMENT, PATH);
        assertThat(denied.code()).isEqualTo(ErrorCode.POSTGRES_ERROR);
        assertThat(denied.getMessage()).isEqualTo("database query error");
        assertThat(denied.internal().at("/error/message").asText()).isEqualTo("permission denied for table t");
        JoineryException connection = PgErrors.toJoinery(new R2dbcNonTransientResourceException("connection refused"),
                STATEMENT, PATH);
        assertThat(connection.code()).isEqualTo(ErrorCode.POSTGRES_ERROR);
        assertThat(connection.getMessage()).startsWith("connection to the database failed");
    }

    @Test
    void aStatementCancelledByTheTimeout_isTheStatementsError_notALostConnection() {
        // the driver reports 57014 as a "non-transient resource" exception, as it does lost connections
        JoineryException e = PgErrors.toJoinery(new R2dbcNonTransientResourceException(
                "canceling statement due to statement timeout", "57014"), STATEMENT, PATH);
        assertThat(e.code()).isEqualTo(ErrorCode.POSTGRES_ERROR);
        assertThat(e.getMessage()).isEqualTo("database query error");
        assertThat(e.path()).isEqualTo(PATH);
        assertThat(e.internal().at("/error/status_code").asText()).isEqualTo("57014");
        assertThat(e.internal().at("/error/message").asText()).isEqualTo("canceling statement due to statement timeout");
    }

    @Test
    void failuresThatAreNotTheDatabase_areUnexpected_notConnectionErrors() {
        JoineryException bug = PgErrors.toJoinery(new IllegalStateException("decoder bug"), STATEMENT, PATH);
        assertThat(bug.code()).isEqualTo(ErrorCode.UNEXPECTED);
        assertThat(bug.path().toString()).isEqualTo("$");
        assertThat(bug.getMessage()).doesNotContain("connection");
        JoineryException io = PgErrors.toJoinery(new java.io.IOException("Connection reset by peer"), STATEMENT, PATH);
        assertThat(io.code()).isEqualTo(ErrorCode.POSTGRES_ERROR);
        assertThat(io.getMessage()).startsWith("connection to the database failed");
    }
}
