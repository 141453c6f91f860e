package io.joinery.gateway.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.metadata.MetadataEngine;
import io.joinery.core.metadata.SnapshotPersister;
import io.joinery.gateway.metadata.GatewayCommand;
import io.joinery.gateway.metadata.GatewayCommandParser;
import io.joinery.gateway.metadata.GatewayMetadata;
import io.joinery.gateway.metadata.MetadataFile;
import io.joinery.gateway.metadata.MetadataTable;
import io.joinery.gateway.schema.RemoteLoad;
import io.joinery.gateway.schema.RemoteLoader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The gateway's part of the metadata engine: its commands ({@link GatewayCommandParser},
 * {@link GatewayCommandApplier}) over {@link GatewaySnapshot}s, kept in the metadata file
 * ({@link MetadataFile}, written on a worker thread before the swap) or, for replicas, in Postgres
 * ({@link MetadataTable} through {@link TablePersister}, followed by {@link #follow}), plus the
 * background retry of unreachable remotes, which runs in the same queue.
 */
public final class MetadataStore {
    private final MetadataEngine<GatewaySnapshot, GatewayCommand> engine;
    private final GatewayCommandApplier applier;
    private final String storage;

    private MetadataStore(MetadataEngine<GatewaySnapshot, GatewayCommand> engine, GatewayCommandApplier applier,
                          String storage) {
        this.engine = engine;
        this.applier = applier;
        this.storage = storage;
    }

    /** Loads every remote of {@code metadata} concurrently; remotes that fail are inconsistent. */
    public static Mono<MetadataStore> start(GatewayMetadata metadata, MetadataFile file, RemoteLoader loader) {
        return start(metadata, file, loader, false);
    }

    /** As above; {@code rolePermissions}: `JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS` (SPEC §10.4). */
    public static Mono<MetadataStore> start(GatewayMetadata metadata, MetadataFile file, RemoteLoader loader,
                                            boolean rolePermissions) {
        GatewayCommandApplier applier = new GatewayCommandApplier(loader, rolePermissions);
        return start(metadata, 1, loader, applier, new FilePersister(file),
                "metadata file " + file.path() + (file.isWritable() ? "" : ", read-only"), rolePermissions);
    }

    /**
     * Opens the shared metadata table ({@code seed}, the metadata file's content, fills an empty
     * one) and loads every remote it declares. {@code changes}: the table's notifications.
     */
    public static Mono<MetadataStore> startShared(GatewayMetadata seed, MetadataTable table, Flux<String> changes,
                                                  RemoteLoader loader, String description) {
        return startShared(seed, table, changes, loader, description, false);
    }

    /** As above; {@code rolePermissions}: `JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS` (SPEC §10.4). */
    public static Mono<MetadataStore> startShared(GatewayMetadata seed, MetadataTable table, Flux<String> changes,
                                                  RemoteLoader loader, String description, boolean rolePermissions) {
        GatewayCommandApplier applier = new GatewayCommandApplier(loader, rolePermissions);
        return table.openAndLoad(seed).flatMap(stored -> start(stored.metadata(), stored.resourceVersion(), loader,
                applier, new TablePersister(table, applier, changes), description, rolePermissions));
    }

    private static Mono<MetadataStore> start(GatewayMetadata metadata, long resourceVersion, RemoteLoader loader,
                                             GatewayCommandApplier applier,
                                             SnapshotPersister<GatewaySnapshot, GatewayCommand> persister,
                                             String storage, boolean rolePermissions) {
        return Flux.fromIterable(metadata.remoteSchemas())
                .flatMap(loader::load, 16)
                .collectList()
                .map(loads -> {
                    Map<String, RemoteLoad> byName = new LinkedHashMap<>();
                    loads.forEach(l -> byName.put(l.def().name(), l));
                    GatewaySnapshot snapshot = SnapshotBuilder.build(1, resourceVersion, metadata, byName, Set.of(),
                            Map.of(), rolePermissions);
                    return new MetadataStore(new MetadataEngine<>(snapshot, GatewayCommandParser::parse, applier,
                            persister), applier, storage);
                });
    }

    public GatewaySnapshot current() {
        return engine.current();
    }

    /** Where the metadata is kept, for the start-up log. */
    public String storage() {
        return storage;
    }

    /**
     * Follows the changes other replicas store (shared storage; nothing happens with a file):
     * every notification and every {@code pollInterval}. Subscribe once; dispose at shutdown.
     */
    public Flux<Boolean> follow(Duration pollInterval, Scheduler scheduler) {
        return engine.follow(pollInterval, scheduler);
    }

    /** `POST /v1/metadata` after authentication: the whole body. Emits the response JSON (HTTP 200). */
    public Mono<JsonNode> metadata(JsonNode body, SessionVariables session) {
        return engine.run(body, session);
    }

    /**
     * Introspects the remotes that failed to load and swaps in the result (background retry).
     * Emits whether some remote is still unreachable.
     */
    public Mono<Boolean> retryFailedRemotes() {
        if (!current().hasRetryableRemotes()) {
            return Mono.just(false);
        }
        return engine.exclusively(turn -> {
            GatewaySnapshot before = turn.current();
            return applier.reload(before, before.failedRemotes()).map(next -> {
                turn.swap(next);
                return next.hasRetryableRemotes();
            });
        });
    }

    /** The metadata file as the engine's persister: the declared metadata of the next snapshot is written. */
    private record FilePersister(MetadataFile file) implements SnapshotPersister<GatewaySnapshot, GatewayCommand> {
        @Override
        public void checkWritable() {
            file.checkWritable();
        }

        @Override
        public Mono<Void> persist(GatewaySnapshot previous, GatewaySnapshot next, List<GatewayCommand> commands) {
            return file.save(next.metadata());
        }
    }
}
