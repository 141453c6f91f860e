package io.joinery.child.metadata;

import io.joinery.child.db.PgErrors;
import io.joinery.child.db.SqlRunner;
import io.joinery.child.db.SqlStatement;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * The child's metadata in its own database: ONE row of `joinery_catalog.metadata` holding the exported
 * metadata JSON (as text, so its key order survives) and the `resource_version`. Writes are
 * conditional on the version they replace, so two children sharing a database cannot silently
 * overwrite each other.
 *
 * <p>Replicas on one database (SPEC §14): every write also bumps the row's `generation` and sends
 * `NOTIFY` on {@value #CHANNEL} in the same transaction, and so does a catalog change made by
 * `run_sql` ({@link #catalogChanged}). The row remembers the generation this process's snapshot
 * reflects; another number in the row means another replica changed something ({@link #isBehind}).
 *
 * <p>The table (and `joinery_catalog.action_invocations`, whose rows `drop_action` with
 * `clear_data` deletes here) is created by `db.CatalogMigrations` before the store opens.
 */
public final class MetadataRow {
    /** The stored row. */
    record Stored(String metadataJson, long resourceVersion, long generation) {}

    /** The notification channel of metadata and catalog changes. */
    public static final String CHANNEL = "joinery_child_metadata";

    private static final String EMPTY = "{\"version\":3,\"sources\":[]}";

    private final SqlRunner sql;
    private final SqlRunner checks;
    /** The generation the current snapshot reflects; -1 before the first load. */
    private final AtomicLong seen = new AtomicLong(-1);

    public MetadataRow(SqlRunner sql) {
        this(sql, sql);
    }

    /**
     * @param checks runs {@link #isBehind}, sent every poll interval in the background: not a request
     *               statement, so an unobserved runner
     */
    public MetadataRow(SqlRunner sql, SqlRunner checks) {
        this.sql = sql;
        this.checks = checks;
    }

    /** Returns the row, inserting the empty metadata at version 1 on first use (the table: `db.CatalogMigrations`). */
    Mono<Stored> openAndLoad() {
        return sql.execute(SqlStatement.of("INSERT INTO joinery_catalog.metadata (id, metadata, resource_version) "
                        + "VALUES (1, $1, 1) ON CONFLICT (id) DO NOTHING", EMPTY))
                .then(read())
                .doOnNext(stored -> seen.set(stored.generation()));
    }

    /** The row as stored now; the caller that builds its snapshot from it calls {@link #seen}. */
    Mono<Stored> read() {
        return sql.query(SqlStatement.of("SELECT metadata, resource_version, generation FROM joinery_catalog.metadata "
                        + "WHERE id = 1"))
                .map(rows -> {
                    Map<String, Object> row = rows.get(0);
                    return new Stored((String) row.get("metadata"), ((Number) row.get("resource_version")).longValue(),
                            ((Number) row.get("generation")).longValue());
                })
                .onErrorMap(e -> PgErrors.toJoinery(e, null, ErrorPath.root()));
    }

    /** The current snapshot now reflects {@code stored}. */
    void seen(Stored stored) {
        seen.set(stored.generation());
    }

    /** Whether another process changed the metadata or the catalog since this one last read or wrote the row. */
    Mono<Boolean> isBehind() {
        return checks.query(SqlStatement.of("SELECT generation FROM joinery_catalog.metadata WHERE id = 1"))
                .map(rows -> !rows.isEmpty() && ((Number) rows.get(0).get("generation")).longValue() != seen.get())
                .onErrorMap(e -> PgErrors.toJoinery(e, null, ErrorPath.root()));
    }

    /**
     * `run_sql` changed the catalog: other replicas must read it again. Called after this process
     * swapped in its own snapshot of the new catalog.
     */
    public Mono<Void> catalogChanged() {
        return sql.inTransaction(s -> s.query(SqlStatement.of("UPDATE joinery_catalog.metadata "
                                + "SET generation = generation + 1 WHERE id = 1 RETURNING generation"))
                        .flatMap(rows -> notifyChange(s, rows)))
                .onErrorMap(e -> PgErrors.toJoinery(e, null, ErrorPath.root()));
    }

    /**
     * Sends the notification (delivered at commit) and advances {@link #seen} only when this write
     * was the very next generation: a gap means another replica wrote meanwhile, so the next check
     * reloads.
     */
    private Mono<Void> notifyChange(SqlRunner.Session s, List<Map<String, Object>> updated) {
        if (updated.isEmpty()) {
            return Mono.empty();
        }
        long generation = ((Number) updated.get(0).get("generation")).longValue();
        return s.execute(SqlStatement.of("SELECT pg_notify($1, $2)", CHANNEL, Long.toString(generation)))
                .doOnNext(done -> seen.compareAndSet(generation - 1, generation))
                .then();
    }

    /** The exported metadata JSON, as text, so its key order survives in the row. */
    static String exported(ChildMetadata metadata) {
        return Json.write(MetadataExporter.export(metadata));
    }

    /** Stores {@code metadata} at {@code next}, provided the row is still at {@code expected}. */
    Mono<Void> save(ChildMetadata metadata, long expected, long next) {
        return save(metadata, expected, next, List.of());
    }

    /**
     * As {@link #save(ChildMetadata, long, long)}, and in the same transaction deletes the stored async
     * invocations of {@code clearedActions} (`drop_action` with `clear_data`).
     */
    Mono<Void> save(ChildMetadata metadata, long expected, long next, List<String> clearedActions) {
        String metadataJson = exported(metadata);
        SqlStatement update = SqlStatement.of("UPDATE joinery_catalog.metadata SET metadata = $1, "
                + "resource_version = $2, generation = generation + 1, updated_at = now() "
                + "WHERE id = 1 AND resource_version = $3 RETURNING generation",
                metadataJson, next, expected);
        Mono<Integer> write = sql.inTransaction(s -> s.query(update).flatMap(updated -> {
            Mono<Long> clear = clearedActions.isEmpty() || updated.isEmpty() ? Mono.just(0L)
                    : s.execute(SqlStatement.of(
                            "DELETE FROM joinery_catalog.action_invocations WHERE action_name = ANY($1::text[])",
                            List.copyOf(clearedActions)));
            return clear.then(notifyChange(s, updated)).thenReturn(updated.size());
        }));
        return write
                .flatMap(updated -> updated == 1 ? Mono.<Void>empty() : Mono.error(new JoineryException(
                        ErrorCode.CONFLICT, "metadata was changed concurrently by another process; retry",
                        ErrorPath.root(), null, 409)))
                .onErrorMap(e -> PgErrors.toJoinery(e, null, ErrorPath.root()));
    }
}
