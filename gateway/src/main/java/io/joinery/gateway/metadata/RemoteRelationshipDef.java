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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A remote schema relationship as declared (SPEC §5.1): a field {@code name} on the object type
 * {@code typeName} of remote {@code remoteSchema}, joined to a field of {@code target} (which may be
 * the same remote). All names are the remotes' ORIGINAL names.
 *
 * <pre>
 * {"remote_schema": "child", "type_name": "OrderResult", "name": "invoice", "definition": {"to_remote_schema":
 *   {"remote_schema": "child", "lhs_fields": ["order_id"],
 *    "remote_field": {"get_invoice": {"arguments": {"order_id": "$order_id"}}}}}}
 * </pre>
 */
public record RemoteRelationshipDef(String remoteSchema, String typeName, String name, String target,
                                    List<String> lhsFields, List<PathLevel> remoteField) {

    public RemoteRelationshipDef {
        lhsFields = List.copyOf(lhsFields);
        remoteField = List.copyOf(remoteField);
    }

    /**
     * One level of `remote_field`: a field of the target and its argument template (a JSON object;
     * a string `"$x"` anywhere in it stands for the value of lhs field `x`).
     */
    public record PathLevel(String field, ObjectNode arguments) {}

    /** Whether this is the relationship {@code (remote, type, name)}. */
    public boolean is(String remote, String type, String relationship) {
        return remoteSchema.equals(remote) && typeName.equals(type) && name.equals(relationship);
    }

    /** How inconsistency reports and dependency errors name it. */
    public String objectName() {
        return "remote_schema_remote_relationship " + name + " of type " + typeName + " in remote schema "
                + remoteSchema;
    }

    /**
     * Parses the args of `create_/update_remote_schema_remote_relationship`: `remote_schema`,
     * `type_name` (or its alias `type`), `name`, `definition`.
     */
    static RemoteRelationshipDef parseCommand(JsonNode node, ErrorPath path) {
        ArgsReader args = ArgsReader.of(node, path);
        args.rejectUnknownKeys(Set.of("remote_schema", "type_name", "type", "name", "definition"));
        String remote = args.string("remote_schema");
        String type = typeName(args);
        String name = args.string("name");
        return parseDefinition(remote, type, name, args.required("definition"), path.key("definition"));
    }

    /** `type_name`, or `type` as some Hasura docs write it. */
    static String typeName(ArgsReader args) {
        return args.optionalString("type_name").orElseGet(() -> args.string(args.has("type") ? "type" : "type_name"));
    }

    /** Parses the `remote_relationships` entries of one exported remote schema. */
    static List<RemoteRelationshipDef> parseExported(String remote, JsonNode list, ErrorPath path) {
        List<RemoteRelationshipDef> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw ArgsReader.mismatch("Array", list, path);
        }
        for (int i = 0; i < list.size(); i++) {
            ErrorPath at = path.index(i);
            ArgsReader entry = ArgsReader.of(list.get(i), at);
            entry.rejectUnknownKeys(Set.of("type_name", "type", "relationships"));
            String type = typeName(entry);
            JsonNode relationships = entry.optionalArray("relationships").orElse(null);
            if (relationships == null) {
                continue;
            }
            for (int j = 0; j < relationships.size(); j++) {
                ErrorPath relPath = at.key("relationships").index(j);
                ArgsReader rel = ArgsReader.of(relationships.get(j), relPath);
                rel.rejectUnknownKeys(Set.of("name", "definition"));
                String name = rel.string("name");
                out.add(parseDefinition(remote, type, name, rel.required("definition"), relPath.key("definition")));
            }
        }
        return out;
    }

    private static RemoteRelationshipDef parseDefinition(String remote, String type, String name, JsonNode node,
                                                         ErrorPath path) {
        ArgsReader definition = ArgsReader.of(node, path);
        if (definition.has("to_source")) {
            throw new JoineryException(ErrorCode.NOT_SUPPORTED,
                    "relationships to database sources (\"to_source\") are not supported on the gateway, which has no"
                            + " sources; use \"to_remote_schema\"", path.key("to_source"));
        }
        definition.rejectUnknownKeys(Set.of("to_remote_schema", "to_source"));
        ErrorPath toPath = path.key("to_remote_schema");
        ArgsReader to = ArgsReader.of(definition.required("to_remote_schema"), toPath);
        to.rejectUnknownKeys(Set.of("remote_schema", "lhs_fields", "remote_field"));
        String target = to.string("remote_schema");
        List<String> lhsFields = new ArrayList<>();
        JsonNode lhs = to.optionalArray("lhs_fields").orElse(null);
        if (lhs != null) {
            for (int i = 0; i < lhs.size(); i++) {
                if (!lhs.get(i).isTextual()) {
                    throw new JoineryException(ErrorCode.PARSE_FAILED, "expected a field name",
                            toPath.key("lhs_fields").index(i));
                }
                lhsFields.add(lhs.get(i).asText());
            }
        }
        List<PathLevel> levels = new ArrayList<>();
        JsonNode level = to.required("remote_field");
        ErrorPath levelPath = toPath.key("remote_field");
        while (level != null) {
            ArgsReader.of(level, levelPath);
            if (level.size() != 1) {
                throw new JoineryException(ErrorCode.PARSE_FAILED,
                        "expected exactly one field name at each level of \"remote_field\"", levelPath);
            }
            Map.Entry<String, JsonNode> only = level.fields().next();
            ErrorPath fieldPath = levelPath.key(only.getKey());
            ArgsReader field = ArgsReader.of(only.getValue(), fieldPath);
            field.rejectUnknownKeys(Set.of("arguments", "field"));
            JsonNode arguments = field.optional("arguments").orElse(null);
            if (arguments != null && !arguments.isObject()) {
                throw new JoineryException(ErrorCode.PARSE_FAILED, "expected an object for \"arguments\"",
                        fieldPath.key("arguments"));
            }
            levels.add(new PathLevel(only.getKey(), arguments == null ? Json.object() : ((ObjectNode) arguments).deepCopy()));
            level = field.optional("field").orElse(null);
            levelPath = fieldPath.key("field");
        }
        return new RemoteRelationshipDef(remote, type, name, target, lhsFields, levels);
    }

    /** The `definition` object, as exported. */
    public ObjectNode definitionJson() {
        ObjectNode out = Json.object();
        ObjectNode to = out.putObject("to_remote_schema");
        to.put("remote_schema", target);
        ArrayNode lhs = to.putArray("lhs_fields");
        lhsFields.forEach(lhs::add);
        ObjectNode level = to.putObject("remote_field");
        for (int i = 0; i < remoteField.size(); i++) {
            PathLevel step = remoteField.get(i);
            ObjectNode field = level.putObject(step.field());
            field.set("arguments", step.arguments().deepCopy());
            if (i + 1 < remoteField.size()) {
                level = field.putObject("field");
            }
        }
        return out;
    }

    /** The create-command form, for inconsistency reports. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("remote_schema", remoteSchema);
        out.put("type_name", typeName);
        out.put("name", name);
        out.set("definition", definitionJson());
        return out;
    }

    /** Groups relationships of one remote for export: `[{type_name, relationships: [{name, definition}]}]`. */
    static ArrayNode exportGroups(List<RemoteRelationshipDef> relationships) {
        ArrayNode out = Json.array();
        for (RemoteRelationshipDef rel : relationships) {
            ObjectNode group = null;
            Iterator<JsonNode> groups = out.elements();
            while (groups.hasNext()) {
                JsonNode candidate = groups.next();
                if (candidate.get("type_name").asText().equals(rel.typeName())) {
                    group = (ObjectNode) candidate;
                }
            }
            if (group == null) {
                group = out.addObject();
                group.put("type_name", rel.typeName());
                group.putArray("relationships");
            }
            ObjectNode entry = ((ArrayNode) group.get("relationships")).addObject();
            entry.put("name", rel.name());
            entry.set("definition", rel.definitionJson());
        }
        return out;
    }
}
