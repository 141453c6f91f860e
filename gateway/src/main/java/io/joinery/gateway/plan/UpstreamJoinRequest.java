package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.schema.GraphQLType;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Writes the text of one join request (SPEC §5.3 step 3): one aliased root field per distinct
 * tuple of lhs values, template variables replaced by the values as GraphQL literals of the
 * target's types, checked and escaped by {@link JoinLiteral} (SPEC §11.2).
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

    /** The id whose batch alias is exactly {@code key} (`f7`, not `f07`), or -1; without making a string. */
    public static int idOf(String key) {
        int length = key.length();
        if (length < 2 || length > 10 || key.charAt(0) != 'f' || (key.charAt(1) == '0' && length > 2)) {
            return -1;
        }
        int id = 0;
        for (int i = 1; i < length; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    /**
     * One join request: its text, the variables it sends (the client's it forwards, then the
     * generated ones), the generated variables' values (SPEC §5.2: what a client variable adds to
     * a partly templated argument), the ids of the tuples it asks for, and the tuples left out
     * because a value of theirs cannot be written into a document ({@link JoinLiteral}). When
     * {@code sent} is empty there is nothing to send.
     */
    public record Document(String text, List<String> variables, ObjectNode generatedValues, List<Integer> sent,
                           Map<Integer, Refusal> refused) {
        public Document {
            variables = List.copyOf(variables);
            sent = List.copyOf(sent);
            refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
        }
    }

    /**
     * Why a tuple was left out: a message for the client (which names the lhs field, never the
     * value, that the client may not have selected) and the value, for admin requests.
     */
    public record Refusal(String message, JsonNode internal) {}

    /**
     * The request for {@code calls}, with the client's {@code variables} merged into the arguments;
     * a call whose values cannot be written safely is left out and named in {@link Document#refused}.
     */
    public static Document write(JoinNode node, List<Call> calls, ObjectNode variables) {
        RemoteFieldTemplate target = node.target();
        JoinArguments.Resolution resolution = new JoinArguments.Resolution(variables, Set.copyOf(target.variables()));
        List<JoinArgument.Field> arguments = resolution.resolve(target.arguments());
        StringBuilder out = new StringBuilder("query");
        out.append(definitions(target.variableDefinitions(), resolution.definitions())).append(" { ");
        List<JoinKey> keys = node.lhsFields();
        List<Integer> sent = new ArrayList<>(calls.size());
        Map<Integer, Refusal> refused = new LinkedHashMap<>();
        Compiled compiled = Compiled.of(target, arguments, keys);
        if (compiled != null) {
            out.ensureCapacity(out.length() + calls.size() * (compiled.length() + 16));
            for (Call call : calls) {
                int start = out.length();
                try {
                    out.append('f').append(call.id()).append(": ");
                    compiled.append(out, node, call);
                } catch (Rejected rejected) {
                    out.setLength(start);
                    refused.put(call.id(), rejected.refusal);
                    continue;
                }
                out.append(' ');
                sent.add(call.id());
            }
        }
        for (Call call : compiled == null ? calls : List.<Call>of()) {
            StringBuilder one = new StringBuilder(alias(call.id())).append(": ");
            try {
                field(one, target, arguments, (variable, type) -> {
                    for (int i = 0; i < keys.size(); i++) {
                        if (keys.get(i).lhsField().equals(variable)) {
                            return lhsValue(node, variable, call.values().get(i), type);
                        }
                    }
                    throw new IllegalStateException("template variable $" + variable + " is not an lhs field");
                });
            } catch (Rejected rejected) {
                refused.put(call.id(), rejected.refusal);
                continue;
            }
            out.append(one).append(' ');
            sent.add(call.id());
        }
        List<String> variableNames = new ArrayList<>(target.variables());
        variableNames.addAll(resolution.definitions().keySet());
        return new Document(out.append('}').toString(), variableNames, resolution.values(), sent, refused);
    }

    /**
     * One document's aliased field with the lhs values left out: the text around them, written
     * once per document, then per call only the values ({@link JoinLiteral}, checked as ever).
     */
    private record Compiled(List<String> texts, List<GraphQLType> types, int[] keyIndex, List<String> variables) {
        /** A code point no printed GraphQL holds: where an lhs value goes. */
        private static final String SLOT = "\u0000";

        /**
         * The compiled field, or null when it cannot be compiled (a template value refused, a
         * variable that is no lhs field, the marker in the text): then every call is written whole.
         */
        static Compiled of(RemoteFieldTemplate target, List<JoinArgument.Field> arguments, List<JoinKey> keys) {
            List<String> variables = new ArrayList<>();
            List<GraphQLType> types = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            try {
                field(text, target, arguments, (variable, type) -> {
                    variables.add(variable);
                    types.add(type);
                    return SLOT;
                });
            } catch (Rejected rejected) {
                return null;
            }
            int[] keyIndex = new int[variables.size()];
            for (int v = 0; v < variables.size(); v++) {
                keyIndex[v] = -1;
                for (int i = 0; i < keys.size(); i++) {
                    if (keys.get(i).lhsField().equals(variables.get(v))) {
                        keyIndex[v] = i;
                    }
                }
                if (keyIndex[v] < 0) {
                    return null;
                }
            }
            List<String> texts = new ArrayList<>(variables.size() + 1);
            int from = 0;
            for (int at = text.indexOf(SLOT); at >= 0; at = text.indexOf(SLOT, from)) {
                texts.add(text.substring(from, at));
                from = at + SLOT.length();
            }
            texts.add(text.substring(from));
            return texts.size() == variables.size() + 1 ? new Compiled(texts, types, keyIndex, variables) : null;
        }

        int length() {
            return texts.stream().mapToInt(String::length).sum();
        }

        /** The field of {@code call}; throws {@link Rejected} when a value of it cannot be written. */
        void append(StringBuilder out, JoinNode node, Call call) {
            out.append(texts.get(0));
            for (int v = 0; v < keyIndex.length; v++) {
                JsonNode value = call.values().get(keyIndex[v]);
                try {
                    JoinLiteral.write(out, value, types.get(v));
                } catch (JoinLiteral.Refused refused) {
                    throw rejected(node, variables.get(v), value, refused);
                }
                out.append(texts.get(v + 1));
            }
        }
    }

    /** A call's refusal on its way out of {@link #field}. */
    private static final class Rejected extends RuntimeException {
        final transient Refusal refusal;

        Rejected(Refusal refusal) {
            super(refusal.message(), null, false, false);
            this.refusal = refusal;
        }
    }

    private static String lhsValue(JoinNode node, String variable, JsonNode value, GraphQLType type) {
        try {
            return JoinLiteral.write(value, type);
        } catch (JoinLiteral.Refused refused) {
            throw rejected(node, variable, value, refused);
        }
    }

    private static Rejected rejected(JoinNode node, String variable, JsonNode value, JoinLiteral.Refused refused) {
        ObjectNode internal = Json.object();
        internal.put("lhs_field", variable);
        internal.set("value", value);
        return new Rejected(new Refusal("the value of lhs field \"" + variable + "\" cannot be sent to remote schema \""
                + node.remote() + "\": " + refused.getMessage(), internal));
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
        field(out, template, template.arguments(), (variable, type) -> "<" + variable + ">");
        return out.append(" }").toString();
    }

    /** {@code leafArguments}: the template's arguments of the last level, with the client's merged in. */
    private static void field(StringBuilder out, RemoteFieldTemplate template, List<JoinArgument.Field> leafArguments,
                              BiFunction<String, GraphQLType, String> valueOf) {
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
            String presets = template.presetsAt(i);
            if (!presets.isEmpty()) {
                arguments.append(arguments.length() == 0 ? "" : ", ").append(presets);
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
                               BiFunction<String, GraphQLType, String> valueOf, RemoteFieldTemplate template) {
        for (int i = 0; i < fields.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(fields.get(i).name()).append(": ");
            argument(out, fields.get(i).value(), valueOf, template);
        }
    }

    private static void argument(StringBuilder out, JoinArgument value, BiFunction<String, GraphQLType, String> valueOf,
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

    /**
     * {@code pointer}: this value's position in the template (see {@link RemoteFieldTemplate#valueTypes}).
     * A literal of the template is written with the same checks as an lhs value (where the
     * template sets a custom scalar to an object, its keys must be names).
     */
    private static void value(StringBuilder out, JsonNode value, BiFunction<String, GraphQLType, String> valueOf,
                              String pointer, RemoteFieldTemplate template) {
        if (value.isTextual() && value.asText().startsWith("$")) {
            out.append(valueOf.apply(value.asText().substring(1), template.valueTypes().get(pointer)));
        } else if (value.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!JoinLiteral.isName(field.getKey())) {
                    throw new Rejected(new Refusal("the relationship's template value at " + pointer
                            + " cannot be sent to the remote schema: it has a key that is not a GraphQL name", null));
                }
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
            try {
                out.append(JoinLiteral.write(value, null));
            } catch (JoinLiteral.Refused refused) {
                throw new Rejected(new Refusal("the relationship's template value at " + pointer
                        + " cannot be sent to the remote schema: " + refused.getMessage(), null));
            }
        }
    }
}
