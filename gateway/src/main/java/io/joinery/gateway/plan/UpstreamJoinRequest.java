package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * One join request: its text, the variables it sends (the client's it forwards, then the
     * generated ones) and the generated variables' values (SPEC §5.2: what a client variable adds
     * to a partly templated argument).
     */
    public record Document(String text, List<String> variables, ObjectNode generatedValues) {
        public Document {
            variables = List.copyOf(variables);
        }
    }

    /** The request for {@code calls}, with the client's {@code variables} merged into the arguments. */
    public static Document write(JoinNode node, List<Call> calls, ObjectNode variables) {
        RemoteFieldTemplate target = node.target();
        JoinArguments.Resolution resolution = new JoinArguments.Resolution(variables, Set.copyOf(target.variables()));
        List<JoinArgument.Field> arguments = resolution.resolve(target.arguments());
        StringBuilder out = new StringBuilder("query");
        out.append(definitions(target.variableDefinitions(), resolution.definitions())).append(" { ");
        List<JoinKey> keys = node.lhsFields();
        for (Call call : calls) {
            out.append(alias(call.id())).append(": ");
            field(out, target, arguments, (variable, isEnum) -> {
                for (int i = 0; i < keys.size(); i++) {
                    if (keys.get(i).lhsField().equals(variable)) {
                        return literal(call.values().get(i), isEnum);
                    }
                }
                throw new IllegalStateException("template variable $" + variable + " is not an lhs field");
            });
            out.append(' ');
        }
        List<String> sent = new ArrayList<>(target.variables());
        sent.addAll(resolution.definitions().keySet());
        return new Document(out.append('}').toString(), sent, resolution.values());
    }

    /** The client's variable definitions (`($a: T)` or ""), then the generated ones. */
    private static String definitions(String client, Map<String, String> generated) {
        if (generated.isEmpty()) {
            return client;
        }
        StringBuilder out = new StringBuilder(client.isEmpty() ? "(" : client.substring(0, client.length() - 1) + ", ");
        boolean first = true;
        for (Map.Entry<String, String> definition : generated.entrySet()) {
            out.append(first ? "" : ", ").append('$').append(definition.getKey()).append(": ").append(definition.getValue());
            first = false;
        }
        return out.append(')').toString();
    }

    /**
     * The request for one tuple, lhs values shown as `<name>`, a client variable merged with the
     * template as `merge($var, <template value>)` (golden files).
     */
    static String preview(RemoteFieldTemplate template) {
        StringBuilder out = new StringBuilder("query");
        out.append(template.variableDefinitions()).append(" { f<n>: ");
        field(out, template, template.arguments(), (variable, isEnum) -> "<" + variable + ">");
        return out.append(" }").toString();
    }

    /** {@code leafArguments}: the template's arguments of the last level, with the client's merged in. */
    private static void field(StringBuilder out, RemoteFieldTemplate template, List<JoinArgument.Field> leafArguments,
                              BiFunction<String, Boolean, String> valueOf) {
        List<RemoteRelationshipDef.PathLevel> levels = template.levels();
        for (int i = 0; i < levels.size(); i++) {
            RemoteRelationshipDef.PathLevel level = levels.get(i);
            boolean leaf = i == levels.size() - 1;
            out.append(level.field());
            StringBuilder arguments = new StringBuilder();
            if (leaf) {
                fields(arguments, leafArguments, valueOf, template);
            } else {
                Iterator<Map.Entry<String, JsonNode>> fields = level.arguments().fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> argument = fields.next();
                    arguments.append(arguments.length() == 0 ? "" : ", ").append(argument.getKey()).append(": ");
                    value(arguments, argument.getValue(), valueOf, i + "/" + argument.getKey(), template);
                }
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

    /** `a: 1, b: {c: 2}` */
    private static void fields(StringBuilder out, List<JoinArgument.Field> fields,
                               BiFunction<String, Boolean, String> valueOf, RemoteFieldTemplate template) {
        for (int i = 0; i < fields.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(fields.get(i).name()).append(": ");
            argument(out, fields.get(i).value(), valueOf, template);
        }
    }

    private static void argument(StringBuilder out, JoinArgument value, BiFunction<String, Boolean, String> valueOf,
                                 RemoteFieldTemplate template) {
        if (value instanceof JoinArgument.Template set) {
            value(out, set.value(), valueOf, set.pointer(), template);
        } else if (value instanceof JoinArgument.Client client) {
            out.append(client.text());
        } else if (value instanceof JoinArgument.Fields object) {
            out.append('{');
            fields(out, object.fields(), valueOf, template);
            out.append('}');
        } else if (value instanceof JoinArgument.Elements list) {
            out.append('[');
            for (int i = 0; i < list.elements().size(); i++) {
                out.append(i == 0 ? "" : ", ");
                argument(out, list.elements().get(i), valueOf, template);
            }
            out.append(']');
        } else {
            JoinArgument.Variable variable = (JoinArgument.Variable) value;
            out.append("merge($").append(variable.name()).append(", ");
            value(out, variable.template(), valueOf, variable.pointer(), template);
            out.append(')');
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
