package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.ArgsReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A relationship whose target is a query action (SPEC §12), as declared on a table
 * (`remote_relationships`) or on a custom object type (`relationships`):
 * <pre>
 * {"name": "stats", "definition": {"to_action": {"action": "authorStats", "lhs_fields": ["id"],
 *                                                "arguments": {"author_id": "$id"}}}}
 * </pre>
 * {@code arguments} is a JSON object, argument name -> value, where a `"$field"` string (also inside
 * objects and lists) stands for the source row's field. {@code lhsFields} is never empty once
 * parsed: derived from the `$` references, in order of appearance, when the user left it out;
 * {@code lhsDeclared} records whether the user gave it (then every reference must be in it).
 */
public record ToActionRelationship(String name, String action, List<String> lhsFields, boolean lhsDeclared,
                                   JsonNode arguments) {
    public ToActionRelationship {
        lhsFields = List.copyOf(lhsFields);
        arguments = arguments.deepCopy();
    }

    /** The source fields `"$field"` references name, in order of appearance. */
    public static List<String> references(JsonNode value) {
        Set<String> out = new LinkedHashSet<>();
        collect(value, out);
        return List.copyOf(out);
    }

    private static void collect(JsonNode value, Set<String> out) {
        if (value.isTextual() && value.asText().startsWith("$") && value.asText().length() > 1) {
            out.add(value.asText().substring(1));
        } else if (value.isContainerNode()) {
            value.forEach(v -> collect(v, out));
        }
    }

    /** {@code arguments} with every `"$field"` replaced by the row's value of that field. */
    public static JsonNode substitute(JsonNode value, Map<String, JsonNode> row) {
        if (value.isTextual() && value.asText().startsWith("$") && value.asText().length() > 1) {
            JsonNode replacement = row.get(value.asText().substring(1));
            return replacement == null ? Json.MAPPER.nullNode() : replacement.deepCopy();
        }
        if (value.isObject()) {
            ObjectNode out = Json.object();
            value.fields().forEachRemaining(e -> out.set(e.getKey(), substitute(e.getValue(), row)));
            return out;
        }
        if (value.isArray()) {
            var out = Json.array();
            value.forEach(v -> out.add(substitute(v, row)));
            return out;
        }
        return value.deepCopy();
    }

    /**
     * `{"name", "definition": {"to_action": {...}}}`, or the create command's args (which also hold
     * `source` and `table`). A definition other than `to_action` (`to_remote_schema`, `to_source`)
     * is `not-supported` on the child.
     */
    public static ToActionRelationship parse(ArgsReader entry) {
        String name = entry.string("name");
        if (!name.matches("[_A-Za-z][_0-9A-Za-z]*")) {
            throw ArgsReader.parseFailed("\"" + name + "\" is not a valid GraphQL name", entry.at("name"));
        }
        ArgsReader definition = ArgsReader.of(entry.required("definition"), entry.at("definition"));
        if (!definition.has("to_action")) {
            List<String> keys = new ArrayList<>();
            definition.node().fieldNames().forEachRemaining(keys::add);
            throw new JoineryException(ErrorCode.NOT_SUPPORTED, "remote relationship definition " + keys
                    + " is not supported by the child: only \"to_action\" (remote schemas belong to the gateway)",
                    definition.at());
        }
        ArgsReader target = ArgsReader.of(definition.required("to_action"), definition.at("to_action"));
        String action = target.string("action");
        JsonNode arguments = target.optional("arguments").orElse(Json.object());
        if (!arguments.isObject()) {
            throw ArgsReader.mismatch("Object", arguments, target.at("arguments"));
        }
        boolean declared = target.has("lhs_fields");
        List<String> lhs = declared ? target.strings("lhs_fields") : references(arguments);
        return new ToActionRelationship(name, action, lhs, declared, arguments);
    }

    /** The exported entry: `{"name", "definition": {"to_action": {"action", "lhs_fields", "arguments"}}}`. */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("name", name);
        ObjectNode target = node.putObject("definition").putObject("to_action");
        target.put("action", action);
        var lhs = target.putArray("lhs_fields");
        lhsFields.forEach(lhs::add);
        target.set("arguments", arguments.deepCopy());
        return node;
    }

    /** Whether a `relationships` entry of a custom object type is this kind (it has a `definition`). */
    static boolean isEntry(JsonNode entry) {
        return entry.isObject() && entry.has("definition");
    }
}
