package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.joinery.child.schema.PgCatalog;
import io.joinery.child.schema.PgCatalogReader;
import io.joinery.child.sql.PgErrors;
import io.joinery.child.sql.RunSqlExecutor;
import io.joinery.child.sql.SqlRunner;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holds the child's current {@link ChildSnapshot} and changes it through the metadata API.
 *
 * <pre>
 * request ─parse→ ChildCommand ─queue (one at a time)→ read catalog ─CommandApplier→ new state
 *         ─save row (conditional on resource_version)→ swap snapshot
 * </pre>
 * Invariants: metadata commands and `run_sql` run one at a time (a non-blocking queue); readers
 * call {@link #current()} lock-free; on any error neither the database row nor the snapshot
 * changes; {@link ChildSnapshot#version()} increases on every swap.
 */
public final class MetadataStore {
    private final MetadataTable table;
    private final PgCatalogReader catalogReader;
    private final RunSqlExecutor runSql;
    private final CommandQueue queue = new CommandQueue();
    private final AtomicReference<ChildSnapshot> current;

    private MetadataStore(MetadataTable table, PgCatalogReader catalogReader, RunSqlExecutor runSql,
                          ChildSnapshot initial) {
        this.table = table;
        this.catalogReader = catalogReader;
        this.runSql = runSql;
        this.current = new AtomicReference<>(initial);
    }

    /**
     * Loads the metadata stored in `joinery_catalog` (its tables made by `db.CatalogMigrations`; when
     * {@code fileMetadata} is present it replaces what the database holds: `JOINERY_METADATA`),
     * reads the catalog and resolves. File metadata may be inconsistent (kept and listed) but
     * not unsupported (`not-supported`).
     */
    public static Mono<MetadataStore> open(SqlRunner sql, RunSqlExecutor runSql, Optional<JsonNode> fileMetadata) {
        MetadataTable table = new MetadataTable(sql);
        PgCatalogReader reader = new PgCatalogReader(sql);
        return table.openAndLoad()
                .flatMap(stored -> {
                    ChildMetadata metadata = ChildMetadataParser.parse(Json.parseBody(stored.metadataJson()),
                            ErrorPath.root(), true);
                    if (fileMetadata.isEmpty()) {
                        return Mono.just(new MetadataTable.Loaded(metadata, stored.resourceVersion()));
                    }
                    ChildMetadata fromFile = ChildMetadataParser.parse(unwrapExport(fileMetadata.get()),
                            ErrorPath.root(), false);
                    String json = Json.write(MetadataExporter.export(fromFile));
                    if (json.equals(stored.metadataJson())) {
                        return Mono.just(new MetadataTable.Loaded(fromFile, stored.resourceVersion()));
                    }
                    long next = stored.resourceVersion() + 1;
                    return table.save(json, stored.resourceVersion(), next)
                            .thenReturn(new MetadataTable.Loaded(fromFile, next));
                })
                .flatMap(loaded -> reader.read().map(catalog -> {
                    MetadataState state = MetadataState.of(loaded.metadata(), catalog, loaded.resourceVersion());
                    return new MetadataStore(table, reader, runSql, snapshot(1, state));
                }));
    }

    /** An `export_metadata` `version: 2` answer `{resource_version, metadata}` is accepted as a file too. */
    private static JsonNode unwrapExport(JsonNode file) {
        return file.isObject() && file.has("metadata") && file.has("resource_version") ? file.get("metadata") : file;
    }

    public ChildSnapshot current() {
        return current.get();
    }

    /**
     * `POST /v1/metadata` after authentication: the whole body. Emits the response JSON (HTTP 200)
     * or errors with {@link JoineryException}. Commands are applied one at a time.
     */
    public Mono<JsonNode> metadata(JsonNode body, SessionVariables session) {
        return Mono.defer(() -> {
            requireAdmin(session);
            ChildCommandParser.Request request = ChildCommandParser.parse(body);
            return queue.submit(() -> execute(request));
        });
    }

    /** `POST /v2/query`: `run_sql` or a `bulk` of them (SPEC §1.8), admin only; a bulk answers an array. */
    public Mono<JsonNode> query(JsonNode body, SessionVariables session) {
        return Mono.defer(() -> {
            requireAdmin(session);
            RunSqlRequest request = RunSqlRequest.parse(body);
            return queue.submit(() -> Flux.fromIterable(request.statements())
                    .concatMap(this::runStatement)
                    .collectList()
                    .map(results -> {
                        if (!request.isBulk()) {
                            return results.get(0);
                        }
                        ArrayNode array = Json.array();
                        results.forEach(array::add);
                        return (JsonNode) array;
                    }));
        });
    }

    private Mono<JsonNode> execute(ChildCommandParser.Request request) {
        ChildSnapshot snapshot = current.get();
        if (request.resourceVersion() != null && request.resourceVersion() != snapshot.resourceVersion()) {
            throw new JoineryException(ErrorCode.CONFLICT, "metadata resource version referenced ("
                    + request.resourceVersion() + ") did not match current version", ErrorPath.root(), null, 409);
        }
        if (!request.command().isMutating()) {
            MetadataState state = new MetadataState(snapshot.metadata(), snapshot.catalog(),
                    new Resolution(snapshot.model(), snapshot.inconsistencies()), snapshot.resourceVersion());
            return Mono.just(CommandApplier.apply(state, request.command()).response());
        }
        return readCatalog().flatMap(catalog -> {
            MetadataState start = MetadataState.of(snapshot.metadata(), catalog, snapshot.resourceVersion());
            CommandApplier.Outcome outcome = CommandApplier.apply(start, request.command());
            long next = snapshot.resourceVersion() + 1;
            String json = Json.write(MetadataExporter.export(outcome.state().metadata()));
            return table.save(json, snapshot.resourceVersion(), next, clearedActionData(request.command()))
                    .then(Mono.fromSupplier(() -> {
                        MetadataState state = outcome.state();
                        swap(snapshot, new MetadataState(state.metadata(), state.catalog(), state.resolution(), next));
                        return outcome.response();
                    }));
        });
    }

    /** The actions whose async invocations the command deletes: `drop_action` with `clear_data`, also in a `bulk`. */
    private static List<String> clearedActionData(ChildCommand command) {
        if (command instanceof ChildCommand.DropAction drop) {
            return drop.clearData() ? List.of(drop.name()) : List.of();
        }
        if (command instanceof ChildCommand.Bulk bulk) {
            return bulk.commands().stream().flatMap(c -> clearedActionData(c).stream()).toList();
        }
        return List.of();
    }

    private Mono<JsonNode> runStatement(RunSqlRequest.Statement statement) {
        RunSqlExecutor.BeforeCommit check = statement.readOnly() || statement.cascade()
                ? RunSqlExecutor.BeforeCommit.NOTHING
                : connection -> refuseBrokenDependencies(PgCatalogReader.readBlocking(connection), statement);
        return runSql.run(statement.sql(), statement.readOnly(), check)
                .onErrorMap(SQLException.class, e -> RunSqlRequest.failure(e, statement))
                .flatMap(result -> {
                    JsonNode response = RunSqlRequest.response(result);
                    return statement.readOnly() ? Mono.just(response) : refreshCatalog(statement.cascade()).thenReturn(response);
                });
    }

    /**
     * Hasura's rule for `run_sql` without `cascade`: DDL that would leave tracked tables or
     * relationships dangling is refused (and rolled back) with `dependency-error`.
     */
    private void refuseBrokenDependencies(PgCatalog catalogAfter, RunSqlRequest.Statement statement) {
        ChildSnapshot snapshot = current.get();
        Resolution after = MetadataResolver.resolve(snapshot.metadata(), catalogAfter);
        List<InconsistentObject> broken = after.newSince(new Resolution(snapshot.model(), snapshot.inconsistencies()));
        if (!broken.isEmpty()) {
            String objects = String.join(", ", broken.stream().map(InconsistentObject::name).toList());
            throw new JoineryException(ErrorCode.DEPENDENCY_ERROR,
                    "cannot drop due to the following dependent objects: " + objects, statement.at());
        }
    }

    /**
     * After DDL: re-read the catalog. Objects the DDL broke become inconsistent (listed, left out of
     * the model); with `cascade: true` they are removed from the metadata instead.
     */
    private Mono<Void> refreshCatalog(boolean cascade) {
        return readCatalog().flatMap(catalog -> {
            ChildSnapshot snapshot = current.get();
            if (catalog.equals(snapshot.catalog())) {
                return Mono.empty();
            }
            MetadataState state = MetadataState.of(snapshot.metadata(), catalog, snapshot.resourceVersion());
            List<InconsistentObject> broken = state.resolution()
                    .newSince(new Resolution(snapshot.model(), snapshot.inconsistencies()));
            if (!cascade || broken.isEmpty()) {
                swap(snapshot, state);
                return Mono.empty();
            }
            long next = snapshot.resourceVersion() + 1;
            MetadataState pruned = MetadataState.of(MetadataPruner.without(snapshot.metadata(), broken), catalog, next);
            return table.save(Json.write(MetadataExporter.export(pruned.metadata())), snapshot.resourceVersion(), next)
                    .then(Mono.fromRunnable(() -> swap(snapshot, pruned)));
        });
    }

    /** The catalog; a database failure becomes `postgres-error` (the route's error shape). */
    private Mono<PgCatalog> readCatalog() {
        return catalogReader.read().onErrorMap(e -> PgErrors.toJoinery(e, null, ErrorPath.root()));
    }

    private void swap(ChildSnapshot previous, MetadataState state) {
        current.set(snapshot(previous.version() + 1, state));
    }

    private static ChildSnapshot snapshot(long version, MetadataState state) {
        return new ChildSnapshot(version, state.resourceVersion(), state.metadata(), state.catalog(),
                state.resolution().model(), state.resolution().inconsistencies());
    }

    private static void requireAdmin(SessionVariables session) {
        if (!session.isAdmin()) {
            throw new JoineryException(ErrorCode.ACCESS_DENIED, "restricted access : admin only", ErrorPath.args());
        }
    }

}
