package io.joinery.child.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.joinery.child.testing.TestDatabase;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** SPEC §11.2: `JOINERY_DB_STATEMENT_TIMEOUT` is Postgres's `statement_timeout` on every connection of the child. */
class StatementTimeoutIntegrationTest {
    @TempDir
    Path dataDir;

    @Test
    void externalDatabase_everyPooledStatementIsCancelledAtTheTimeout() {
        DatabaseUrlHolder fresh = DatabaseUrlHolder.fresh();
        try (Database db = Database.connect(fresh.url, 2, Duration.ofSeconds(1))) {
            assertThat(show(db.sqlRunner())).isEqualTo("1s");

            SqlStatement sleep = SqlStatement.of("SELECT pg_sleep(600)");
            Throwable failure = catchThrowable(() -> db.sqlRunner().query(sleep).block(Duration.ofSeconds(60)));
            JoineryException error = PgErrors.toJoinery(failure, sleep, ErrorPath.root());

            assertThat(error.code().wire()).isEqualTo("postgres-error");
            assertThat(error.internal().toString()).contains("57014").contains("canceling statement due to statement timeout");
            assertThat(show(db.sqlRunner())).as("the pool still serves").isEqualTo("1s");
        }
    }

    @Test
    void listenConnections_haveItToo() {
        DatabaseUrlHolder fresh = DatabaseUrlHolder.fresh();
        try (Database db = Database.connect(fresh.url, 2, Duration.ofMillis(1500))) {
            String value = Mono.usingWhen(db.listenConnections().create(),
                    (PostgresqlConnection c) -> Mono.from(c.createStatement("SHOW statement_timeout").execute())
                            .flatMap(r -> Mono.from(r.map((row, meta) -> row.get(0, String.class)))),
                    PostgresqlConnection::close).block(Duration.ofSeconds(30));
            assertThat(value).isEqualTo("1500ms");
        }
    }

    @Test
    void byDefault_itIsSixtySeconds() {
        try (Database db = TestDatabase.fresh()) {
            assertThat(show(db.sqlRunner())).isEqualTo("1min");
        }
    }

    @Test
    void embeddedDatabase_hasItToo() {
        try (Database db = Database.startEmbedded(dataDir, 2, false, Duration.ofSeconds(2))) {
            assertThat(show(db.sqlRunner())).isEqualTo("2s");
        }
    }

    private static String show(SqlRunner sql) {
        return (String) sql.query(SqlStatement.of("SHOW statement_timeout")).block(Duration.ofSeconds(30))
                .get(0).get("statement_timeout");
    }

    /** A fresh test database's URL (the pool TestDatabase opened for it is closed at once). */
    private record DatabaseUrlHolder(io.joinery.core.pg.DatabaseUrl url) {
        static DatabaseUrlHolder fresh() {
            try (Database db = TestDatabase.fresh()) {
                return new DatabaseUrlHolder(db.url());
            }
        }
    }
}
