package io.joinery.child.metadata;

import io.joinery.child.db.PgCatalogReader;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.SnapshotPersister;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The child's metadata row ({@link MetadataRow}) as the metadata engine's persister, shared by every
 * child on the database (SPEC §14): a change is saved conditionally on the `resource_version` it
 * replaces; another replica's change (metadata, or the catalog after its `run_sql`) is noticed
 * through the row's generation and its notifications, and the snapshot rebuilt from the row and
 * the catalog as they are now.
 */
public final class RowPersister implements SnapshotPersister<ChildSnapshot, ChildCommand> {
    private final MetadataRow row;
    private final PgCatalogReader catalog;
    private final MetadataResolver resolver;
    private final Flux<String> changes;

    /** @param changes the payloads of notifications on {@link MetadataRow#CHANNEL} (none: polling only) */
    public RowPersister(MetadataRow row, PgCatalogReader catalog, MetadataResolver resolver, Flux<String> changes) {
        this.row = row;
        this.catalog = catalog;
        this.resolver = resolver;
        this.changes = changes;
    }

    /** Saves the row; in the same transaction deletes the async invocations of actions dropped with `clear_data`. */
    @Override
    public Mono<Void> persist(ChildSnapshot previous, ChildSnapshot next, List<ChildCommand> commands) {
        return row.save(next.metadata(), previous.resourceVersion(), next.resourceVersion(), clearedActionData(commands));
    }

    @Override
    public Mono<Boolean> isBehind(ChildSnapshot current) {
        return row.isBehind();
    }

    @Override
    public Mono<ChildSnapshot> reload(ChildSnapshot current) {
        return row.read().flatMap(stored -> {
            ChildMetadata metadata = ChildMetadataParser.parse(Json.parseBody(stored.metadataJson()), ErrorPath.root(),
                    true);
            return ChildCommandApplier.readCatalog(catalog).map(now -> {
                row.seen(stored);
                return resolver.snapshot(metadata, now, stored.resourceVersion());
            });
        });
    }

    @Override
    public Flux<String> changes() {
        return changes;
    }

    private static List<String> clearedActionData(List<ChildCommand> commands) {
        return commands.stream()
                .filter(c -> c instanceof ChildCommand.DropAction drop && drop.clearData())
                .map(c -> ((ChildCommand.DropAction) c).name())
                .toList();
    }
}
