package io.joinery.gateway.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorPath;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed metadata API call of the gateway (SPEC §1, §4.1), parsed once from its envelope by
 * {@link GatewayCommandParser}. {@code path} is where its args sit in the request (`$.args`, or
 * `$.args[2].args` inside `bulk`), so errors point there.
 */
public sealed interface GatewayCommand {

    ErrorPath path();

    /** Whether the command changes the declared metadata (and so needs a writable file). */
    default boolean changesMetadata() {
        return false;
    }

    record AddRemoteSchema(RemoteSchemaDef def, ErrorPath path) implements GatewayCommand {
        public boolean changesMetadata() {
            return true;
        }
    }

    record UpdateRemoteSchema(RemoteSchemaDef def, ErrorPath path) implements GatewayCommand {
        public boolean changesMetadata() {
            return true;
        }
    }

    record RemoveRemoteSchema(String name, ErrorPath path) implements GatewayCommand {
        public boolean changesMetadata() {
            return true;
        }
    }

    /** `create_remote_schema_remote_relationship` (SPEC §5.1). */
    record CreateRemoteRelationship(RemoteRelationshipDef def, ErrorPath path) implements GatewayCommand {
        public boolean changesMetadata() {
            return true;
        }
    }

    /** `update_remote_schema_remote_relationship`. */
    record UpdateRemoteRelationship(RemoteRelationshipDef def, ErrorPath path) implements GatewayCommand {
        public boolean changesMetadata() {
            return true;
        }
    }

    /** `delete_remote_schema_remote_relationship`. */
    record DeleteRemoteRelationship(String remoteSchema, String typeName, String name, ErrorPath path)
            implements GatewayCommand {
        public boolean changesMetadata() {
            return true;
        }
    }

    record ReloadRemoteSchema(String name, ErrorPath path) implements GatewayCommand {}

    /** {@code version2}: answer `{resource_version, metadata}` instead of the bare object. */
    record ExportMetadata(boolean version2, ErrorPath path) implements GatewayCommand {}

    /**
     * {@code unsupported}: top-level keys the gateway does not support, with their values; only
     * non-empty when {@code allowInconsistent} (they are then listed as inconsistent).
     */
    record ReplaceMetadata(GatewayMetadata metadata, boolean allowInconsistent, boolean version2,
                           Map<String, JsonNode> unsupported, ErrorPath path) implements GatewayCommand {
        public ReplaceMetadata {
            unsupported = Collections.unmodifiableMap(new LinkedHashMap<>(unsupported));
        }

        public boolean changesMetadata() {
            return true;
        }
    }

    /** {@code remoteSchemas}: null = all, otherwise the names to re-introspect. */
    record ReloadMetadata(List<String> remoteSchemas, ErrorPath path) implements GatewayCommand {}

    record ClearMetadata(ErrorPath path) implements GatewayCommand {
        public boolean changesMetadata() {
            return true;
        }
    }

    record GetInconsistentMetadata(ErrorPath path) implements GatewayCommand {}

    record DropInconsistentMetadata(ErrorPath path) implements GatewayCommand {
        public boolean changesMetadata() {
            return true;
        }
    }

    record Bulk(List<GatewayCommand> commands, ErrorPath path) implements GatewayCommand {
        public Bulk {
            commands = List.copyOf(commands);
        }

        public boolean changesMetadata() {
            return commands.stream().anyMatch(GatewayCommand::changesMetadata);
        }
    }
}
