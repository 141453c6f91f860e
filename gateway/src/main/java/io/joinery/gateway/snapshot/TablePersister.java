package io.joinery.gateway.snapshot;

import io.joinery.core.metadata.SnapshotPersister;
import io.joinery.gateway.metadata.GatewayCommand;
import io.joinery.gateway.metadata.MetadataTable;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The metadata table ({@link MetadataTable}) as the engine's persister, shared by every gateway
 * replica (SPEC §14): saved conditionally on the `resource_version` it replaces; a newer stored
 * version (seen by a notification or the periodic check) is adopted, introspecting only the
 * remotes whose definition changed.
 */
record TablePersister(MetadataTable table, GatewayCommandApplier applier, Flux<String> changes)
        implements SnapshotPersister<GatewaySnapshot, GatewayCommand> {

    @Override
    public Mono<Void> persist(GatewaySnapshot previous, GatewaySnapshot next, List<GatewayCommand> commands) {
        return table.save(next.metadata(), previous.resourceVersion(), next.resourceVersion());
    }

    @Override
    public Mono<Boolean> isBehind(GatewaySnapshot current) {
        return table.resourceVersion().map(stored -> stored != current.resourceVersion());
    }

    @Override
    public Mono<GatewaySnapshot> reload(GatewaySnapshot current) {
        return table.read().flatMap(stored -> applier.adopt(current, stored.metadata(), stored.resourceVersion()));
    }
}
