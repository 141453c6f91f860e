package io.joinery.core.metadata;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Where a service keeps its declared metadata across restarts: the child's row in Postgres, the
 * gateway's file. Called by the engine after a change is applied and before it is swapped in; if
 * it fails, nothing is swapped.
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
}
