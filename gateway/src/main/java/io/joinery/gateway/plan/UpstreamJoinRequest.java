package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Writes the text of one join request (SPEC §5.3 step 3): one aliased root field per distinct
 * tuple of lhs values, template variables replaced by the values as GraphQL literals.
 *
 * <pre>
 * query { f0: get_invoice(order_id: 1) { total } f1: get_invoice(order_id: 2) { total } }
 * </pre>
 * Aliases come from {@link #alias} only, so golden files stay stable.
 */
public final class UpstreamJoinRequest {
    private UpstreamJoinRequest() {}

    /** One distinct tuple: its id (unique within the level) and its values, in `lhsFields` order. */
    public record Call(int id, List<JsonNode> values) {
        public Call {
            values = List.copyOf(values);
        }
    }

    /** The batch alias of tuple {@code id}. */
    public static String alias(int id) {
        return "f" + id;
    }

    /** The id of a batch alias, or -1 when {@code key} is not one. */
    public static int idOf(String key) {
        if (key.length() < 2 || key.charAt(0) != 'f') {
            return -1;
        }
        try {
            return Integer.parseInt(key.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static String write(JoinNode node, List<Call> calls) {
        StringBuilder out = new StringBuilder("query");
        out.append(node.target().variableDefinitions()).append(" { ");
        List<JoinKey> keys = node.lhsFields();
        for (Call call : calls) {
            out.append(alias(call.id())).append(": ");
            field(out, node.target(), (variable, isEnum) -> {
                for (int i = 0; i < keys.size(); i++) {
                    if (keys.get(i).lhsField().equals(variable)) {
                        return literal(call.values().get(i), isEnum);
                    }
                }
                throw new IllegalStateException("template variable $" + variable + " is not an lhs field");
            });
            out.append(' ');
        }
        return out.append('}').toString();
    }

    /** The request for one tuple, lhs values shown as `<name>` (golden files). */
    static String preview(RemoteFieldTemplate template) {
        StringBuilder out = new StringBuilder("query");
        out.append(template.variableDefinitions()).append(" { f<n>: ");
        field(out, template, (variable, isEnum) -> "<" + variable + ">");
        return out.append(" }").toString();
    }

    private static void field(StringBuilder out, RemoteFieldTemplate template,
                              BiFunction<String, Boolean, String> valueOf) {
        List<RemoteRelationshipDef.PathLevel> levels = template.levels();
        for (int i = 0; i < levels.size(); i++) {
            RemoteRelationshipDef.PathLevel level = levels.get(i);
            boolean leaf = i == levels.size() - 1;
            out.append(level.field());
            StringBuilder arguments = new StringBuilder();
            Iterator<Map.Entry<String, JsonNode>> fields = level.arguments().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> argument = fields.next();
                arguments.append(arguments.length() == 0 ? "" : ", ").append(argument.getKey()).append(": ");
                value(arguments, argument.getValue(), valueOf, i + "/" + argument.getKey(), template);
            }
            if (leaf && !template.clientArguments().isEmpty()) {
                arguments.append(arguments.length() == 0 ? "" : ", ").append(template.clientArguments());
            }
            if (arguments.length() > 0) {
                out.append('(').append(arguments).append(')');
            }
            if (leaf) {
                out.append(template.selection());
            } else {
                out.append(" { ");
            }
        }
        for (int i = 1; i < levels.size(); i++) {
            out.append(" }");
        }
    }

    /** {@code pointer}: this value's position in the template (see {@link RemoteFieldTemplate#enumPositions}). */
    private static void value(StringBuilder out, JsonNode value, BiFunction<String, Boolean, String> valueOf,
                              String pointer, RemoteFieldTemplate template) {
        if (value.isTextual() && value.asText().startsWith("$")) {
            out.append(valueOf.apply(value.asText().substring(1), template.enumPositions().contains(pointer)));
        } else if (value.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(first ? "" : ", ").append(field.getKey()).append(": ");
                value(out, field.getValue(), valueOf, pointer + "/" + field.getKey(), template);
                first = false;
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                value(out, value.get(i), valueOf, pointer + "/" + i, template);
            }
            out.append(']');
        } else {
            out.append(literal(value, false));
        }
    }

    /**
     * A JSON value as a GraphQL literal (JSON string escapes are valid GraphQL string escapes);
     * with {@code isEnum}, strings are written bare, as enum values.
     */
    static String literal(JsonNode value, boolean isEnum) {
        if (isEnum && value.isTextual()) {
            return value.asText();
        }
        if (value.isObject()) {
            StringBuilder out = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(first ? "" : ", ").append(field.getKey()).append(": ").append(literal(field.getValue(), isEnum));
                first = false;
            }
            return out.append('}').toString();
        }
        if (value.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(literal(value.get(i), isEnum));
            }
            return out.append(']').toString();
        }
        return Json.write(value);
    }
}
