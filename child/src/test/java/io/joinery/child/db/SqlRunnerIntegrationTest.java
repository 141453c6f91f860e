package io.joinery.child.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.child.testing.TestDatabase;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlRunnerIntegrationTest {
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
    void queryJson_returnsJsonTextAsPostgresWroteIt() {
        String json = sql.queryJson(SqlStatement.of(
                "SELECT json_build_object('n', $1::integer, 'ts', '2024-05-01 10:00:00+00'::timestamptz)", "7"))
                .block();
        assertThat(json).isEqualTo("{\"n\" : 7, \"ts\" : \"2024-05-01T10:00:00+00:00\"}");
    }

    @Test
    void textArrayParameter_castsToColumnType() {
        String json = sql.queryJson(SqlStatement.of(
                "SELECT json_agg(x) FROM unnest(($1)::integer[]) x", List.of("1", "2", "3"))).block();
        assertThat(json).isEqualTo("[1, 2, 3]");
    }

    @Test
    void transaction_rollsBackEverythingOnFailure() {
        sql.execute(SqlStatement.of("CREATE TABLE tx_probe (id int primary key)")).block();
        assertThatThrownBy(() -> sql.inTransaction(s -> s.execute(SqlStatement.of("INSERT INTO tx_probe VALUES (1)"))
                .then(s.execute(SqlStatement.of("INSERT INTO tx_probe VALUES (1)")))).block())
                .hasMessageContaining("duplicate key");
        assertThat(sql.query(SqlStatement.of("SELECT count(*) AS n FROM tx_probe")).block())
                .singleElement().satisfies(row -> assertThat(row.get("n")).isEqualTo(0L));
    }

    @Test
    void runSql_returnsLastResultInTextForm_evenWithoutRows() {
        RunSqlResult result = db.runSqlExecutor().run(
                "CREATE TABLE run_probe (id serial primary key, at timestamptz, ok boolean); "
                        + "INSERT INTO run_probe (at, ok) VALUES ('2024-05-01 10:00:00+00', true), (null, null); "
                        + "SELECT id, at, ok FROM run_probe ORDER BY id", false).block();
        assertThat(result.columns()).containsExactly("id", "at", "ok");
        assertThat(result.rows().get(0)).containsExactly("1", "2024-05-01 10:00:00+00", "t");
        assertThat(result.rows().get(1)).containsExactly("2", null, null);
        RunSqlResult empty = db.runSqlExecutor().run("SELECT id FROM run_probe WHERE false", false).block();
        assertThat(empty.isTuples()).isTrue();
        assertThat(empty.rows()).isEmpty();
        assertThat(db.runSqlExecutor().run("CREATE TABLE run_probe2 (x int)", false).block().isTuples()).isFalse();
    }

    @Test
    void runSql_failureRollsBackEveryStatement() {
        assertThatThrownBy(() -> db.runSqlExecutor().run(
                "CREATE TABLE half_done (x int); SELECT * FROM no_such_table", false).block())
                .hasCauseInstanceOf(SQLException.class);
        RunSqlResult result = db.runSqlExecutor().run(
                "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'", false).block();
        assertThat(result.rows().get(0)).containsExactly("0");
    }

    @Test
    void uniqueViolation_mapsToConstraintViolation() {
        sql.execute(SqlStatement.of("CREATE TABLE uniq_probe (id int primary key)")).block();
        SqlStatement insert = SqlStatement.of("INSERT INTO uniq_probe VALUES (1), (1)");
        assertThatThrownBy(() -> sql.execute(insert).onErrorMap(e -> PgErrors.toJoinery(e, insert, ErrorPath.root()))
                .block())
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
                    assertThat(e.getMessage()).startsWith("Uniqueness violation. ");
                    assertThat(e.internal().get("error").get("status_code").asText()).isEqualTo("23505");
                });
    }
}
