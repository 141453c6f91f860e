package io.joinery.child.metadata;

import static io.joinery.child.metadata.StoreFixture.assertError;
import static io.joinery.child.metadata.StoreFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11.2: `run_sql`'s `timeout` (seconds, default 60) cancels its SQL, so one slow call never
 * holds the metadata queue past it. The sleeps are far longer than any test run: a call that was
 * not cancelled would not come back in time for the run's own timeout.
 */
class RunSqlTimeoutIntegrationTest {
    StoreFixture f;

    @BeforeEach
    void setUp() {
        f = StoreFixture.fresh(null);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static String runSql(String sql, Object timeout) {
        return "{\"type\": \"run_sql\", \"args\": {\"sql\": " + Json.write(sql) + ", \"timeout\": "
                + Json.write(timeout) + "}}";
    }

    @Test
    void slowStatement_isCancelledAtTheTimeout_asAPostgresError() {
        JoineryException e = f.queryError(runSql("SELECT pg_sleep(600)", 1));

        assertError(e, 400, "postgres-error", "$", "query execution failed");
        assertThat(e.internal().at("/error/status_code").asText()).isEqualTo("57014");
        assertThat(e.internal().at("/error/message").asText())
                .isEqualTo("canceling statement due to statement timeout");
        assertThat(f.query(runSql("SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)'", 5)))
                .as("the statement no longer runs").isEqualTo(json("{'result_type': 'TuplesOk', 'result': [['count'], ['0']]}"));
    }

    @Test
    void afterATimedOutCall_theMetadataQueueServesTheNextCommands() {
        f.queryError(runSql("CREATE TABLE kept (id int PRIMARY KEY); SELECT pg_sleep(600)", 1));

        assertThat(f.metadata("{'type': 'export_metadata', 'args': {}}").get("version").asInt()).isEqualTo(3);
        assertThat(f.query(runSql("SELECT count(*) FROM pg_tables WHERE tablename = 'kept'", 5)))
                .as("the call was rolled back as a whole")
                .isEqualTo(json("{'result_type': 'TuplesOk', 'result': [['count'], ['0']]}"));
    }

    @Test
    void sqlThatTurnsTheTimeoutOff_isStillCancelled() {
        JoineryException e = f.queryError(runSql("SET statement_timeout = 0; SELECT pg_sleep(600)", 1));

        assertError(e, 400, "postgres-error", "$", "query execution failed");
        assertThat(e.internal().at("/error/status_code").asText()).isEqualTo("57014");
    }

    @Test
    void manyShortStatements_areBoundedAsAWhole() {
        // each statement stays under the per-statement timeout; the call as a whole does not
        String many = "SELECT pg_sleep(0.5); ".repeat(600);
        JoineryException e = f.queryError(runSql(many, 1));

        assertThat(e.internal().at("/error/status_code").asText()).isEqualTo("57014");
    }

    @Test
    void timeout_mustBeAPositiveWholeNumberOfSeconds() {
        assertError(f.queryError(runSql("SELECT 1", 0)), 400, "parse-failed", "$.args.timeout",
                "timeout must be a whole number of seconds from 1 to 2147483, got 0");
        assertError(f.queryError(runSql("SELECT 1", "soon")), 400, "parse-failed", "$.args.timeout",
                "expected Int, but encountered String");
        assertError(f.queryError(runSql("SELECT 1", 1e12)), 400, "parse-failed", "$.args.timeout",
                "expected Int, but encountered Number");
        assertThat(f.query(runSql("SELECT 1 AS one", 3)))
                .isEqualTo(json("{'result_type': 'TuplesOk', 'result': [['one'], ['1']]}"));
    }
}
