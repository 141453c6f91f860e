package io.joinery.core.metadata;

import java.util.List;

/**
 * One immutable state a service serves from: its declared metadata, what was resolved from it
 * (the child's catalog and model, the gateway's merged schema) and what did not resolve. The
 * {@link MetadataEngine} swaps a new one in atomically on every change.
 *
 * @param <S> the service's snapshot type itself
 */
public interface MetadataSnapshot<S extends MetadataSnapshot<S>> {

    /** Increases on EVERY swap (a change, a reload, a catalog change); caches of schemas and plans key on it. */
    long version();

    /** The metadata API's `resource_version` (SPEC §1.1): increases on every change of the declared metadata. */
    long resourceVersion();

    List<InconsistentObject> inconsistencies();

    default boolean isConsistent() {
        return inconsistencies().isEmpty();
    }

    /** This snapshot with other version numbers: what the engine stamps on it when swapping it in. */
    S withVersions(long version, long resourceVersion);
}
