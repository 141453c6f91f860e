package io.joinery.gateway.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.metadata.MetadataEnvelope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The one place where the gateway's metadata command names and argument shapes are read. */
public final class GatewayCommandParser {
    private GatewayCommandParser() {}

    /** Parses a request body; {@code at} is where the envelope sits (`$`, or `$.args[i]` in bulk). */
    public static GatewayCommand parse(JsonNode body, ErrorPath at) {
        MetadataEnvelope envelope = MetadataEnvelope.parse(body, at);
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
            case "reload_remote_schema" -> new GatewayCommand.ReloadRemoteSchema(name(node, args), args);
            case "export_metadata" -> new GatewayCommand.ExportMetadata(
                    envelope.version() != null && envelope.version() == 2, args);
            case "replace_metadata" -> replace(envelope, args);
            case "reload_metadata" -> reload(node, args);
            case "clear_metadata" -> new GatewayCommand.ClearMetadata(args);
            case "get_inconsistent_metadata" -> new GatewayCommand.GetInconsistentMetadata(args);
            case "drop_inconsistent_metadata" -> new GatewayCommand.DropInconsistentMetadata(args);
            case "bulk" -> bulk(node, args);
            default -> throw MetadataEnvelope.unknownCommand(envelope.type(), at);
        };
    }

    private static GatewayCommand deleteRelationship(JsonNode node, ErrorPath path) {
        ArgsReader args = ArgsReader.of(node, path);
        args.rejectUnknownKeys(Set.of("remote_schema", "type_name", "type", "name"));
        return new GatewayCommand.DeleteRemoteRelationship(args.requiredString("remote_schema"),
                RemoteRelationshipDef.typeName(args), args.requiredString("name"), path);
    }

    private static String name(JsonNode node, ErrorPath path) {
        ArgsReader args = ArgsReader.of(node, path);
        return args.requiredString("name");
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
            allowInconsistent = args.optionalBoolean("allow_inconsistent_metadata", false);
            if (!args.has("metadata")) {
                throw new JoineryException(ErrorCode.PARSE_FAILED, "key \"metadata\" not found", path);
            }
            metadata = args.get("metadata");
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
        JsonNode remotes = args.get("reload_remote_schemas");
        List<String> names = null;
        if (remotes != null && remotes.isBoolean()) {
            names = remotes.asBoolean() ? null : List.of();
        } else if (remotes != null && remotes.isArray()) {
            names = new ArrayList<>();
            Iterator<JsonNode> elements = remotes.elements();
            int i = 0;
            while (elements.hasNext()) {
                JsonNode element = elements.next();
                if (!element.isTextual()) {
                    throw new JoineryException(ErrorCode.PARSE_FAILED, "expected a remote schema name",
                            path.key("reload_remote_schemas").index(i));
                }
                names.add(element.asText());
                i++;
            }
        } else if (remotes != null) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "expected a boolean or a list of remote schema names", path.key("reload_remote_schemas"));
        }
        return new GatewayCommand.ReloadMetadata(names, path);
    }

    private static GatewayCommand bulk(JsonNode node, ErrorPath path) {
        if (!node.isArray()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED, "expected an array of metadata commands", path);
        }
        List<GatewayCommand> commands = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            commands.add(parse(node.get(i), path.index(i)));
        }
        return new GatewayCommand.Bulk(commands, path);
    }
}
