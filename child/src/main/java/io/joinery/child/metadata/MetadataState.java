package io.joinery.child.metadata;

import io.joinery.child.schema.PgCatalog;

/** What a command is applied to: metadata, the catalog and their resolution, at one resource version. */
public record MetadataState(ChildMetadata metadata, PgCatalog catalog, Resolution resolution, long resourceVersion) {

    public static MetadataState of(ChildMetadata metadata, PgCatalog catalog, long resourceVersion) {
        return new MetadataState(metadata, catalog, MetadataResolver.resolve(metadata, catalog), resourceVersion);
    }

    public MetadataState with(ChildMetadata next, Resolution resolution) {
        return new MetadataState(next, catalog, resolution, resourceVersion);
    }
}
