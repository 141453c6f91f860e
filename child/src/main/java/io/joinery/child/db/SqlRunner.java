package io.joinery.child.db;

import io.joinery.child.db.SqlStatement;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.joinery.core.observe.Telemetry;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one place that talks to Postgres, through the pooled non-blocking r2dbc driver. Every method
 * borrows a connection for the duration of its publisher; {@link #inTransaction} keeps one
 * connection and one transaction for a whole unit of work.
 *
 * <p>A publisher cancelled while its statement runs (a request's `time_limit`, SPEC §11.1, or a
 * client gone) asks Postgres to cancel that statement (the protocol's CancelRequest) and rolls back
 * its transaction before the connection goes back to the pool: the work stops on the server too,
 * and the next borrower never waits behind it.
 */
public final class SqlRunner {
    private final ConnectionFactory connections;
    private final Consumer<SqlStatement> observer;
    private final Telemetry telemetry;

    public SqlRunner(ConnectionFactory connections) {
        this(connections, statement -> { });
    }

    /**
     * @param observer sees every statement just before it is sent (tests count statements with it;
     *                 it must not block)
     */
    public SqlRunner(ConnectionFactory connections, Consumer<SqlStatement> observer) {
        this(connections, observer, Telemetry.noop());
    }

    private SqlRunner(ConnectionFactory connections, Consumer<SqlStatement> observer, Telemetry telemetry) {
        this.connections = connections;
        this.observer = observer;
        this.telemetry = telemetry;
    }

    /** The same pool, with {@code observer} seeing every statement. */
    public SqlRunner observed(Consumer<SqlStatement> observer) {
        return new SqlRunner(connections, observer, telemetry);
    }

    /** The same pool, every statement timed in {@code telemetry} (`joinery_sql_statements_seconds`). */
    public SqlRunner withTelemetry(Telemetry telemetry) {
        return new SqlRunner(connections, observer, telemetry);
    }

    /** Runs a statement that returns one row with one JSON (or text) column; its text. */
    public Mono<String> queryJson(SqlStatement statement) {
        return withConnection(c -> telemetry.sqlStatement(statement.text(),
                Session.queryJson(c, observe(statement), true)));
    }

    /**
     * Runs a statement that returns one row with one JSON (or text) column; its UTF-8 bytes as
     * Postgres sent them, never decoded into text (the query hot path splices them into the answer).
     */
    public Mono<byte[]> queryJsonUtf8(SqlStatement statement) {
        return withConnection(c -> telemetry.sqlStatement(statement.text(),
                Session.queryJsonUtf8(c, observe(statement), true)));
    }

    /** Runs a statement and returns its rows as insertion-ordered maps of decoded values. */
    public Mono<List<Map<String, Object>>> query(SqlStatement statement) {
        return withConnection(c -> telemetry.sqlStatement(statement.text(),
                Session.query(c, observe(statement), true)));
    }

    /** Runs a statement for its effect; the number of rows it touched. */
    public Mono<Long> execute(SqlStatement statement) {
        return withConnection(c -> telemetry.sqlStatement(statement.text(),
                Session.execute(c, observe(statement), true)));
    }

    /** Runs {@code work} on one connection inside one transaction: commit on success, roll back on error. */
    public <T> Mono<T> inTransaction(Function<Session, Mono<T>> work) {
        return Mono.usingWhen(connections.create(),
                c -> Mono.from(c.beginTransaction())
                        .then(Mono.defer(() -> work.apply(new Session(c, observer, telemetry))))
                        .flatMap(result -> Mono.from(c.commitTransaction()).thenReturn(result))
                        .switchIfEmpty(Mono.defer(() -> Mono.from(c.commitTransaction()).then(Mono.empty())))
                        .onErrorResume(error -> Mono.from(c.rollbackTransaction())
                                .onErrorResume(rollbackError -> Mono.empty())
                                .then(Mono.error(error))),
                Connection::close,
                (c, error) -> c.close(),
                c -> cancelRunning(c).then(Mono.from(c.rollbackTransaction()).onErrorResume(e -> Mono.empty()))
                        .then(Mono.from(c.close())));
    }

    /** The server-side cancel of whatever {@code connection} is running; nothing when the driver has none. */
    private static Mono<Void> cancelRunning(Connection connection) {
        Connection driver = connection instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof Connection inner
                ? inner : connection;
        if (driver instanceof PostgresqlConnection postgres) {
            // a cancel that cannot be delivered changes nothing: the statement then ends on its own
            return postgres.cancelRequest().onErrorResume(e -> Mono.empty());
        }
        return Mono.empty();
    }


    /** Checks that the database answers; used by `/healthz`. */
    public Mono<Boolean> ping() {
        return withConnection(c -> Flux.from(c.createStatement("SELECT 1").execute())
                .flatMap(r -> r.map((row, meta) -> 1)).then(Mono.just(true)));
    }

    private SqlStatement observe(SqlStatement statement) {
        observer.accept(statement);
        return statement;
    }

    private <T> Mono<T> withConnection(Function<Connection, Mono<T>> work) {
        return Mono.usingWhen(connections.create(), work, Connection::close, (c, error) -> c.close(),
                c -> cancelRunning(c).then(Mono.from(c.close())));
    }

    /** Statements on one borrowed connection (inside {@link #inTransaction}). */
    public static final class Session {
        private final Connection connection;
        private final Consumer<SqlStatement> observer;
        private final Telemetry telemetry;

        Session(Connection connection, Consumer<SqlStatement> observer, Telemetry telemetry) {
            this.connection = connection;
            this.observer = observer;
            this.telemetry = telemetry;
        }

        public Mono<String> queryJson(SqlStatement statement) {
            return telemetry.sqlStatement(statement.text(), Mono.defer(() -> {
                observer.accept(statement);
                return queryJson(connection, statement, false);
            }));
        }

        public Mono<List<Map<String, Object>>> query(SqlStatement statement) {
            return telemetry.sqlStatement(statement.text(), Mono.defer(() -> {
                observer.accept(statement);
                return query(connection, statement, false);
            }));
        }

        public Mono<Long> execute(SqlStatement statement) {
            return telemetry.sqlStatement(statement.text(), Mono.defer(() -> {
                observer.accept(statement);
                return execute(connection, statement, false);
            }));
        }

        static Mono<String> queryJson(Connection c, SqlStatement statement, boolean autocommit) {
            return Flux.from(bind(c, statement, autocommit).execute())
                    .concatMap(r -> r.map((row, meta) -> jsonText(row.get(0))))
                    .next();
        }

        static Mono<byte[]> queryJsonUtf8(Connection c, SqlStatement statement, boolean autocommit) {
            return Flux.from(bind(c, statement, autocommit).execute())
                    .concatMap(r -> r.map((row, meta) -> jsonUtf8(row.get(0))))
                    .next();
        }

        static Mono<List<Map<String, Object>>> query(Connection c, SqlStatement statement, boolean autocommit) {
            return Flux.from(bind(c, statement, autocommit).execute())
                    .concatMap(r -> r.map(SqlRunner::rowAsMap))
                    .collectList();
        }

        static Mono<Long> execute(Connection c, SqlStatement statement, boolean autocommit) {
            return Flux.from(bind(c, statement, autocommit).execute())
                    .concatMap(Result::getRowsUpdated)
                    .reduce(0L, Long::sum);
        }
    }

    /** A fetch size larger than any result: the statement's rows come in one exchange. */
    private static final int ALL_ROWS = Integer.MAX_VALUE;

    /**
     * {@code autocommit}: the connection has no transaction open. A statement without parameters
     * then gets a fetch size, so that the driver prepares it and Postgres plans it once per connection
     * (`PgConnections`' compatibility mode: all rows in one exchange, no cursor), instead of sending it
     * as a simple query that is planned on every execution: the child's queries have no parameter
     * when nothing in them is a variable or a session value, and they are its most frequent ones.
     */
    private static Statement bind(Connection c, SqlStatement statement, boolean autocommit) {
        Statement s = c.createStatement(statement.text());
        List<Object> params = statement.params();
        if (autocommit && params.isEmpty()) {
            s.fetchSize(ALL_ROWS);
        }
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value == null) {
                s.bindNull(i, String.class);
            } else if (value instanceof List<?> list) {
                s.bind(i, list.stream().map(v -> v == null ? null : v.toString()).toArray(String[]::new));
            } else {
                s.bind(i, value);
            }
        }
        return s;
    }

    private static Map<String, Object> rowAsMap(Row row, RowMetadata meta) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < meta.getColumnMetadatas().size(); i++) {
            out.put(meta.getColumnMetadatas().get(i).getName(), row.get(i));
        }
        return out;
    }

    private static String jsonText(Object value) {
        return value instanceof Json json ? json.asString() : String.valueOf(value);
    }

    /** The driver's own array (not a copy) for `json`/`jsonb`; text encoded as UTF-8 otherwise. */
    private static byte[] jsonUtf8(Object value) {
        return value instanceof Json json ? json.asArray() : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
