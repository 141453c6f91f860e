package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.CatalogMigrations;
import io.joinery.child.db.PgCatalogReader;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The child's first snapshot, at start-up:
 *
 * <pre>
 * CatalogMigrations (Joinery's own tables created or upgraded)
 *   ─▶ MetadataRow.openAndLoad ─▶ file metadata (JOINERY_METADATA), when given, replaces the row's
 *   ─▶ PgCatalogReader.read ─▶ MetadataResolver.snapshot (version 1)
 * </pre>
 *
 * Stored metadata may be inconsistent (kept and listed); file metadata may be inconsistent but not
 * unsupported (`not-supported`).
 */
public final class MetadataLoader {
    private final CatalogMigrations migrations;
    private final MetadataRow row;
    private final PgCatalogReader catalog;
    private final MetadataResolver resolver;
    private final Optional<JsonNode> fileMetadata;

    /** Parsed metadata and its resource version, ready to resolve. */
    private record Loaded(ChildMetadata metadata, long resourceVersion) {}

    public MetadataLoader(CatalogMigrations migrations, MetadataRow row, PgCatalogReader catalog,
                          MetadataResolver resolver, Optional<JsonNode> fileMetadata) {
        this.migrations = migrations;
        this.row = row;
        this.catalog = catalog;
        this.resolver = resolver;
        this.fileMetadata = fileMetadata;
    }

    public Mono<ChildSnapshot> load() {
        return Mono.defer(() -> migrations.migrate()
                .then(row.openAndLoad())
                .flatMap(stored -> {
                    ChildMetadata metadata = ChildMetadataParser.parse(Json.parseBody(stored.metadataJson()),
                            ErrorPath.root(), true);
                    if (fileMetadata.isEmpty()) {
                        return Mono.just(new Loaded(metadata, stored.resourceVersion()));
                    }
                    ChildMetadata fromFile = ChildMetadataParser.parse(unwrapExport(fileMetadata.get()),
                            ErrorPath.root(), false);
                    if (MetadataRow.exported(fromFile).equals(stored.metadataJson())) {
                        return Mono.just(new Loaded(fromFile, stored.resourceVersion()));
                    }
                    long next = stored.resourceVersion() + 1;
                    return row.save(fromFile, stored.resourceVersion(), next).thenReturn(new Loaded(fromFile, next));
                })
                .flatMap(loaded -> catalog.read().map(now -> resolver.snapshot(loaded.metadata(), now,
                        loaded.resourceVersion()).withVersions(1, loaded.resourceVersion()))));
    }

    /** An `export_metadata` `version: 2` answer `{resource_version, metadata}` is accepted as a file too. */
    private static JsonNode unwrapExport(JsonNode file) {
        return file.isObject() && file.has("metadata") && file.has("resource_version") ? file.get("metadata") : file;
    }
}
