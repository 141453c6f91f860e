package io.joinery.child.db;

import io.joinery.child.db.RunSqlResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs `run_sql` text (SPEC §1.8): several statements in one transaction, the last one's result
 * in Postgres text form. This admin-only path uses the blocking JDBC driver, wrapped once here on
 * {@code boundedElastic}, because only it reports the text form of every type and the columns of
 * a result with no rows.
 *
 * <p>The SQL runs with search_path `public` unless it sets its own: unqualified names mean the
 * `public` schema, as users expect, even when a schema is named after the database role (with a
 * role `joinery`, Postgres's default `"$user", public` would otherwise put new tables into a schema
 * `joinery`).
 *
 * <p>Every call has a timeout (SPEC §11.2; `run_sql`'s `timeout`, default 60 s): each statement runs
 * with `statement_timeout` set to it (Postgres cancels it: SQLSTATE 57014 "canceling statement due
 * to statement timeout"), and the driver cancels the whole text one second later should its SQL
 * have changed `statement_timeout` or hold many statements, so a call never holds the metadata
 * queue much past its timeout.
 */
public final class RunSqlExecutor {
    /** `run_sql`'s timeout when the call names none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** How long after the timeout the driver cancels the whole text (the server-side timeout comes first). */
    private static final int BACKSTOP_SECONDS = 1;

    private final String jdbcUrl;
    private final Properties credentials;

    public RunSqlExecutor(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = new Properties();
        credentials.setProperty("user", user);
        if (password != null) {
            credentials.setProperty("password", password);
        }
        credentials.setProperty("ApplicationName", "joinery-run-sql");
    }

    /**
     * A last look at the transaction before it commits (e.g. "did this DDL break tracked tables?").
     * It may query {@code connection}; throwing rolls everything back and fails the call.
     */
    @FunctionalInterface
    public interface BeforeCommit {
        void check(Connection connection) throws SQLException;

        BeforeCommit NOTHING = connection -> { };
    }

    /** Emits the result, or a {@link SQLException} (with SQLSTATE) when a statement fails. */
    public Mono<RunSqlResult> run(String sql, boolean readOnly) {
        return run(sql, readOnly, BeforeCommit.NOTHING);
    }

    /** As {@link #run(String, boolean)}, with {@code beforeCommit} run inside the transaction. */
    public Mono<RunSqlResult> run(String sql, boolean readOnly, BeforeCommit beforeCommit) {
        return run(sql, readOnly, beforeCommit, DEFAULT_TIMEOUT);
    }

    /** As {@link #run(String, boolean, BeforeCommit)}, cancelled after {@code timeout} (whole seconds, at least 1). */
    public Mono<RunSqlResult> run(String sql, boolean readOnly, BeforeCommit beforeCommit, Duration timeout) {
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a run_sql timeout is at least 1 second, got " + timeout);
        }
        return Mono.fromCallable(() -> runBlocking(sql, readOnly, beforeCommit, timeout))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private RunSqlResult runBlocking(String sql, boolean readOnly, BeforeCommit beforeCommit, Duration timeout)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, credentials)) {
            c.setAutoCommit(false);
            c.setReadOnly(readOnly);
            try (Statement s = c.createStatement()) {
                // LOCAL: for this transaction only; a SET in the user's SQL comes later and wins
                s.execute("SET LOCAL search_path TO public");
                s.execute("SET LOCAL statement_timeout TO " + timeout.toMillis());
                s.setQueryTimeout(Math.toIntExact(timeout.toSeconds() + BACKSTOP_SECONDS));
                RunSqlResult last = new RunSqlResult(null, null);
                boolean isResultSet = s.execute(sql);
                while (true) {
                    if (isResultSet) {
                        try (ResultSet rs = s.getResultSet()) {
                            last = tuples(rs);
                        }
                    } else if (s.getUpdateCount() == -1) {
                        break;
                    } else {
                        last = new RunSqlResult(null, null);
                    }
                    isResultSet = s.getMoreResults();
                }
                beforeCommit.check(c);
                c.commit();
                return last;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static RunSqlResult tuples(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.add(rs.getString(i));
            }
            rows.add(row);
        }
        return new RunSqlResult(List.copyOf(columns), java.util.Collections.unmodifiableList(rows));
    }
}
