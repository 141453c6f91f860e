package io.joinery.core.metadata;

import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where a service keeps its declared metadata across restarts: the child's row in Postgres, the
 * gateway's file. Called by the engine after a change is applied and before it is swapped in; if
 * it fails, nothing is swapped.
 *
 * <p>A store shared by several replicas (Postgres, SPEC §14) also answers {@link #isBehind},
 * {@link #reload} and {@link #changes}: the engine uses them to catch up before every change and
 * whenever another replica signals one. A write based on a state that is no longer the stored one
 * must fail with a `conflict` {@code JoineryException}; the engine then catches up and applies the
 * change again.
 */
public interface SnapshotPersister<S, C extends MetadataCommand> {

    /** Refuses every change up front when nothing can be stored (a read-only metadata file). */
    default void checkWritable() {}

    /**
     * Stores {@code next}, whose `resource_version` is already the next one, provided the stored
     * state is still {@code previous}'s. {@code commands} are the request's commands, for work
     * that belongs in the same write (the child deletes a dropped action's stored invocations).
     */
    Mono<Void> persist(S previous, S next, List<C> commands);

    /** Shared storage: whether another process stored a newer state than {@code current}. Default: never. */
    default Mono<Boolean> isBehind(S current) {
        return Mono.just(false);
    }

    /**
     * Shared storage: the snapshot the stored state makes, built on {@code current} (what did not
     * change is reused), carrying the stored `resource_version`.
     */
    default Mono<S> reload(S current) {
        return Mono.just(current);
    }

    /** Shared storage: a signal whenever another process may have changed the stored state. Default: none. */
    default Flux<String> changes() {
        return Flux.never();
    }
}
