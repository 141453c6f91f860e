package io.joinery.child.metadata;

import io.joinery.child.schema.PgCatalog;
import io.joinery.child.schema.SchemaModel;
import java.util.List;

/**
 * One immutable state of the child: stored metadata, the catalog it was resolved against, the
 * resolved model (only consistent objects) and what is inconsistent.
 *
 * @param version         increases on EVERY swap (metadata change, reload, catalog change after
 *                        `run_sql`); caches of schemas and plans key on it
 * @param resourceVersion the metadata API's `resource_version` (SPEC §1.1)
 */
public record ChildSnapshot(long version, long resourceVersion, ChildMetadata metadata, PgCatalog catalog,
                            SchemaModel model, List<InconsistentObject> inconsistencies) {
    public ChildSnapshot {
        inconsistencies = List.copyOf(inconsistencies);
    }

    public boolean isConsistent() {
        return inconsistencies.isEmpty();
    }
}
