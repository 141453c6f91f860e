package io.joinery.gateway.metadata;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's metadata in Postgres (`JOINERY_METADATA_DATABASE_URL`, SPEC §14), shared by every
 * replica: ONE row of `joinery_gateway.metadata` holding the metadata JSON (as text, so its key
 * order survives) and the `resource_version`.
 *
 * <p>Invariants: a write is conditional on the `resource_version` it replaces (a replica that lost
 * a race gets `conflict`, never overwrites), and sends `NOTIFY` on {@value #CHANNEL} with the new
 * version in the same transaction, so other replicas hear of it once it is committed. All I/O is
 * r2dbc (non-blocking).
 */
public final class MetadataTable {
    /** The notification channel of metadata changes. */
    public static final String CHANNEL = "joinery_gateway_metadata";
    private static final long LOCK_KEY = 4242002L;

    /** The stored row. */
    public record Stored(GatewayMetadata metadata, long resourceVersion) {}

    private final ConnectionPool pool;

    public MetadataTable(ConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * Creates the schema and table when missing and stores {@code seed} at version 1 when the table
     * is empty (the metadata file, when one is given: it seeds an empty store only); the row.
     */
    public Mono<Stored> openAndLoad(GatewayMetadata seed) {
        return inTransaction(c -> execute(c, "SELECT pg_advisory_xact_lock($1)", LOCK_KEY)
                .then(execute(c, "CREATE SCHEMA IF NOT EXISTS joinery_gateway"))
                .then(execute(c, """
                        CREATE TABLE IF NOT EXISTS joinery_gateway.metadata (
                          id integer PRIMARY KEY CHECK (id = 1),
                          metadata text NOT NULL,
                          resource_version bigint NOT NULL,
                          updated_at timestamptz NOT NULL DEFAULT now())"""))
                .then(execute(c, "INSERT INTO joinery_gateway.metadata (id, metadata, resource_version) "
                        + "VALUES (1, $1, 1) ON CONFLICT (id) DO NOTHING", Json.write(seed.toJson()))))
                .then(read());
    }

    /** The row as stored now. */
    public Mono<Stored> read() {
        return Mono.usingWhen(pool.create(), c -> rows(c, "SELECT metadata, resource_version FROM joinery_gateway.metadata "
                        + "WHERE id = 1", row -> new Stored(
                                GatewayMetadata.parse(Json.parseJsonOrYaml(row.get("metadata", String.class)),
                                        ErrorPath.root()),
                                row.get("resource_version", Long.class))).single(),
                        Connection::close)
                .onErrorMap(MetadataTable::unreachable);
    }

    /** The stored `resource_version`: what replicas compare with theirs. */
    public Mono<Long> resourceVersion() {
        return Mono.usingWhen(pool.create(), c -> rows(c, "SELECT resource_version FROM joinery_gateway.metadata "
                        + "WHERE id = 1", row -> row.get("resource_version", Long.class)).single(),
                        Connection::close)
                .onErrorMap(MetadataTable::unreachable);
    }

    /** Stores {@code metadata} at {@code next}, provided the row is still at {@code expected}; else `conflict`. */
    public Mono<Void> save(GatewayMetadata metadata, long expected, long next) {
        return inTransaction(c -> rows(c, "UPDATE joinery_gateway.metadata SET metadata = $1, resource_version = $2, "
                        + "updated_at = now() WHERE id = 1 AND resource_version = $3 RETURNING resource_version",
                        row -> row.get("resource_version", Long.class), Json.write(metadata.toJson()), next, expected)
                .collectList()
                .flatMap(updated -> updated.size() == 1
                        ? execute(c, "SELECT pg_notify($1, $2)", CHANNEL, Long.toString(next))
                        : Mono.error(new JoineryException(ErrorCode.CONFLICT,
                                "metadata was changed concurrently by another replica; retry", ErrorPath.root(), null,
                                409))))
                .then()
                .onErrorMap(e -> !(e instanceof JoineryException), MetadataTable::unreachable);
    }

    private <T> Mono<T> inTransaction(Function<Connection, Mono<T>> work) {
        return Mono.usingWhen(pool.create(),
                c -> Mono.from(c.beginTransaction())
                        .then(work.apply(c))
                        .flatMap(result -> Mono.from(c.commitTransaction()).thenReturn(result))
                        .switchIfEmpty(Mono.from(c.commitTransaction()).then(Mono.empty()))
                        .onErrorResume(e -> Mono.from(c.rollbackTransaction()).then(Mono.error(e))),
                Connection::close);
    }

    private static Mono<Long> execute(Connection c, String sql, Object... params) {
        return Flux.from(bind(c.createStatement(sql), params).execute())
                .flatMap(result -> result.getRowsUpdated())
                .reduce(0L, Long::sum);
    }

    private static <T> Flux<T> rows(Connection c, String sql, Function<io.r2dbc.spi.Readable, T> read,
                                    Object... params) {
        return Flux.from(bind(c.createStatement(sql), params).execute())
                .flatMap(result -> result.map(read));
    }

    private static Statement bind(Statement statement, Object... params) {
        for (int i = 0; i < params.length; i++) {
            statement.bind(i, params[i]);
        }
        return statement;
    }

    private static Throwable unreachable(Throwable e) {
        if (e instanceof JoineryException) {
            return e;
        }
        return new JoineryException(ErrorCode.POSTGRES_ERROR, "the metadata database failed: " + e.getMessage(),
                ErrorPath.root(), null, 503);
    }
}
