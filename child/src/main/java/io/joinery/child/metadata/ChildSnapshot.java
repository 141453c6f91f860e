package io.joinery.child.metadata;

import io.joinery.child.db.PgCatalog;
import io.joinery.core.metadata.InconsistentObject;
import io.joinery.core.metadata.MetadataSnapshot;
import java.util.List;

/**
 * One immutable state of the child: stored metadata, the catalog it was resolved against, and the
 * resolution (the model of the consistent objects, and what is inconsistent). Commands are applied
 * to it and yield the next one; the metadata engine swaps it in.
 *
 * @param version         increases on EVERY swap (metadata change, catalog change after
 *                        `run_sql`); caches of schemas and plans key on it
 * @param resourceVersion the metadata API's `resource_version` (SPEC §1.1)
 */
public record ChildSnapshot(long version, long resourceVersion, ChildMetadata metadata, PgCatalog catalog,
                            Resolution resolution) implements MetadataSnapshot<ChildSnapshot> {

    /** The same catalog with other metadata and its resolution. */
    public ChildSnapshot with(ChildMetadata next, Resolution nextResolution) {
        return new ChildSnapshot(version, resourceVersion, next, catalog, nextResolution);
    }

    /** The tracked tables, relationships and actions that resolved. */
    public ResolvedModel model() {
        return resolution.model();
    }

    @Override
    public List<InconsistentObject> inconsistencies() {
        return resolution.inconsistencies();
    }

    @Override
    public ChildSnapshot withVersions(long nextVersion, long nextResourceVersion) {
        return new ChildSnapshot(nextVersion, nextResourceVersion, metadata, catalog, resolution);
    }
}
