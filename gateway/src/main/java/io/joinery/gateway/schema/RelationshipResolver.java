package io.joinery.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.language.FieldDefinition;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.metadata.InconsistentObject;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a declared remote relationship against the LHS and target remotes in their ORIGINAL names
 * (SPEC §5.1, with Hasura's reason texts) and derives the field it adds to the LHS type (§5.2).
 * Failures are `invalid-configuration` "Inconsistent object: <reason>".
 */
public final class RelationshipResolver {
    /** How deep object-typed lhs fields are read. */
    private static final int MAX_LHS_DEPTH = 3;

    private RelationshipResolver() {}

    /**
     * @param served the remotes in the schema, by name
     * @param declared the names of every declared remote schema (served or not)
     */
    public static RemoteRelationship resolve(RemoteRelationshipDef def, Map<String, RemoteSchema> served,
                                             Set<String> declared) {
        RemoteSchema lhs = served.get(def.remoteSchema());
        if (lhs == null) {
            throw inconsistent("remote schema \"" + def.remoteSchema() + "\" is inconsistent");
        }
        GraphQLType lhsType = lhs.original().getType(def.typeName());
        if (lhsType == null) {
            throw inconsistent("no type named \"" + def.typeName() + "\" defined in remote schema \""
                    + def.remoteSchema() + "\"");
        }
        if (!(lhsType instanceof GraphQLObjectType object)) {
            throw inconsistent("remote relationships on a remote schema can only be defined on object types");
        }
        RemoteSchema target = served.get(def.target());
        if (target == null) {
            throw inconsistent(declared.contains(def.target())
                    ? "remote schema \"" + def.target() + "\" is inconsistent"
                    : "remote schema with name \"" + def.target() + "\" not found");
        }
        List<String> allowed = object.getFieldDefinitions().stream()
                .filter(f -> f.getArguments().isEmpty()).map(GraphQLFieldDefinition::getName).toList();
        for (String field : def.lhsFields()) {
            if (!allowed.contains(field)) {
                throw inconsistent("field with name \"" + field + "\" is not provided by the lhs entity \""
                        + def.typeName() + "\" for defining a join condition, the allowed fields are "
                        + alternatives(allowed));
            }
        }
        Map<String, GraphQLInputType> valueTypes = new LinkedHashMap<>();
        GraphQLFieldsContainer parent = target.original().getQueryType();
        GraphQLFieldDefinition field = null;
        List<RemoteRelationshipDef.PathLevel> levels = def.remoteField();
        for (int i = 0; i < levels.size(); i++) {
            RemoteRelationshipDef.PathLevel level = levels.get(i);
            if (parent == null) {
                GraphQLType previous = GraphQLTypeUtil.unwrapAll(field.getType());
                throw inconsistent("remote field with name \"" + level.field() + "\" and type \""
                        + ((GraphQLNamedType) previous).getName() + "\" not found");
            }
            field = parent.getFieldDefinition(level.field());
            if (field == null) {
                throw inconsistent("remote field with name \"" + level.field() + "\" and type \"" + parent.getName()
                        + "\" not found");
            }
            Iterator<Map.Entry<String, JsonNode>> arguments = level.arguments().fields();
            while (arguments.hasNext()) {
                Map.Entry<String, JsonNode> argument = arguments.next();
                GraphQLArgument declaredArgument = field.getArgument(argument.getKey());
                if (declaredArgument == null) {
                    throw inconsistent("argument with name \"" + argument.getKey() + "\" not found in remote schema");
                }
                check(argument.getValue(), declaredArgument.getType(), def.lhsFields(), i + "/" + argument.getKey(),
                        valueTypes);
            }
            GraphQLType next = GraphQLTypeUtil.unwrapAll(field.getType());
            parent = next instanceof GraphQLFieldsContainer container ? container : null;
        }
        Map<String, String> lhsSelections = new LinkedHashMap<>();
        for (String lhsField : def.lhsFields()) {
            lhsSelections.put(lhsField, selectionOf(object.getFieldDefinition(lhsField).getType(), 0));
        }
        String lhsGatewayType = lhs.names().gatewayType(def.typeName());
        RelationshipArguments arguments = RelationshipArguments.derive(field, levels.get(levels.size() - 1).arguments(),
                levels.size() - 1, target.names(), "_remote_rel_" + lhsGatewayType + def.name());
        return new RemoteRelationship(def, lhsGatewayType, gatewayField(def, field, arguments, target.names()),
                arguments, lhsSelections, valueTypes);
    }

    /**
     * The sub-selection that reads a whole value of {@code type} (SPEC §5.1: lhs fields may be
     * objects): every argument-less field, objects recursively, a few levels deep.
     */
    private static String selectionOf(GraphQLType type, int depth) {
        GraphQLType bare = GraphQLTypeUtil.unwrapAll(type);
        if (!(bare instanceof GraphQLObjectType object)) {
            return "";
        }
        StringBuilder out = new StringBuilder(" {");
        for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
            GraphQLType fieldType = GraphQLTypeUtil.unwrapAll(field.getType());
            boolean composite = fieldType instanceof GraphQLObjectType;
            // interfaces and unions would need a selection per possible type: not read (a selection
            // without one is invalid upstream and would fail the whole parent field)
            boolean abstractType = fieldType instanceof graphql.schema.GraphQLInterfaceType
                    || fieldType instanceof graphql.schema.GraphQLUnionType;
            if (field.getArguments().isEmpty() && !abstractType && (!composite || depth < MAX_LHS_DEPTH)) {
                out.append(' ').append(field.getName()).append(selectionOf(field.getType(), depth + 1));
            }
        }
        return out.append(" }").toString();
    }

    /** SPEC §5.2: the last field's type (outermost nullable); its arguments come from {@code arguments}. */
    private static FieldDefinition gatewayField(RemoteRelationshipDef def, GraphQLFieldDefinition leaf,
                                                RelationshipArguments arguments, RemoteNames names) {
        Type<?> type = RelationshipArguments.rename(leaf.getDefinition().getType(), names);
        if (type instanceof NonNullType nonNull) {
            type = nonNull.getType();
        }
        return FieldDefinition.newFieldDefinition().name(def.name()).type(type)
                .inputValueDefinitions(arguments.arguments()).build();
    }

    /**
     * Literal checks of SPEC §5.1; `$x` values are only checked to name an lhs field, and the
     * target's type at their position is noted ({@code pointer}: level index, then argument, key
     * and index names, `/`-separated): their values are written as literals of that type, enums
     * and input objects checked against it (SPEC §11.2).
     */
    private static void check(JsonNode value, GraphQLInputType type, List<String> lhsFields, String pointer,
                              Map<String, GraphQLInputType> valueTypes) {
        if (value.isTextual() && value.asText().startsWith("$")) {
            String variable = value.asText().substring(1);
            if (!lhsFields.contains(variable)) {
                throw inconsistent("variable \"" + variable + "\" is not found");
            }
            valueTypes.put(pointer, type);
            return;
        }
        if (value.isNull()) {
            throw inconsistent("null is not allowed here");
        }
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            GraphQLInputType element = (GraphQLInputType) list.getWrappedType();
            if (value.isArray()) {
                if (value.size() > 1) {
                    throw inconsistent("multiple elements in list value is not supported");
                }
                if (value.size() == 1) {
                    check(value.get(0), element, lhsFields, pointer + "/0", valueTypes);
                }
            } else {
                check(value, element, lhsFields, pointer, valueTypes);
            }
            return;
        }
        String name = ((GraphQLNamedType) bare).getName();
        if (value.isArray()) {
            throw inconsistent("type \"" + name + "\" is not a list type");
        }
        if (bare instanceof GraphQLInputObjectType input) {
            if (!value.isObject()) {
                throw mismatch(name, value);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                GraphQLInputObjectField field = input.getField(entry.getKey());
                if (field == null) {
                    throw inconsistent("field with name \"" + entry.getKey() + "\" not found in input type \""
                            + name + "\"");
                }
                check(entry.getValue(), field.getType(), lhsFields, pointer + "/" + entry.getKey(), valueTypes);
            }
            return;
        }
        if (bare instanceof GraphQLEnumType) {
            if (value.isTextual()) {
                throw inconsistent("enum value is not supported");
            }
            throw mismatch(name, value);
        }
        if (bare instanceof GraphQLScalarType) {
            boolean fits = switch (name) {
                case "Int" -> value.isIntegralNumber();
                case "Float" -> value.isNumber();
                case "String" -> value.isTextual();
                case "Boolean" -> value.isBoolean();
                case "ID" -> {
                    if (!value.isTextual() && !value.isIntegralNumber()) {
                        throw inconsistent("Only ID, Int, uuid or String scalar types can be joined to the ID type,"
                                + " but received " + literalType(value));
                    }
                    yield true;
                }
                default -> true;
            };
            if (!fits) {
                throw mismatch(name, value);
            }
        }
    }

    private static JoineryException mismatch(String expected, JsonNode value) {
        return inconsistent("expected type \"" + expected + "\" but got \"" + literalType(value) + "\"");
    }

    /** The GraphQL type a JSON literal reads as (`Int`, `Float`, `List`, ...); not its JSON kind. */
    private static String literalType(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "Int";
        }
        if (value.isNumber()) {
            return "Float";
        }
        if (value.isBoolean()) {
            return "Boolean";
        }
        if (value.isObject()) {
            return "Object";
        }
        return value.isArray() ? "List" : "String";
    }

    /** `"a", "b" or "c"`. */
    private static String alternatives(List<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(i == names.size() - 1 ? " or " : ", ");
            }
            out.append('"').append(names.get(i)).append('"');
        }
        return out.toString();
    }

    static JoineryException inconsistent(String reason) {
        return new JoineryException(ErrorCode.INVALID_CONFIGURATION, InconsistentObject.REASON_PREFIX + reason,
                ErrorPath.args());
    }
}
