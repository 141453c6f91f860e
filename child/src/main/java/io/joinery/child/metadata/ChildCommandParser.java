package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.limits.ApiLimits;
import io.joinery.core.limits.ApiPolicyJson;
import io.joinery.core.metadata.ArgsReader;
import io.joinery.core.metadata.MetadataEnvelope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where the child's metadata command names (`pg_track_table`, ... and the legacy
 * unprefixed aliases) are read: envelope → typed {@link ChildCommand} (the child's
 * {@link io.joinery.core.metadata.CommandParser}; `bulk` is read by the engine).
 */
public final class ChildCommandParser {
    /**
     * `pg_create_select_permission`, `pg_drop_select_permission`, ... for each {@link PermissionKind},
     * and their unprefixed legacy aliases (`create_select_permission`).
     */
    private static final Map<String, PermissionCommand> PERMISSION_COMMANDS = permissionCommands();

    private record PermissionCommand(PermissionKind kind, boolean drop) {}

    private ChildCommandParser() {}

    private static Map<String, PermissionCommand> permissionCommands() {
        Map<String, PermissionCommand> commands = new HashMap<>();
        for (PermissionKind kind : PermissionKind.values()) {
            for (boolean drop : new boolean[] {false, true}) {
                String name = (drop ? "drop_" : "create_") + kind.wireName() + "_permission";
                commands.put(name, new PermissionCommand(kind, drop));
                commands.put("pg_" + name, new PermissionCommand(kind, drop));
            }
        }
        return Map.copyOf(commands);
    }

    /** The command of one envelope found at {@code at}. */
    public static ChildCommand parse(MetadataEnvelope envelope, ErrorPath at) {
        ErrorPath argsAt = at.key("args");
        JsonNode args = envelope.args();
        PermissionCommand permission = PERMISSION_COMMANDS.get(envelope.type());
        if (permission != null) {
            ArgsReader reader = ArgsReader.of(args, argsAt);
            return permission.drop() ? dropPermission(reader, permission.kind())
                    : createPermission(reader, permission.kind());
        }
        return switch (envelope.type()) {
            case "pg_set_permission_comment", "set_permission_comment" -> setPermissionComment(ArgsReader.of(args, argsAt));
            case "pg_track_table", "track_table" -> trackTable(ArgsReader.of(args, argsAt));
            case "pg_untrack_table", "untrack_table" -> untrackTable(ArgsReader.of(args, argsAt));
            case "pg_create_object_relationship", "create_object_relationship" ->
                    createRelationship(ArgsReader.of(args, argsAt), RelationshipDef.Kind.OBJECT);
            case "pg_create_array_relationship", "create_array_relationship" ->
                    createRelationship(ArgsReader.of(args, argsAt), RelationshipDef.Kind.ARRAY);
            case "pg_drop_relationship", "drop_relationship" -> dropRelationship(ArgsReader.of(args, argsAt));
            case "pg_create_remote_relationship", "create_remote_relationship" ->
                    remoteRelationship(ArgsReader.of(args, argsAt), false);
            case "pg_update_remote_relationship", "update_remote_relationship" ->
                    remoteRelationship(ArgsReader.of(args, argsAt), true);
            case "pg_delete_remote_relationship", "delete_remote_relationship" -> {
                ArgsReader reader = ArgsReader.of(args, argsAt);
                ChildMetadata.requireDefaultSource(reader);
                yield new ChildCommand.DeleteRemoteRelationship(argsAt, QualifiedTable.read(reader, "table"),
                        reader.string("name"));
            }
            case "add_inherited_role" -> new ChildCommand.AddInheritedRole(argsAt,
                    InheritedRole.parse(ArgsReader.of(args, argsAt)));
            case "drop_inherited_role" -> new ChildCommand.DropInheritedRole(argsAt,
                    ArgsReader.of(args, argsAt).string("role_name"));
            case "set_custom_types" -> new ChildCommand.SetCustomTypes(argsAt, CustomTypesParser.parse(args, argsAt));
            case "create_action" -> createAction(args, argsAt);
            case "update_action" -> updateAction(args, argsAt);
            case "drop_action" -> {
                ArgsReader reader = ArgsReader.of(args, argsAt);
                yield new ChildCommand.DropAction(argsAt, reader.string("name"), reader.bool("clear_data", true));
            }
            case "create_action_permission" -> createActionPermission(ArgsReader.of(args, argsAt));
            case "drop_action_permission" -> {
                ArgsReader reader = ArgsReader.of(args, argsAt);
                yield new ChildCommand.DropActionPermission(argsAt, reader.string("action"), reader.string("role"));
            }
            case "export_metadata" -> new ChildCommand.ExportMetadata(argsAt,
                    envelope.version() != null && envelope.version() == 2);
            case "replace_metadata" -> replaceMetadata(envelope, argsAt);
            case "reload_metadata" -> reloadMetadata(args, argsAt);
            case "clear_metadata" -> new ChildCommand.ClearMetadata(argsAt);
            case "get_inconsistent_metadata" -> new ChildCommand.GetInconsistentMetadata(argsAt);
            case "drop_inconsistent_metadata" -> new ChildCommand.DropInconsistentMetadata(argsAt);
            case "set_api_limits" -> new ChildCommand.SetApiLimits(argsAt, ApiPolicyJson.limits(args, argsAt));
            case "remove_api_limits" -> new ChildCommand.SetApiLimits(argsAt, ApiLimits.NONE);
            case "set_graphql_schema_introspection_options" ->
                    new ChildCommand.SetIntrospectionOptions(argsAt, ApiPolicyJson.introspection(args, argsAt));
            default -> throw MetadataEnvelope.unknownCommand(envelope.type(), at);
        };
    }

    private static ChildCommand createAction(JsonNode args, ErrorPath at) {
        ActionDef action = ActionDefParser.parse(args, at);
        return new ChildCommand.CreateAction(at, action.withPermissions(List.of()));
    }

    private static ChildCommand updateAction(JsonNode args, ErrorPath at) {
        ActionDef action = ActionDefParser.parse(args, at);
        return new ChildCommand.UpdateAction(at, action.name(), action.definition(), action.comment());
    }

    private static ChildCommand createActionPermission(ArgsReader args) {
        return new ChildCommand.CreateActionPermission(args.at(), args.string("action"),
                new ActionDef.Permission(args.string("role"), args.optionalString("comment").orElse(null)));
    }

    private static ChildCommand createPermission(ArgsReader args, PermissionKind kind) {
        ChildMetadata.requireDefaultSource(args);
        QualifiedTable table = QualifiedTable.read(args, "table");
        PermissionDef permission = PermissionDefParser.parse(kind, args.required("permission"), args.at("permission"));
        return new ChildCommand.CreatePermission(args.at(), table, new TablePermission(args.string("role"), permission,
                args.optionalString("comment").orElse(null)));
    }

    /** `{source?, table, role, type: "select" | "insert" | "update" | "delete", comment?}`. */
    private static ChildCommand setPermissionComment(ArgsReader args) {
        ChildMetadata.requireDefaultSource(args);
        QualifiedTable table = QualifiedTable.read(args, "table");
        String type = args.string("type");
        PermissionKind kind = java.util.Arrays.stream(PermissionKind.values()).filter(k -> k.wireName().equals(type))
                .findFirst().orElseThrow(() -> ArgsReader.parseFailed("expected one of insert, select, update, delete,"
                        + " but found \"" + type + "\"", args.at("type")));
        return new ChildCommand.SetPermissionComment(args.at(), table, kind, args.string("role"),
                args.optionalString("comment").orElse(null));
    }

    private static ChildCommand dropPermission(ArgsReader args, PermissionKind kind) {
        ChildMetadata.requireDefaultSource(args);
        return new ChildCommand.DropPermission(args.at(), QualifiedTable.read(args, "table"), kind, args.string("role"));
    }

    private static ChildCommand trackTable(ArgsReader args) {
        ChildMetadata.requireDefaultSource(args);
        QualifiedTable table = tableArg(args);
        args.optional("configuration").filter(c -> !ArgsReader.isEmptyValue(c)).ifPresent(c -> {
            throw new JoineryException(ErrorCode.NOT_SUPPORTED,
                    "table configuration (custom_name, custom_root_fields, column_config) is not supported by Joinery",
                    args.at("configuration"));
        });
        if (args.bool("is_enum", false)) {
            throw new JoineryException(ErrorCode.NOT_SUPPORTED, "enum tables are not supported by Joinery",
                    args.at("is_enum"));
        }
        return new ChildCommand.TrackTable(args.at(), table);
    }

    private static ChildCommand untrackTable(ArgsReader args) {
        ChildMetadata.requireDefaultSource(args);
        return new ChildCommand.UntrackTable(args.at(), tableArg(args), args.bool("cascade", false));
    }

    /** `table` key, or the legacy shape with `schema`/`name` directly in args. */
    private static QualifiedTable tableArg(ArgsReader args) {
        if (!args.has("table") && args.has("name")) {
            return QualifiedTable.parse(args.node(), args.at());
        }
        return QualifiedTable.read(args, "table");
    }

    private static ChildCommand createRelationship(ArgsReader args, RelationshipDef.Kind kind) {
        ChildMetadata.requireDefaultSource(args);
        QualifiedTable table = QualifiedTable.read(args, "table");
        return new ChildCommand.CreateRelationship(args.at(), table, RelationshipParser.relationship(args, kind));
    }

    private static ChildCommand remoteRelationship(ArgsReader args, boolean replace) {
        ChildMetadata.requireDefaultSource(args);
        QualifiedTable table = QualifiedTable.read(args, "table");
        return new ChildCommand.CreateRemoteRelationship(args.at(), table, ToActionRelationship.parse(args), replace);
    }

    private static ChildCommand dropRelationship(ArgsReader args) {
        ChildMetadata.requireDefaultSource(args);
        QualifiedTable table = QualifiedTable.read(args, "table");
        return new ChildCommand.DropRelationship(args.at(), table, args.string("relationship"),
                args.bool("cascade", false));
    }

    private static ChildCommand replaceMetadata(MetadataEnvelope envelope, ErrorPath at) {
        JsonNode args = envelope.args();
        boolean v2 = envelope.version() != null ? envelope.version() == 2
                : args.isObject() && args.has("metadata");
        if (!v2) {
            return new ChildCommand.ReplaceMetadata(at, ChildMetadataParser.parse(args, at, false), false, false);
        }
        ArgsReader reader = ArgsReader.of(args, at);
        boolean allow = reader.bool("allow_inconsistent_metadata", false);
        ChildMetadata metadata = ChildMetadataParser.parse(reader.required("metadata"), reader.at("metadata"), allow);
        return new ChildCommand.ReplaceMetadata(at, metadata, allow, true);
    }

    private static ChildCommand reloadMetadata(JsonNode args, ErrorPath at) {
        ArgsReader reader = ArgsReader.of(args, at);
        for (String key : List.of("reload_remote_schemas", "reload_sources", "recreate_event_triggers")) {
            reader.optional(key).ifPresent(v -> {
                if (!v.isBoolean() && !v.isArray()) {
                    throw ArgsReader.mismatch("Boolean or Array", v, reader.at(key));
                }
            });
        }
        return new ChildCommand.ReloadMetadata(at);
    }
}
