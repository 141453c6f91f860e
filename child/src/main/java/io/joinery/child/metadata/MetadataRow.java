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
import reactor.core.publisher.Mono;

/**
 * The child's metadata in its own database: ONE row of `joinery_catalog.metadata` holding the exported
 * metadata JSON (as text, so its key order survives) and the `resource_version`. Writes are
 * conditional on the version they replace, so two children sharing a database cannot silently
 * overwrite each other.
 *
 * <p>The table (and `joinery_catalog.action_invocations`, whose rows `drop_action` with
 * `clear_data` deletes here) is created by `db.CatalogMigrations` before the store opens.
 */
public final class MetadataRow {
    /** The stored row. */
    record Stored(String metadataJson, long resourceVersion) {}

    private static final String EMPTY = "{\"version\":3,\"sources\":[]}";

    private final SqlRunner sql;

    public MetadataRow(SqlRunner sql) {
        this.sql = sql;
    }

    /** Returns the row, inserting the empty metadata at version 1 on first use (the table: `db.CatalogMigrations`). */
    Mono<Stored> openAndLoad() {
        return sql.execute(SqlStatement.of("INSERT INTO joinery_catalog.metadata (id, metadata, resource_version) "
                        + "VALUES (1, $1, 1) ON CONFLICT (id) DO NOTHING", EMPTY))
                .then(sql.query(SqlStatement.of("SELECT metadata, resource_version FROM joinery_catalog.metadata "
                        + "WHERE id = 1")))
                .map(rows -> {
                    Map<String, Object> row = rows.get(0);
                    return new Stored((String) row.get("metadata"), ((Number) row.get("resource_version")).longValue());
                });
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
                + "resource_version = $2, updated_at = now() WHERE id = 1 AND resource_version = $3",
                metadataJson, next, expected);
        Mono<Long> write = clearedActions.isEmpty() ? sql.execute(update)
                : sql.inTransaction(s -> s.execute(update).flatMap(updated -> s.execute(SqlStatement.of(
                        "DELETE FROM joinery_catalog.action_invocations WHERE action_name = ANY($1::text[])",
                        List.copyOf(clearedActions))).thenReturn(updated)));
        return write
                .flatMap(updated -> updated == 1 ? Mono.<Void>empty() : Mono.error(new JoineryException(
                        ErrorCode.CONFLICT, "metadata was changed concurrently by another process; retry",
                        ErrorPath.root(), null, 409)))
                .onErrorMap(e -> PgErrors.toJoinery(e, null, ErrorPath.root()));
    }
}
