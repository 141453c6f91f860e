package io.joinery.child.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.pg.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the pool sends nothing of its own on the hot path (no validation query per acquire),
 * and a statement with parameters is prepared once per connection and reused. Counted by
 * `pg_stat_statements` on a Postgres of its own (the extension must be preloaded).
 */
class OneStatementPerRequestIntegrationTest {
    private static final String QUERY = "SELECT json_build_object('n', $1::integer)";

    static EmbeddedPostgres pg;
    static Database db;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("joinery-one-statement"))
                .setCleanDataDirectory(true)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .start();
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION pg_stat_statements");
            s.execute("CREATE DATABASE served");
        }
        // The pool's own database: the statements counted there are the pool's and nobody else's.
        db = Database.connect(DatabaseUrl.local(pg.getPort(), "served", "postgres"), 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) {
            db.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void everyRequestSendsExactlyItsOwnStatement() throws SQLException {
        SqlRunner sql = db.sqlRunner();
        sql.queryJson(SqlStatement.of(QUERY, "0")).block(); // opens the pooled connection
        reset();

        for (int i = 1; i <= 40; i++) {
            assertThat(sql.queryJson(SqlStatement.of(QUERY, String.valueOf(i))).block())
                    .isEqualTo("{\"n\" : " + i + "}");
        }

        Map<String, Long> calls = callsByStatement();
        assertThat(calls).containsEntry(QUERY, 40L);
        assertThat(calls).as("what the pool sent besides the 40 requests").containsOnlyKeys(QUERY);
    }

    @Test
    void aStatementWithParametersIsPreparedOnceAndReused() {
        SqlRunner sql = db.sqlRunner();
        for (int i = 0; i < 3; i++) {
            sql.queryJson(SqlStatement.of(QUERY, String.valueOf(i))).block();
        }
        // One connection in the pool: this statement runs where the other was prepared.
        String prepared = sql.queryJson(SqlStatement.of(
                "SELECT coalesce(json_agg(statement), '[]') FROM pg_prepared_statements WHERE $1::int = 1", "1"))
                .block();
        assertThat(prepared).contains(QUERY);
    }

    @Test
    void aConnectionPostgresClosedIsReplacedWithoutFailingTheNextRequest() throws Exception {
        SqlRunner sql = db.sqlRunner();
        sql.queryJson(SqlStatement.of(QUERY, "1")).block();
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'served'");
        }
        Thread.sleep(200); // the termination notice reaches the idle pooled connection
        assertThat(sql.queryJson(SqlStatement.of(QUERY, "2")).block()).isEqualTo("{\"n\" : 2}");
    }

    private static void reset() throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    private static Map<String, Long> callsByStatement() throws SQLException {
        Map<String, Long> calls = new LinkedHashMap<>();
        try (Connection c = jdbc(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT query, calls FROM pg_stat_statements WHERE dbid = "
                     + "(SELECT oid FROM pg_database WHERE datname = 'served')")) {
            while (rows.next()) {
                calls.merge(rows.getString(1), rows.getLong(2), Long::sum);
            }
        }
        return calls;
    }

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", "postgres", null);
    }
}
