package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the client's arguments of a relationship field with the template's arguments of the last
 * path field (SPEC §5.2): objects key by key, lists client elements first, the template winning
 * where both set one scalar (the derived input types keep the client from doing so). Literals
 * merge when the join is planned; a client variable standing where the template sets part of the
 * value merges when the request is written, since only then is its value known. What it adds
 * travels in generated variables (`$joinery_json_var_<n>`, typed as the target types that
 * position), never re-typed as literals, so enums and custom scalars reach the target as the
 * client sent them.
 *
 * <pre>
 * template {"where": {"id": {"eq": "$id"}}};  client (where: $w), w = {"name": {"eq": "a"}, "id": {"lt": 3}}
 * → where: {id: {eq: 7, lt: $joinery_json_var_0}, name: $joinery_json_var_1}
 * </pre>
 */
final class JoinArguments {
    private JoinArguments() {}

    /**
     * The arguments of the last path field: the template's ({@code template}, at template level
     * {@code level}) in their order, merged with the client's where both set one, then the
     * client's others. Client values are printed by {@code writer}, which collects the variables
     * they forward.
     */
    static List<JoinArgument.Field> merge(ObjectNode template, int level, List<Argument> client,
                                          Map<String, String> positionTypes, UpstreamDocumentWriter writer,
                                          OperationDefinition operation) {
        Map<String, Value<?>> clientValues = new LinkedHashMap<>();
        client.forEach(argument -> clientValues.put(argument.getName(), argument.getValue()));
        Planning planning = new Planning(positionTypes, writer, operation);
        List<JoinArgument.Field> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Value<?> value = clientValues.remove(field.getKey());
            String pointer = level + "/" + field.getKey();
            out.add(new JoinArgument.Field(field.getKey(), value == null
                    ? new JoinArgument.Template(field.getValue(), pointer)
                    : planning.merge(value, field.getValue(), pointer)));
        }
        clientValues.forEach((name, value) -> out.add(new JoinArgument.Field(name,
                new JoinArgument.Client(writer.value(value)))));
        return out;
    }

    private record Planning(Map<String, String> positionTypes, UpstreamDocumentWriter writer,
                            OperationDefinition operation) {
        JoinArgument merge(Value<?> client, JsonNode template, String pointer) {
            if (client instanceof NullValue) {
                return new JoinArgument.Template(template, pointer);
            }
            if (client instanceof VariableReference variable) {
                Map<String, String> types = new LinkedHashMap<>();
                positionTypes.forEach((at, type) -> {
                    if (at.startsWith(pointer + "/")) {
                        types.put(at, type);
                    }
                });
                return new JoinArgument.Variable(variable.getName(), defaultValue(variable.getName()), template,
                        pointer, types);
            }
            if (positionTypes.containsKey(pointer + "/*")) {
                List<JoinArgument> elements = new ArrayList<>();
                if (client instanceof ArrayValue array) {
                    array.getValues().forEach(v -> elements.add(new JoinArgument.Client(writer.value(v))));
                } else {
                    elements.add(new JoinArgument.Client(writer.value(client)));
                }
                elements.addAll(templateElements(template, pointer));
                return new JoinArgument.Elements(elements);
            }
            if (!(client instanceof ObjectValue object) || !template.isObject()) {
                return new JoinArgument.Template(template, pointer);
            }
            Map<String, Value<?>> clientFields = new LinkedHashMap<>();
            for (ObjectField field : object.getObjectFields()) {
                clientFields.put(field.getName(), field.getValue());
            }
            List<JoinArgument.Field> out = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Value<?> value = clientFields.remove(field.getKey());
                String at = pointer + "/" + field.getKey();
                out.add(new JoinArgument.Field(field.getKey(), value == null
                        ? new JoinArgument.Template(field.getValue(), at) : merge(value, field.getValue(), at)));
            }
            clientFields.forEach((name, value) -> out.add(new JoinArgument.Field(name,
                    new JoinArgument.Client(writer.value(value)))));
            return new JoinArgument.Fields(out);
        }

        private JsonNode defaultValue(String variable) {
            return operation.getVariableDefinitions().stream().filter(d -> d.getName().equals(variable))
                    .map(VariableDefinition::getDefaultValue).filter(v -> v != null).findFirst()
                    .map(JoinArguments::json).orElse(null);
        }
    }

    /** The template's elements of a list it sets (a single value stands for a one-element list). */
    private static List<JoinArgument> templateElements(JsonNode template, String pointer) {
        List<JoinArgument> out = new ArrayList<>();
        if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                out.add(new JoinArgument.Template(template.get(i), pointer + "/" + i));
            }
        } else {
            out.add(new JoinArgument.Template(template, pointer));
        }
        return out;
    }

    /** A constant value (a variable's default) as JSON, as the client would have sent it. */
    static JsonNode json(Value<?> value) {
        JsonNodeFactory nodes = Json.MAPPER.getNodeFactory();
        if (value instanceof IntValue v) {
            return nodes.numberNode(v.getValue());
        }
        if (value instanceof FloatValue v) {
            return nodes.numberNode(v.getValue());
        }
        if (value instanceof StringValue v) {
            return nodes.textNode(v.getValue());
        }
        if (value instanceof BooleanValue v) {
            return nodes.booleanNode(v.isValue());
        }
        if (value instanceof EnumValue v) {
            return nodes.textNode(v.getName());
        }
        if (value instanceof ArrayValue v) {
            ArrayNode out = nodes.arrayNode();
            v.getValues().forEach(element -> out.add(json(element)));
            return out;
        }
        if (value instanceof ObjectValue v) {
            ObjectNode out = nodes.objectNode();
            v.getObjectFields().forEach(field -> out.set(field.getName(), json(field.getValue())));
            return out;
        }
        return nodes.nullNode();
    }

    /** The client variables' values merged in, per request: what they add goes to generated variables. */
    static final class Resolution {
        private final ObjectNode clientVariables;
        private final Set<String> taken;
        private final Map<String, String> definitions = new LinkedHashMap<>();
        private final ObjectNode values = Json.object();

        /** {@code taken}: the client variables the request forwards (generated names avoid them). */
        Resolution(ObjectNode clientVariables, Set<String> taken) {
            this.clientVariables = clientVariables;
            this.taken = taken;
        }

        /** Generated variables: name → type. */
        Map<String, String> definitions() {
            return definitions;
        }

        /** Generated variables: name → value. */
        ObjectNode values() {
            return values;
        }

        List<JoinArgument.Field> resolve(List<JoinArgument.Field> fields) {
            return fields.stream().map(f -> new JoinArgument.Field(f.name(), resolve(f.value()))).toList();
        }

        private JoinArgument resolve(JoinArgument value) {
            if (value instanceof JoinArgument.Variable variable) {
                JsonNode given = clientVariables.get(variable.name());
                return expand(given == null ? variable.defaultValue() : given, variable.template(), variable.pointer(),
                        variable.positionTypes());
            }
            if (value instanceof JoinArgument.Fields fields) {
                return new JoinArgument.Fields(resolve(fields.fields()));
            }
            if (value instanceof JoinArgument.Elements elements) {
                return new JoinArgument.Elements(elements.elements().stream().map(this::resolve).toList());
            }
            return value;
        }

        private JoinArgument expand(JsonNode client, JsonNode template, String pointer, Map<String, String> types) {
            if (client == null || client.isNull()) {
                return new JoinArgument.Template(template, pointer);
            }
            String elementType = types.get(pointer + "/*");
            if (elementType != null) {
                List<JoinArgument> elements = new ArrayList<>();
                if (client.isArray()) {
                    client.forEach(element -> elements.add(generated(elementType, element)));
                } else {
                    elements.add(generated(elementType, client));
                }
                elements.addAll(templateElements(template, pointer));
                return new JoinArgument.Elements(elements);
            }
            if (!client.isObject() || !template.isObject()) {
                return new JoinArgument.Template(template, pointer);
            }
            List<JoinArgument.Field> out = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.add(new JoinArgument.Field(field.getKey(), expand(client.get(field.getKey()), field.getValue(),
                        pointer + "/" + field.getKey(), types)));
            }
            Iterator<Map.Entry<String, JsonNode>> added = client.fields();
            while (added.hasNext()) {
                Map.Entry<String, JsonNode> field = added.next();
                String type = types.get(pointer + "/" + field.getKey());
                if (!template.has(field.getKey()) && type != null) {
                    out.add(new JoinArgument.Field(field.getKey(), generated(type, field.getValue())));
                }
            }
            return new JoinArgument.Fields(out);
        }

        private JoinArgument generated(String type, JsonNode value) {
            int n = definitions.size();
            String name = "joinery_json_var_" + n;
            while (taken.contains(name) || definitions.containsKey(name)) {
                name = "joinery_json_var_" + ++n;
            }
            definitions.put(name, type);
            values.set(name, value);
            return new JoinArgument.Client("$" + name);
        }
    }
}
