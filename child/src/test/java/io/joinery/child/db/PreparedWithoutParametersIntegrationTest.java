package io.joinery.child.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: a statement without parameters (what the child compiles for a query with no variable
 * and no session value: LIMIT and OFFSET are literals) is prepared once per connection and runs on
 * Postgres' generic plan, not sent as a simple query planned on every execution; inside a
 * transaction (mutations) such statements keep the simple protocol. Seen through
 * `pg_prepared_statements` of the one connection of a one-connection pool.
 */
class PreparedWithoutParametersIntegrationTest {
    private static final String QUERY = "SELECT json_build_object('n', (SELECT count(*) FROM generate_series(1, 50) AS g"
            + " WHERE g <= 20 LIMIT 20)) AS data /* prepared-probe */";

    static Database shared;
    static Database single;
    static SqlRunner sql;

    @BeforeAll
    static void start() {
        shared = TestDatabase.fresh();
        single = Database.connect(shared.url(), 1);
        sql = single.sqlRunner();
    }

    @AfterAll
    static void stop() {
        single.close();
        shared.close();
    }

    @Test
    void autocommitStatementWithoutParameters_isPreparedOnce_andRunsOnItsGenericPlan() {
        for (int i = 0; i < 8; i++) {
            assertThat(new String(sql.queryJsonUtf8(SqlStatement.of(QUERY)).block())).isEqualTo("{\"n\" : 20}");
        }
        List<Map<String, Object>> prepared = sql.query(SqlStatement.of(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE $1",
                "%prepared-probe%")).block();
        assertThat(prepared).singleElement().satisfies(row -> {
            assertThat(((Number) row.get("generic_plans")).longValue()).isEqualTo(8);
            assertThat(((Number) row.get("custom_plans")).longValue()).isZero();
        });
    }

    @Test
    void statementWithoutParametersInATransaction_isNotPrepared_andStillAnswers() {
        String probe = "SELECT json_build_object('m', 1) AS data /* transaction-probe */";
        String answer = sql.inTransaction(s -> s.queryJson(SqlStatement.of(probe))).block();
        assertThat(answer).isEqualTo("{\"m\" : 1}");
        assertThat(sql.query(SqlStatement.of(
                "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE $1", "%transaction-probe%"))
                .block()).singleElement().satisfies(row -> assertThat(row.get("n")).isEqualTo(0L));
    }
}
