package io.joinery.gateway.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.ArgsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A remote schema permission as declared (SPEC §10.4): the part of remote {@code remoteSchema}
 * that {@code role} sees, as SDL in the remote's ORIGINAL names (a subset of its schema, with
 * `@preset` on arguments). Checked against the remote by
 * {@link io.joinery.gateway.schema.RemotePermissionResolver}.
 *
 * <pre>
 * {"remote_schema": "users", "role": "user", "definition": {"schema": "type Query { me(id: Int! @preset(value: \"x-hasura-user-id\")): User } ..."}}
 * </pre>
 */
public record RemoteSchemaPermissionDef(String remoteSchema, String role, String schema, String comment) {

    /** Whether this is the permission of {@code role} on {@code remote}. */
    public boolean is(String remote, String roleName) {
        return remoteSchema.equals(remote) && role.equals(roleName);
    }

    /** How inconsistency reports name it (Hasura's object name). */
    public String objectName() {
        return "remote_schema_permission " + role + " permission in remote schema " + remoteSchema;
    }

    /** Parses the args of `add_remote_schema_permissions`: `remote_schema`, `role`, `definition`, `comment`. */
    static RemoteSchemaPermissionDef parseCommand(JsonNode node, ErrorPath path) {
        ArgsReader args = ArgsReader.of(node, path);
        args.rejectUnknownKeys(Set.of("remote_schema", "role", "definition", "comment"));
        String remote = args.string("remote_schema");
        return parseEntry(remote, args, path);
    }

    /** Parses the `permissions` entries of one exported remote schema: `[{role, definition, comment?}]`. */
    static List<RemoteSchemaPermissionDef> parseExported(String remote, JsonNode list, ErrorPath path) {
        List<RemoteSchemaPermissionDef> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw ArgsReader.mismatch("Array", list, path);
        }
        for (int i = 0; i < list.size(); i++) {
            ErrorPath at = path.index(i);
            ArgsReader entry = ArgsReader.of(list.get(i), at);
            entry.rejectUnknownKeys(Set.of("role", "definition", "comment"));
            RemoteSchemaPermissionDef def = parseEntry(remote, entry, at);
            if (out.stream().anyMatch(p -> p.role().equals(def.role()))) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS,
                        duplicateMessage(remote, def.role()), at);
            }
            out.add(def);
        }
        return out;
    }

    private static RemoteSchemaPermissionDef parseEntry(String remote, ArgsReader args, ErrorPath path) {
        String role = args.string("role");
        ArgsReader definition = ArgsReader.of(args.required("definition"), path.key("definition"));
        definition.rejectUnknownKeys(Set.of("schema"));
        return new RemoteSchemaPermissionDef(remote, role, definition.string("schema"),
                args.optionalString("comment").orElse(null));
    }

    /** Hasura's message when {@code role} already has a permission on {@code remote}. */
    public static String duplicateMessage(String remote, String role) {
        return "permissions for role: \"" + role + "\" for remote schema:\"" + remote + "\" already exists";
    }

    /** The export entry `{role, definition: {schema}, comment?}`. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("role", role);
        out.putObject("definition").put("schema", schema);
        if (comment != null) {
            out.put("comment", comment);
        }
        return out;
    }

    /** The args of the `add_remote_schema_permissions` that adds it (inconsistency reports show this). */
    public ObjectNode commandJson() {
        ObjectNode out = Json.object();
        out.put("remote_schema", remoteSchema);
        out.setAll(toJson());
        return out;
    }

    /** The `permissions` array of one remote's export entry. */
    static ArrayNode exportList(List<RemoteSchemaPermissionDef> permissions) {
        ArrayNode list = Json.array();
        permissions.forEach(p -> list.add(p.toJson()));
        return list;
    }
}
