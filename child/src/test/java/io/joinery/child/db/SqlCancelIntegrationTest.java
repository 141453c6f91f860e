package io.joinery.child.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.joinery.child.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

/**
 * A cancelled statement stops on the server too (a request's `time_limit`, SPEC §11.1): without the
 * cancel, the sleeps below would keep running for two minutes. The hang guard only bounds the wait.
 */
class SqlCancelIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    static Database db;
    static SqlRunner sql;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        sql = db.sqlRunner();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void cancelledStatement_isCancelledInPostgres() {
        assertThatThrownBy(() -> sql.queryJson(SqlStatement.of("SELECT pg_sleep(120)::text /* cancel-probe-1 */"))
                .timeout(Duration.ofMillis(300)).block())
                .satisfies(e -> assertThat(Exceptions.unwrap(e)).isInstanceOf(TimeoutException.class));
        assertTimeoutPreemptively(HANG_GUARD, () -> awaitNoneRunning("cancel-probe-1"));
    }

    @Test
    void cancelledTransaction_isCancelledAndRolledBack() {
        sql.execute(SqlStatement.of("CREATE TABLE cancel_probe (id int)")).block();
        assertThatThrownBy(() -> sql.inTransaction(s -> s.execute(SqlStatement.of("INSERT INTO cancel_probe VALUES (1)"))
                        .then(s.queryJson(SqlStatement.of("SELECT pg_sleep(120)::text /* cancel-probe-2 */"))))
                .timeout(Duration.ofMillis(300)).block())
                .satisfies(e -> assertThat(Exceptions.unwrap(e)).isInstanceOf(TimeoutException.class));
        assertTimeoutPreemptively(HANG_GUARD, () -> awaitNoneRunning("cancel-probe-2"));
        assertThat(sql.queryJson(SqlStatement.of("SELECT count(*)::text FROM cancel_probe")).block()).isEqualTo("0");
    }

    private static void awaitNoneRunning(String probe) throws InterruptedException {
        SqlStatement running = SqlStatement.of("SELECT count(*)::text FROM pg_stat_activity WHERE state = 'active'"
                + " AND query LIKE $1 AND pid <> pg_backend_pid()", "%" + probe + "%");
        while (!"0".equals(sql.queryJson(running).block())) {
            Thread.sleep(50);
        }
    }
}
