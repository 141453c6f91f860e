package io.joinery.gateway.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.limits.ApiLimits;
import io.joinery.core.limits.IntrospectionOptions;
import io.joinery.core.metadata.MetadataCommand;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed metadata API call of the gateway (SPEC §1, §4.1), parsed once from its envelope by
 * {@link GatewayCommandParser}. {@code at} is where its args sit in the request (`$.args`, or
 * `$.args[2].args` inside `bulk`), so errors point there. Every command changes the declared
 * metadata (stored in the file, `resource_version` + 1) except the reloads, which re-introspect
 * remotes and keep the metadata, and the two that only read.
 */
public sealed interface GatewayCommand extends MetadataCommand {

    @Override
    default Effect effect() {
        if (this instanceof ExportMetadata || this instanceof GetInconsistentMetadata) {
            return Effect.READ;
        }
        return this instanceof ReloadRemoteSchema || this instanceof ReloadMetadata ? Effect.RELOAD : Effect.CHANGE;
    }

    record AddRemoteSchema(RemoteSchemaDef def, ErrorPath at) implements GatewayCommand {}

    /** `set_api_limits` (replacing all limits) and `remove_api_limits` ({@link ApiLimits#NONE}), SPEC §11.1. */
    record SetApiLimits(ApiLimits limits, ErrorPath at) implements GatewayCommand {}

    /** `set_graphql_schema_introspection_options` (SPEC §10.3). */
    record SetIntrospectionOptions(IntrospectionOptions options, ErrorPath at) implements GatewayCommand {}

    record UpdateRemoteSchema(RemoteSchemaDef def, ErrorPath at) implements GatewayCommand {}

    record RemoveRemoteSchema(String name, ErrorPath at) implements GatewayCommand {}

    /** `create_remote_schema_remote_relationship` (SPEC §5.1). */
    record CreateRemoteRelationship(RemoteRelationshipDef def, ErrorPath at) implements GatewayCommand {}

    /** `update_remote_schema_remote_relationship`. */
    record UpdateRemoteRelationship(RemoteRelationshipDef def, ErrorPath at) implements GatewayCommand {}

    /** `delete_remote_schema_remote_relationship`. */
    record DeleteRemoteRelationship(String remoteSchema, String typeName, String name, ErrorPath at)
            implements GatewayCommand {}

    record ReloadRemoteSchema(String name, ErrorPath at) implements GatewayCommand {}

    /** `add_remote_schema_permissions` (SPEC §10.4). */
    record AddRemoteSchemaPermissions(RemoteSchemaPermissionDef def, ErrorPath at) implements GatewayCommand {}

    /** `drop_remote_schema_permissions`. */
    record DropRemoteSchemaPermissions(String remoteSchema, String role, ErrorPath at) implements GatewayCommand {}

    /** {@code version2}: answer `{resource_version, metadata}` instead of the bare object. */
    record ExportMetadata(boolean version2, ErrorPath at) implements GatewayCommand {}

    /**
     * {@code unsupported}: top-level keys the gateway does not support, with their values; only
     * non-empty when {@code allowInconsistent} (they are then listed as inconsistent).
     */
    record ReplaceMetadata(GatewayMetadata metadata, boolean allowInconsistent, boolean version2,
                           Map<String, JsonNode> unsupported, ErrorPath at) implements GatewayCommand {
        public ReplaceMetadata {
            unsupported = Collections.unmodifiableMap(new LinkedHashMap<>(unsupported));
        }
    }

    /** {@code remoteSchemas}: null = all, otherwise the names to re-introspect. */
    record ReloadMetadata(List<String> remoteSchemas, ErrorPath at) implements GatewayCommand {}

    record ClearMetadata(ErrorPath at) implements GatewayCommand {}

    record GetInconsistentMetadata(ErrorPath at) implements GatewayCommand {}

    record DropInconsistentMetadata(ErrorPath at) implements GatewayCommand {}
}
