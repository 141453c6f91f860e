package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.PgCatalog;
import io.joinery.child.db.PgCatalogReader;
import io.joinery.child.db.PgErrors;
import io.joinery.child.db.RunSqlExecutor;
import io.joinery.child.db.SqlRunner;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.MetadataEngine;
import io.joinery.core.metadata.SnapshotPersister;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The child's part of the metadata engine: its commands ({@link ChildCommandParser},
 * {@link ChildCommandApplier}) over {@link ChildSnapshot}s, kept in one row of its own database
 * ({@link MetadataRow}), plus `run_sql` ({@link RunSqlRunner}), which runs in the same queue.
 *
 * <pre>
 * request ─engine: admin, parse, bulk, queue, resource_version→ read catalog ─ChildCommandApplier→
 *         new snapshot ─save row (conditional on resource_version)→ swap
 * </pre>
 */
public final class MetadataStore {
    private final MetadataEngine<ChildSnapshot, ChildCommand> engine;
    private final RunSqlRunner runSql;

    private MetadataStore(MetadataEngine<ChildSnapshot, ChildCommand> engine, RunSqlRunner runSql) {
        this.engine = engine;
        this.runSql = runSql;
    }

    /**
     * Loads the metadata stored in `joinery_catalog` (its tables made by `db.CatalogMigrations`; when
     * {@code fileMetadata} is present it replaces what the database holds: `JOINERY_METADATA`),
     * reads the catalog and resolves. File metadata may be inconsistent (kept and listed) but
     * not unsupported (`not-supported`).
     */
    public static Mono<MetadataStore> open(SqlRunner sql, RunSqlExecutor runSql, Optional<JsonNode> fileMetadata) {
        MetadataRow table = new MetadataRow(sql);
        PgCatalogReader reader = new PgCatalogReader(sql);
        return table.openAndLoad()
                .flatMap(stored -> {
                    ChildMetadata metadata = ChildMetadataParser.parse(Json.parseBody(stored.metadataJson()),
                            ErrorPath.root(), true);
                    if (fileMetadata.isEmpty()) {
                        return Mono.just(new MetadataRow.Loaded(metadata, stored.resourceVersion()));
                    }
                    ChildMetadata fromFile = ChildMetadataParser.parse(unwrapExport(fileMetadata.get()),
                            ErrorPath.root(), false);
                    String json = exported(fromFile);
                    if (json.equals(stored.metadataJson())) {
                        return Mono.just(new MetadataRow.Loaded(fromFile, stored.resourceVersion()));
                    }
                    long next = stored.resourceVersion() + 1;
                    return table.save(json, stored.resourceVersion(), next)
                            .thenReturn(new MetadataRow.Loaded(fromFile, next));
                })
                .flatMap(loaded -> reader.read().map(catalog -> {
                    ChildSnapshot initial = ChildSnapshot.resolve(loaded.metadata(), catalog, loaded.resourceVersion())
                            .withVersions(1, loaded.resourceVersion());
                    MetadataEngine<ChildSnapshot, ChildCommand> engine = new MetadataEngine<>(initial,
                            ChildCommandParser::parse, new ChildCommandApplier(() -> readCatalog(reader)),
                            persister(table));
                    return new MetadataStore(engine,
                            new RunSqlRunner(engine, runSql, table, () -> readCatalog(reader)));
                }));
    }

    /** An `export_metadata` `version: 2` answer `{resource_version, metadata}` is accepted as a file too. */
    private static JsonNode unwrapExport(JsonNode file) {
        return file.isObject() && file.has("metadata") && file.has("resource_version") ? file.get("metadata") : file;
    }

    public ChildSnapshot current() {
        return engine.current();
    }

    /** `POST /v1/metadata` after authentication: the whole body. Emits the response JSON (HTTP 200). */
    public Mono<JsonNode> metadata(JsonNode body, SessionVariables session) {
        return engine.run(body, session);
    }

    /** `POST /v2/query`: `run_sql` or a `bulk` of them (SPEC §1.8), admin only; a bulk answers an array. */
    public Mono<JsonNode> query(JsonNode body, SessionVariables session) {
        return runSql.run(body, session);
    }

    /** The exported metadata JSON, as text, so its key order survives in the row. */
    static String exported(ChildMetadata metadata) {
        return Json.write(MetadataExporter.export(metadata));
    }

    /** Saves the row; in the same transaction deletes the async invocations of actions dropped with `clear_data`. */
    private static SnapshotPersister<ChildSnapshot, ChildCommand> persister(MetadataRow table) {
        return (previous, next, commands) -> table.save(exported(next.metadata()), previous.resourceVersion(),
                next.resourceVersion(), clearedActionData(commands));
    }

    private static List<String> clearedActionData(List<ChildCommand> commands) {
        return commands.stream()
                .filter(c -> c instanceof ChildCommand.DropAction drop && drop.clearData())
                .map(c -> ((ChildCommand.DropAction) c).name())
                .toList();
    }

    /** The catalog; a database failure becomes `postgres-error` (the route's error shape). */
    private static Mono<PgCatalog> readCatalog(PgCatalogReader reader) {
        return reader.read().onErrorMap(e -> PgErrors.toJoinery(e, null, ErrorPath.root()));
    }
}
