package io.joinery.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.language.AstPrinter;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments a relationship field offers (SPEC §5.2): the arguments of the last `remote_field`
 * level that the template leaves unset, as the target declares them; and, where the template sets
 * PART of an input object, that object's remaining fields, under a derived input type named
 * `<InputType>_remote_rel_<LhsType><relationship>` (Hasura's naming; `_2`, `_3` … when one
 * relationship derives two different types from one input type). A position the template sets
 * with a scalar, a `$x` or an empty list is not settable; nor is an object all of whose fields the
 * template sets. Derived arguments and fields are nullable (the template already gives them a value)
 * and have no default.
 *
 * <pre>
 * target:   messages(where: MessageWhere, limit: Int)   input MessageWhere { id: IntCompare  name: StringCompare }
 *           input IntCompare { eq: Int  gt: Int }        template: {"where": {"id": {"eq": "$id"}}}
 * field:    messagesOf(where: MessageWhere_remote_rel_ProfilemessagesOf, limit: Int)
 *           input MessageWhere_remote_rel_ProfilemessagesOf { id: IntCompare_remote_rel_ProfilemessagesOf  name: StringCompare }
 *           input IntCompare_remote_rel_ProfilemessagesOf { gt: Int }
 * </pre>
 *
 * {@code arguments} and {@code types} are in gateway names. {@code originalTypes}: derived type →
 * the target's own name of the input type it derives from (client variables of a derived type are
 * declared upstream under that name). {@code positionTypes}: where client values meet template
 * values, the target's type (its own names, as a variable type) of each value the client may add
 * there, keyed by template pointer (`level/argument/key…`): `…/<field>` for the remaining fields
 * of a partly set object, `…/*` for the elements of a list the template sets (client elements
 * come first, then the template's).
 */
public record RelationshipArguments(List<InputValueDefinition> arguments, List<InputObjectTypeDefinition> types,
                                    Map<String, String> originalTypes, Map<String, String> positionTypes) {
    public RelationshipArguments {
        arguments = List.copyOf(arguments);
        types = List.copyOf(types);
        originalTypes = Collections.unmodifiableMap(new LinkedHashMap<>(originalTypes));
        positionTypes = Collections.unmodifiableMap(new LinkedHashMap<>(positionTypes));
    }

    /**
     * @param leaf the last path field, in the target's original schema
     * @param template the template's arguments of that field
     * @param level the index of that field in the path (the first part of template pointers)
     * @param suffix `_remote_rel_<LhsType><relationship>`
     */
    static RelationshipArguments derive(GraphQLFieldDefinition leaf, ObjectNode template, int level, RemoteNames names,
                                        String suffix) {
        Derivation derivation = new Derivation(names, suffix);
        List<InputValueDefinition> arguments = new ArrayList<>();
        for (GraphQLArgument argument : leaf.getArguments()) {
            InputValueDefinition ast = argument.getDefinition();
            JsonNode set = template.get(argument.getName());
            if (set == null) {
                arguments.add(ast.transform(b -> b.type(rename(ast.getType(), names))));
                continue;
            }
            Type<?> derived = derivation.strip(argument.getType(), set, level + "/" + argument.getName());
            if (derived != null) {
                arguments.add(InputValueDefinition.newInputValueDefinition().name(argument.getName())
                        .description(ast.getDescription()).type(derived).build());
            }
        }
        return new RelationshipArguments(arguments, new ArrayList<>(derivation.types.values()),
                derivation.originalTypes, derivation.positionTypes);
    }

    /** A type of the target's schema (AST, original names) in gateway names. */
    @SuppressWarnings("rawtypes")
    static Type rename(Type type, RemoteNames names) {
        if (type instanceof NonNullType nonNull) {
            return new NonNullType(rename(nonNull.getType(), names));
        }
        if (type instanceof ListType list) {
            return new ListType(rename(list.getType(), names));
        }
        return new TypeName(names.gatewayType(((TypeName) type).getName()));
    }

    private static final class Derivation {
        final RemoteNames names;
        final String suffix;
        final Map<String, InputObjectTypeDefinition> types = new LinkedHashMap<>();
        final Map<String, String> originalTypes = new LinkedHashMap<>();
        final Map<String, String> positionTypes = new LinkedHashMap<>();

        Derivation(RemoteNames names, String suffix) {
            this.names = names;
            this.suffix = suffix;
        }

        /**
         * The type that what the template leaves open at {@code pointer} has, or null when the
         * template leaves nothing open there.
         */
        Type<?> strip(GraphQLInputType type, JsonNode set, String pointer) {
            if (!set.isObject() && !set.isArray()) {
                return null;
            }
            GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
            if (bare instanceof GraphQLList list) {
                GraphQLInputType element = (GraphQLInputType) list.getWrappedType();
                // a single object for a list type is a one-element list (input coercion)
                JsonNode first = set.isArray() ? set.get(0) : set;
                Type<?> derived = first == null ? null
                        : strip(element, first, set.isArray() ? pointer + "/0" : pointer);
                if (derived == null) {
                    return null;
                }
                positionTypes.put(pointer + "/*", GraphQLTypeUtil.simplePrint(element));
                return new ListType(element instanceof GraphQLNonNull ? new NonNullType(derived) : derived);
            }
            if (!(bare instanceof GraphQLInputObjectType input) || !set.isObject()) {
                return null;
            }
            List<InputValueDefinition> fields = new ArrayList<>();
            for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
                InputValueDefinition ast = field.getDefinition();
                String at = pointer + "/" + field.getName();
                JsonNode fieldSet = set.get(field.getName());
                if (fieldSet == null) {
                    fields.add(ast.transform(b -> b.type(rename(ast.getType(), names))));
                    positionTypes.put(at, GraphQLTypeUtil.simplePrint(field.getType()));
                    continue;
                }
                Type<?> derived = strip(field.getType(), fieldSet, at);
                if (derived != null) {
                    fields.add(InputValueDefinition.newInputValueDefinition().name(field.getName())
                            .description(ast.getDescription()).type(derived).build());
                }
            }
            return fields.isEmpty() ? null : new TypeName(define(input, fields));
        }

        /** Names a derived type: the same fields under one name reuse it, other fields get a new one. */
        private String define(GraphQLInputObjectType input, List<InputValueDefinition> fields) {
            String base = names.gatewayType(input.getName()) + suffix;
            String name = base;
            for (int n = 2; ; n++) {
                InputObjectTypeDefinition existing = types.get(name);
                InputObjectTypeDefinition candidate = InputObjectTypeDefinition.newInputObjectDefinition().name(name)
                        .description(input.getDefinition() == null ? null : input.getDefinition().getDescription())
                        .inputValueDefinitions(fields).build();
                if (existing == null) {
                    types.put(name, candidate);
                    originalTypes.put(name, input.getName());
                    return name;
                }
                if (AstPrinter.printAst(existing).equals(AstPrinter.printAst(candidate))) {
                    return name;
                }
                name = base + "_" + n;
            }
        }
    }
}
