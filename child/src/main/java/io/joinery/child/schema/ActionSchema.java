package io.joinery.child.schema;

import static graphql.schema.GraphQLArgument.newArgument;
import static graphql.schema.GraphQLFieldDefinition.newFieldDefinition;
import static graphql.schema.GraphQLInputObjectField.newInputObjectField;

import graphql.Scalars;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeReference;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.CustomTypes;
import io.joinery.child.metadata.CustomTypes.EnumDef;
import io.joinery.child.metadata.CustomTypes.FieldDef;
import io.joinery.child.metadata.CustomTypes.InputObjectDef;
import io.joinery.child.metadata.CustomTypes.ObjectDef;
import io.joinery.child.metadata.CustomTypes.RelationshipKind;
import io.joinery.child.metadata.CustomTypes.TypeRelationshipDef;
import io.joinery.child.metadata.GraphqlTypeRef;
import io.joinery.child.metadata.ResolvedActions;
import io.joinery.child.metadata.ResolvedToAction;
import io.joinery.child.metadata.ToActionJoins;
import io.joinery.child.metadata.ResolvedTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The action part of a role's schema (SPEC §3.3): one root field per action the role may call
 * (query actions on `query_root`, mutation actions on `mutation_root`), and the custom types those
 * fields reach, with the relationships of custom object types to the tables the role can select.
 *
 * <pre>
 * updateAuthor(id: Int!, name: String!): UpdateAuthorOutput
 * type UpdateAuthorOutput { author_id: Int!  updatedAuthor: author  articles(where, ...): [article!] }
 * </pre>
 * Relationship fields are nullable (SPEC §0.3): a null join key gives `null`, also for arrays.
 * `to_action` relationships (SPEC §12) of custom object types and of tables appear only when the
 * role may call their target action.
 * An asynchronous action's mutation field returns its id (`uuid!`), and a query field of the same
 * name reads the result (SPEC §3.3).
 */
public final class ActionSchema {
    /** What the action part needs from the table part of the same schema. */
    public interface Tables {
        /** The table as exposed in this schema, when the role can select it. */
        Optional<ResolvedTable> exposed(QualifiedTable table);

        /** The five select arguments of a table's list fields. */
        List<GraphQLArgument> selectArguments(ResolvedTable table);

        /** Whether the role may aggregate the table (`<rel>_aggregate` fields; admin: always). */
        default boolean aggregates(ResolvedTable table) {
            return true;
        }
    }

    /**
     * The fields and types to add to the schema; {@code tableFields} are the `to_action`
     * relationship fields (SPEC §12) of table object types, by type name.
     */
    public record Parts(List<GraphQLFieldDefinition> queryFields, List<GraphQLFieldDefinition> mutationFields,
                        List<GraphQLNamedType> types, Map<String, List<GraphQLFieldDefinition>> tableFields) {
        public Parts {
            queryFields = List.copyOf(queryFields);
            mutationFields = List.copyOf(mutationFields);
            types = List.copyOf(types);
            tableFields = Map.copyOf(tableFields);
        }

        /** The `to_action` relationship fields of the table type {@code typeName}. */
        public List<GraphQLFieldDefinition> tableFields(String typeName) {
            return tableFields.getOrDefault(typeName, List.of());
        }
    }

    private static final Set<String> BUILT_IN = Set.of("Int", "Float", "String", "Boolean", "ID");
    private static final String UUID = "uuid";
    private static final String TIMESTAMPTZ = "timestamptz";
    private static final String JSON = "json";

    private final CustomTypes types;
    private final Tables tables;
    private final Function<String, GraphQLScalarType> scalars;
    private final ToActionJoins joins;
    private final Set<String> visible;

    private ActionSchema(CustomTypes types, Tables tables, Function<String, GraphQLScalarType> scalars,
                         ToActionJoins joins, Set<String> visible) {
        this.types = types;
        this.tables = tables;
        this.scalars = scalars;
        this.joins = joins;
        this.visible = visible;
    }

    /**
     * @param scalars the schema's one instance of a non-built-in scalar by name (graphql-java wants
     *                one instance per name, shared with the table part)
     */
    public static Parts build(ResolvedActions actions, java.util.Collection<String> roles, Tables tables,
                              Function<String, GraphQLScalarType> scalars) {
        List<ActionDef> visible = actions.visibleTo(roles);
        return new ActionSchema(actions.customTypes(), tables, scalars, actions.joins(),
                visible.stream().map(ActionDef::name).collect(Collectors.toSet())).parts(visible);
    }

    private Parts parts(List<ActionDef> actions) {
        List<GraphQLFieldDefinition> query = new ArrayList<>();
        List<GraphQLFieldDefinition> mutation = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>();
        List<GraphQLNamedType> asyncTypes = new ArrayList<>();
        for (ActionDef action : actions) {
            ActionDef.Definition definition = action.definition();
            GraphQLFieldDefinition.Builder field = newFieldDefinition().name(action.name())
                    .description(action.comment())
                    .type((GraphQLOutputType) type(definition.outputType()));
            pending.add(definition.outputType().baseName());
            for (ActionDef.Argument argument : definition.arguments()) {
                field.argument(newArgument().name(argument.name()).description(argument.description())
                        .type((GraphQLInputType) type(argument.type())));
                pending.add(argument.type().baseName());
            }
            if (definition.isAsynchronous()) {
                field.type(GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(UUID)));
                pending.add(UUID);
                query.add(asyncResultField(action, pending, asyncTypes));
            }
            (definition.type() == ActionDef.Type.QUERY ? query : mutation).add(field.build());
        }
        List<GraphQLNamedType> reachable = new ArrayList<>(asyncTypes);
        reachable.addAll(reachableTypes(pending));
        Map<String, List<GraphQLFieldDefinition>> tableFields = new LinkedHashMap<>();
        joins.byType().forEach((type, fields) -> {
            if (types.object(type).isEmpty()) {
                tableFields.put(type, actionFields(type));
            }
        });
        return new Parts(query, mutation, reachable, tableFields);
    }

    /**
     * The `to_action` relationship fields of {@code type} whose target the role may call: the
     * target's output type, nullable at the outer level (SPEC §0.3, §12), no arguments.
     */
    private List<GraphQLFieldDefinition> actionFields(String type) {
        List<GraphQLFieldDefinition> out = new ArrayList<>();
        for (ResolvedToAction rel : joins.of(type)) {
            if (visible.contains(rel.target().name())) {
                out.add(newFieldDefinition().name(rel.name())
                        .description("the action \"" + rel.target().name() + "\" for this row")
                        .type((GraphQLOutputType) type(rel.target().definition().outputType().withNonNull(false)))
                        .build());
            }
        }
        return out;
    }

    /**
     * The query field of an asynchronous action: `place_order(id: uuid!): place_order` with
     * <pre>
     * type place_order { id: uuid!  created_at: timestamptz!  errors: json  output: OrderResult }
     * </pre>
     * `output` is nullable whatever the output type says: it is `null` until the call completes.
     */
    private static GraphQLFieldDefinition asyncResultField(ActionDef action, Deque<String> pending,
                                                           List<GraphQLNamedType> asyncTypes) {
        GraphqlTypeRef output = action.definition().outputType().withNonNull(false);
        pending.add(TIMESTAMPTZ);
        pending.add(JSON);
        asyncTypes.add(GraphQLObjectType.newObject().name(action.name())
                .description("fields of the asynchronous action \"" + action.name() + "\"")
                .field(newFieldDefinition().name("id").type(GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(UUID))))
                .field(newFieldDefinition().name("created_at")
                        .type(GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(TIMESTAMPTZ))))
                .field(newFieldDefinition().name("errors").type(GraphQLTypeReference.typeRef(JSON)))
                .field(newFieldDefinition().name("output").type((GraphQLOutputType) type(output)))
                .build());
        return newFieldDefinition().name(action.name()).description(action.comment())
                .argument(newArgument().name("id").type(GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(UUID))))
                .type(GraphQLTypeReference.typeRef(action.name()))
                .build();
    }

    /** The named types the action fields reach, each built once. */
    private List<GraphQLNamedType> reachableTypes(Deque<String> pending) {
        Set<String> seen = new LinkedHashSet<>();
        List<GraphQLNamedType> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (!seen.add(name) || BUILT_IN.contains(name)) {
                continue;
            }
            Optional<ObjectDef> object = types.object(name);
            Optional<InputObjectDef> input = types.inputObject(name);
            Optional<EnumDef> enumDef = types.enumType(name);
            if (object.isPresent()) {
                object.get().fields().forEach(f -> pending.add(f.type().baseName()));
                out.add(objectType(object.get()));
            } else if (input.isPresent()) {
                input.get().fields().forEach(f -> pending.add(f.type().baseName()));
                out.add(inputType(input.get()));
            } else if (enumDef.isPresent()) {
                out.add(enumType(enumDef.get()));
            } else {
                out.add(scalars.apply(name));
            }
        }
        return out;
    }

    private GraphQLObjectType objectType(ObjectDef object) {
        GraphQLObjectType.Builder type = GraphQLObjectType.newObject().name(object.name())
                .description(object.description());
        for (FieldDef field : object.fields()) {
            type.field(newFieldDefinition().name(field.name()).description(field.description())
                    .type((GraphQLOutputType) type(field.type())));
        }
        actionFields(object.name()).forEach(type::field);
        for (TypeRelationshipDef rel : object.relationships()) {
            Optional<ResolvedTable> remote = tables.exposed(rel.remoteTable());
            if (remote.isEmpty()) {
                continue;
            }
            GraphQLTypeReference row = GraphQLTypeReference.typeRef(TableGraphqlNames.of(remote.get()).objectType());
            if (rel.kind() == RelationshipKind.OBJECT) {
                type.field(newFieldDefinition().name(rel.name()).type(row));
            } else {
                type.field(newFieldDefinition().name(rel.name()).arguments(tables.selectArguments(remote.get()))
                        .type(GraphQLList.list(GraphQLNonNull.nonNull(row))));
                if (tables.aggregates(remote.get())) {
                    type.field(newFieldDefinition().name(rel.name() + "_aggregate")
                            .arguments(tables.selectArguments(remote.get()))
                            .type(GraphQLTypeReference.typeRef(TableGraphqlNames.of(remote.get()).aggregateType())));
                }
            }
        }
        return type.build();
    }

    private GraphQLInputObjectType inputType(InputObjectDef input) {
        GraphQLInputObjectType.Builder type = GraphQLInputObjectType.newInputObject().name(input.name())
                .description(input.description());
        for (FieldDef field : input.fields()) {
            type.field(newInputObjectField().name(field.name()).description(field.description())
                    .type((GraphQLInputType) type(field.type())));
        }
        return type.build();
    }

    private static GraphQLEnumType enumType(EnumDef enumDef) {
        GraphQLEnumType.Builder type = GraphQLEnumType.newEnum().name(enumDef.name()).description(enumDef.description());
        for (CustomTypes.EnumValueDef value : enumDef.values()) {
            if (Boolean.TRUE.equals(value.isDeprecated())) {
                type.value(graphql.schema.GraphQLEnumValueDefinition.newEnumValueDefinition().name(value.value())
                        .value(value.value()).description(value.description()).deprecationReason("").build());
            } else {
                type.value(value.value(), value.value(), value.description());
            }
        }
        return type.build();
    }

    /** The GraphQL type of a metadata type string; named types by reference, built-in scalars directly. */
    private static GraphQLType type(GraphqlTypeRef ref) {
        GraphQLType inner;
        if (ref instanceof GraphqlTypeRef.ListOf list) {
            inner = GraphQLList.list(type(list.element()));
        } else {
            String name = ref.baseName();
            inner = switch (name) {
                case "Int" -> Scalars.GraphQLInt;
                case "Float" -> Scalars.GraphQLFloat;
                case "String" -> Scalars.GraphQLString;
                case "Boolean" -> Scalars.GraphQLBoolean;
                case "ID" -> Scalars.GraphQLID;
                default -> GraphQLTypeReference.typeRef(name);
            };
        }
        return ref.isNonNull() ? GraphQLNonNull.nonNull(inner) : inner;
    }
}
