package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.joinery.child.db.PgCatalog;
import io.joinery.child.db.PgCatalogReader;
import io.joinery.child.db.RunSqlExecutor;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.InconsistentObject;
import io.joinery.core.metadata.MetadataEngine;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * `POST /v2/query` `run_sql` (SPEC §1.8): runs alone in the metadata engine's queue, because DDL
 * changes the catalog that metadata is resolved against. After DDL the catalog is re-read and a
 * new snapshot swapped in; DDL that breaks tracked objects is refused, or with `cascade` the broken
 * objects are removed from the metadata (stored with the next `resource_version`). Either way the
 * other children on the database are told, and read the catalog again (SPEC §14).
 */
public final class RunSqlRunner {
    private final Supplier<Mono<PgCatalog>> catalogNow;
    private final RunSqlExecutor runSql;
    private final MetadataRow row;
    private final MetadataResolver resolver;

    /**
     * @param catalog  re-read after DDL
     * @param row      where metadata pruned by `cascade` is saved
     * @param resolver resolves the metadata against the catalog as the DDL left it
     */
    public RunSqlRunner(RunSqlExecutor runSql, MetadataRow row, PgCatalogReader catalog, MetadataResolver resolver) {
        this.catalogNow = () -> ChildCommandApplier.readCatalog(catalog);
        this.runSql = runSql;
        this.row = row;
        this.resolver = resolver;
    }

    /** The `/v2/query` body, run in {@code engine}'s queue. */
    Mono<JsonNode> run(MetadataEngine<ChildSnapshot, ChildCommand> engine, JsonNode body, SessionVariables session) {
        return Mono.defer(() -> {
            MetadataEngine.requireAdmin(session);
            RunSqlRequest request = RunSqlRequest.parse(body);
            return engine.exclusively(turn -> Flux.fromIterable(request.statements())
                    .concatMap(statement -> runStatement(turn, statement))
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

    private Mono<JsonNode> runStatement(MetadataEngine.Turn<ChildSnapshot> turn, RunSqlRequest.Statement statement) {
        RunSqlExecutor.BeforeCommit check = statement.readOnly() || statement.cascade()
                ? RunSqlExecutor.BeforeCommit.NOTHING
                : connection -> refuseBrokenDependencies(turn.current(), PgCatalogReader.readBlocking(connection),
                        statement);
        return runSql.run(statement.sql(), statement.readOnly(), check, statement.timeout())
                .onErrorMap(SQLException.class, e -> RunSqlRequest.failure(e, statement))
                .flatMap(result -> {
                    JsonNode response = RunSqlRequest.response(result);
                    return statement.readOnly() ? Mono.just(response)
                            : refreshCatalog(turn, statement.cascade()).thenReturn(response);
                });
    }

    /**
     * Hasura's rule for `run_sql` without `cascade`: DDL that would leave tracked tables or
     * relationships dangling is refused (and rolled back) with `dependency-error`.
     */
    private void refuseBrokenDependencies(ChildSnapshot snapshot, PgCatalog catalogAfter,
                                          RunSqlRequest.Statement statement) {
        Resolution after = resolver.resolve(snapshot.metadata(), catalogAfter);
        List<InconsistentObject> broken = after.newSince(snapshot.resolution());
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
    private Mono<Void> refreshCatalog(MetadataEngine.Turn<ChildSnapshot> turn, boolean cascade) {
        return catalogNow.get().flatMap(now -> {
            ChildSnapshot snapshot = turn.current();
            if (now.equals(snapshot.catalog())) {
                return Mono.empty();
            }
            ChildSnapshot refreshed = resolver.snapshot(snapshot.metadata(), now, snapshot.resourceVersion());
            List<InconsistentObject> broken = refreshed.resolution().newSince(snapshot.resolution());
            if (!cascade || broken.isEmpty()) {
                turn.swap(refreshed);
                // the other children read the catalog again (the row's generation and a notification)
                return row.catalogChanged();
            }
            long next = snapshot.resourceVersion() + 1;
            ChildSnapshot pruned = resolver.snapshot(MetadataPruner.without(snapshot.metadata(), broken), now, next);
            return row.save(pruned.metadata(), snapshot.resourceVersion(), next)
                    .then(Mono.fromRunnable(() -> turn.swap(pruned)));
        });
    }
}
