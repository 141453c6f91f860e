package io.joinery.gateway.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.limits.ApiLimits;
import io.joinery.core.limits.ApiPolicyJson;
import io.joinery.core.metadata.ArgsReader;
import io.joinery.core.metadata.MetadataEnvelope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place where the gateway's metadata command names and argument shapes are read: envelope
 * → typed {@link GatewayCommand} (the gateway's {@link io.joinery.core.metadata.CommandParser};
 * `bulk` is read by the engine).
 */
public final class GatewayCommandParser {
    private GatewayCommandParser() {}

    /** One command body that is not a `bulk` (tests and fixtures build relationships this way). */
    public static GatewayCommand parse(JsonNode body, ErrorPath at) {
        return parse(MetadataEnvelope.parse(body, at), at);
    }

    /** The command of one envelope found at {@code at} (`$`, or `$.args[i]` in a bulk). */
    public static GatewayCommand parse(MetadataEnvelope envelope, ErrorPath at) {
        ErrorPath args = at.key("args");
        JsonNode node = envelope.args();
        return switch (envelope.type()) {
            case "add_remote_schema" -> new GatewayCommand.AddRemoteSchema(
                    RemoteSchemaDef.parse(node, args, Set.of()), args);
            case "update_remote_schema" -> new GatewayCommand.UpdateRemoteSchema(
                    RemoteSchemaDef.parse(node, args, Set.of()), args);
            case "remove_remote_schema" -> new GatewayCommand.RemoveRemoteSchema(name(node, args), args);
            case "create_remote_schema_remote_relationship" -> new GatewayCommand.CreateRemoteRelationship(
                    RemoteRelationshipDef.parseCommand(node, args), args);
            case "update_remote_schema_remote_relationship" -> new GatewayCommand.UpdateRemoteRelationship(
                    RemoteRelationshipDef.parseCommand(node, args), args);
            case "delete_remote_schema_remote_relationship" -> deleteRelationship(node, args);
            case "add_remote_schema_permissions" -> new GatewayCommand.AddRemoteSchemaPermissions(
                    RemoteSchemaPermissionDef.parseCommand(node, args), args);
            case "drop_remote_schema_permissions" -> dropPermissions(node, args);
            case "reload_remote_schema" -> new GatewayCommand.ReloadRemoteSchema(name(node, args), args);
            case "export_metadata" -> new GatewayCommand.ExportMetadata(
                    envelope.version() != null && envelope.version() == 2, args);
            case "replace_metadata" -> replace(envelope, args);
            case "reload_metadata" -> reload(node, args);
            case "clear_metadata" -> new GatewayCommand.ClearMetadata(args);
            case "get_inconsistent_metadata" -> new GatewayCommand.GetInconsistentMetadata(args);
            case "drop_inconsistent_metadata" -> new GatewayCommand.DropInconsistentMetadata(args);
            case "set_api_limits" -> new GatewayCommand.SetApiLimits(ApiPolicyJson.limits(node, args), args);
            case "remove_api_limits" -> new GatewayCommand.SetApiLimits(ApiLimits.NONE, args);
            case "set_graphql_schema_introspection_options" ->
                    new GatewayCommand.SetIntrospectionOptions(ApiPolicyJson.introspection(node, args), args);
            default -> throw MetadataEnvelope.unknownCommand(envelope.type(), at);
        };
    }

    private static GatewayCommand deleteRelationship(JsonNode node, ErrorPath path) {
        ArgsReader args = ArgsReader.of(node, path);
        args.rejectUnknownKeys(Set.of("remote_schema", "type_name", "type", "name"));
        return new GatewayCommand.DeleteRemoteRelationship(args.string("remote_schema"),
                RemoteRelationshipDef.typeName(args), args.string("name"), path);
    }

    private static GatewayCommand dropPermissions(JsonNode node, ErrorPath path) {
        ArgsReader args = ArgsReader.of(node, path);
        args.rejectUnknownKeys(Set.of("remote_schema", "role"));
        return new GatewayCommand.DropRemoteSchemaPermissions(args.string("remote_schema"), args.string("role"), path);
    }

    private static String name(JsonNode node, ErrorPath path) {
        ArgsReader args = ArgsReader.of(node, path);
        return args.string("name");
    }

    private static GatewayCommand replace(MetadataEnvelope envelope, ErrorPath path) {
        JsonNode node = envelope.args();
        ArgsReader args = ArgsReader.of(node, path);
        boolean version2 = envelope.version() != null ? envelope.version() == 2 : args.has("metadata");
        JsonNode metadata = node;
        ErrorPath metadataPath = path;
        boolean allowInconsistent = false;
        if (version2) {
            args.rejectUnknownKeys(Set.of("allow_inconsistent_metadata", "metadata"));
            allowInconsistent = args.bool("allow_inconsistent_metadata", false);
            metadata = args.required("metadata");
            metadataPath = path.key("metadata");
        }
        ArgsReader.of(metadata, metadataPath);
        Map<String, JsonNode> unsupported = new LinkedHashMap<>();
        if (allowInconsistent) {
            com.fasterxml.jackson.databind.node.ObjectNode kept = metadata.deepCopy();
            for (String key : GatewayMetadata.unsupportedKeys(metadata)) {
                unsupported.put(key, metadata.get(key));
                kept.remove(key);
            }
            metadata = kept;
        }
        return new GatewayCommand.ReplaceMetadata(GatewayMetadata.parse(metadata, metadataPath), allowInconsistent,
                version2, unsupported, path);
    }

    private static GatewayCommand reload(JsonNode node, ErrorPath path) {
        ArgsReader args = ArgsReader.of(node, path);
        JsonNode remotes = args.optional("reload_remote_schemas").orElse(null);
        List<String> names = null;
        if (remotes != null && remotes.isBoolean()) {
            names = remotes.asBoolean() ? null : List.of();
        } else if (remotes != null && remotes.isArray()) {
            names = ArgsReader.stringList(remotes, args.at("reload_remote_schemas"));
        } else if (remotes != null) {
            throw ArgsReader.mismatch("Boolean or Array", remotes, args.at("reload_remote_schemas"));
        }
        return new GatewayCommand.ReloadMetadata(names, path);
    }
}
