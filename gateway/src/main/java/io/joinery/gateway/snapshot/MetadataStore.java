package io.joinery.gateway.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.metadata.MetadataEngine;
import io.joinery.core.metadata.SnapshotPersister;
import io.joinery.gateway.metadata.GatewayCommand;
import io.joinery.gateway.metadata.GatewayCommandParser;
import io.joinery.gateway.metadata.GatewayMetadata;
import io.joinery.gateway.metadata.MetadataFile;
import io.joinery.gateway.schema.RemoteLoad;
import io.joinery.gateway.schema.RemoteLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's part of the metadata engine: its commands ({@link GatewayCommandParser},
 * {@link GatewayCommandApplier}) over {@link GatewaySnapshot}s, kept in the metadata file
 * ({@link MetadataFile}, written on a worker thread before the swap), plus the background retry of
 * unreachable remotes, which runs in the same queue.
 */
public final class MetadataStore {
    private final MetadataEngine<GatewaySnapshot, GatewayCommand> engine;
    private final GatewayCommandApplier applier;
    private final MetadataFile file;

    private MetadataStore(MetadataEngine<GatewaySnapshot, GatewayCommand> engine, GatewayCommandApplier applier,
                          MetadataFile file) {
        this.engine = engine;
        this.applier = applier;
        this.file = file;
    }

    /** Loads every remote of {@code metadata} concurrently; remotes that fail are inconsistent. */
    public static Mono<MetadataStore> start(GatewayMetadata metadata, MetadataFile file, RemoteLoader loader) {
        return Flux.fromIterable(metadata.remoteSchemas())
                .flatMap(loader::load, 16)
                .collectList()
                .map(loads -> {
                    Map<String, RemoteLoad> byName = new LinkedHashMap<>();
                    loads.forEach(l -> byName.put(l.def().name(), l));
                    GatewaySnapshot snapshot = SnapshotBuilder.build(1, 1, metadata, byName, Set.of(), Map.of());
                    GatewayCommandApplier applier = new GatewayCommandApplier(loader);
                    return new MetadataStore(new MetadataEngine<>(snapshot, GatewayCommandParser::parse, applier,
                            new FilePersister(file)), applier, file);
                });
    }

    public GatewaySnapshot current() {
        return engine.current();
    }

    public MetadataFile file() {
        return file;
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
