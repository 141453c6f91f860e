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
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLTypeReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the GraphQL schema a role sees from the {@link SchemaModel} (SPEC §2.2), once per metadata
 * version and role, never per request. The schema is for parsing, validation and introspection only:
 * it has no DataFetchers, the SQL compiler answers table fields (SPEC §0.7).
 *
 * <pre>
 * query_root { author(distinct_on, limit, offset, order_by, where): [author!]!   author_by_pk(id: Int!): author }
 * type author { id: Int!  name: String!  articles(...same args...): [article!]! }
 * input author_bool_exp { _and _or _not  id: Int_comparison_exp  articles: article_bool_exp }
 * </pre>
 *
 * Tables, columns and relationships whose names are not valid GraphQL names are left out (the
 * metadata layer reports them), so the schema is always valid. Names come from {@link TableNames}.
 */
public final class ChildSchemaBuilder {
    public static final String ADMIN_ROLE = "admin";
    public static final String QUERY_ROOT = "query_root";
    public static final String MUTATION_ROOT = "mutation_root";
    public static final String NO_QUERIES_FIELD = "no_queries_available";
    /** What `no_queries_available` answers and describes. */
    public static final String NO_QUERIES_MESSAGE = "There are no queries available to the current role. "
            + "Either there are no sources or remote schemas configured, or the current role doesn't have "
            + "the required permissions.";

    private static final Pattern GRAPHQL_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");
    private static final Set<String> BUILT_IN_SCALARS = Set.of("Int", "Float", "String", "Boolean");

    private final SchemaModel model;
    private final ActionSchema.Parts actions;
    private final Map<String, TableModel> tables = new LinkedHashMap<>();
    private final Map<String, GraphQLScalarType> scalars = new LinkedHashMap<>();
    private final Map<String, GraphQLInputObjectType> comparisons = new LinkedHashMap<>();
    private final Set<GraphQLNamedType> extraTypes = new LinkedHashSet<>();

    private ChildSchemaBuilder(SchemaModel model, ActionsModel actions, String role) {
        this.model = model;
        for (TableModel table : model.tables().values()) {
            if (isName(table.graphqlName()) && !exposedColumns(table).isEmpty()) {
                tables.put(table.graphqlName(), table);
            }
        }
        this.actions = ActionSchema.build(actions, role, new ActionSchema.Tables() {
            @Override
            public java.util.Optional<TableModel> exposed(io.joinery.child.metadata.QualifiedTable name) {
                return model.table(name).filter(t -> tables.containsKey(t.graphqlName()));
            }

            @Override
            public List<GraphQLArgument> selectArguments(TableModel table) {
                return ChildSchemaBuilder.this.selectArguments(table);
            }
        }, this::scalarNamed);
    }

    /**
     * The schema a role sees. Admin: all table query fields. Other roles: no table fields yet
     * (select permissions are later work), so query_root is Hasura's `no_queries_available: String!`.
     */
    public static GraphQLSchema build(SchemaModel model, String role) {
        ChildSchemaBuilder builder = new ChildSchemaBuilder(ADMIN_ROLE.equals(role) ? model : SchemaModel.EMPTY,
                model.actions(), role);
        return builder.build();
    }

    /** Whether a Postgres name can be a GraphQL name as it is. */
    public static boolean isName(String name) {
        return GRAPHQL_NAME.matcher(name).matches() && !name.startsWith("__");
    }

    /** The columns a table exposes (column and type are valid GraphQL names), in table order. */
    public static List<ColumnModel> exposedColumns(TableModel table) {
        return table.columns().stream().filter(c -> isName(c.name()) && isName(c.type().graphqlScalar())).toList();
    }

    private GraphQLSchema build() {
        GraphQLObjectType.Builder query = GraphQLObjectType.newObject().name(QUERY_ROOT);
        actions.queryFields().forEach(query::field);
        extraTypes.addAll(actions.types());
        if (tables.isEmpty() && actions.queryFields().isEmpty()) {
            query.field(newFieldDefinition().name(NO_QUERIES_FIELD).description(NO_QUERIES_MESSAGE)
                    .type(GraphQLNonNull.nonNull(Scalars.GraphQLString)));
        }
        for (TableModel table : tables.values()) {
            TableNames names = TableNames.of(table);
            String described = TableNames.describe(table);
            query.field(newFieldDefinition().name(names.selectField())
                    .description("fetch data from the table: \"" + described + "\"")
                    .arguments(selectArguments(table))
                    .type(listOf(table)));
            List<String> exposed = exposedColumns(table).stream().map(ColumnModel::name).toList();
            if (!table.primaryKey().isEmpty() && exposed.containsAll(table.primaryKey())) {
                GraphQLFieldDefinition.Builder byPk = newFieldDefinition().name(names.byPkField())
                        .description("fetch data from the table: \"" + described + "\" using primary key columns")
                        .type(GraphQLTypeReference.typeRef(names.objectType()));
                for (String key : table.primaryKey()) {
                    ColumnModel column = table.column(key).orElseThrow();
                    byPk.argument(newArgument().name(key)
                            .type(GraphQLNonNull.nonNull((GraphQLInputType) scalar(column.type()))));
                }
                query.field(byPk);
            }
            extraTypes.add(objectType(table));
            extraTypes.add(boolExp(table));
            extraTypes.add(orderByType(table));
            extraTypes.add(selectColumnEnum(table));
        }
        if (!tables.isEmpty()) {
            extraTypes.add(orderByEnum());
        }
        GraphQLSchema.Builder schema = GraphQLSchema.newSchema().query(query.build());
        if (!actions.mutationFields().isEmpty()) {
            schema.mutation(GraphQLObjectType.newObject().name(MUTATION_ROOT).fields(actions.mutationFields()).build());
        }
        return schema.additionalTypes(extraTypes).build();
    }

    private GraphQLOutputType listOf(TableModel table) {
        return GraphQLNonNull.nonNull(GraphQLList.list(
                GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(TableNames.of(table).objectType()))));
    }

    private List<GraphQLArgument> selectArguments(TableModel table) {
        TableNames names = TableNames.of(table);
        return List.of(
                newArgument().name("distinct_on").description("distinct select on columns")
                        .type(GraphQLList.list(GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(names.selectColumn()))))
                        .build(),
                newArgument().name("limit").description("limit the number of rows returned")
                        .type(Scalars.GraphQLInt).build(),
                newArgument().name("offset").description("skip the first n rows. Use only with order_by")
                        .type(Scalars.GraphQLInt).build(),
                newArgument().name("order_by").description("sort the rows by one or more columns")
                        .type(GraphQLList.list(GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(names.orderBy()))))
                        .build(),
                newArgument().name("where").description("filter the rows returned")
                        .type(GraphQLTypeReference.typeRef(names.boolExp())).build());
    }

    private GraphQLObjectType objectType(TableModel table) {
        GraphQLObjectType.Builder type = GraphQLObjectType.newObject().name(TableNames.of(table).objectType())
                .description(table.comment() != null && !table.comment().isBlank() ? table.comment()
                        : "columns and relationships of \"" + TableNames.describe(table) + "\"");
        for (ColumnModel column : exposedColumns(table)) {
            GraphQLOutputType scalar = (GraphQLOutputType) scalar(column.type());
            type.field(newFieldDefinition().name(column.name()).description(blankToNull(column.comment()))
                    .type(column.nullable() ? scalar : GraphQLNonNull.nonNull(scalar)));
        }
        for (RelationshipModel rel : relationships(table)) {
            TableModel remote = model.table(rel.remoteTable()).orElseThrow();
            if (rel.kind() == RelationshipModel.Kind.OBJECT) {
                type.field(newFieldDefinition().name(rel.name())
                        .description(describeRelationship(rel, "An object relationship"))
                        .type(GraphQLTypeReference.typeRef(TableNames.of(remote).objectType())));
            } else {
                type.field(newFieldDefinition().name(rel.name())
                        .description(describeRelationship(rel, "An array relationship"))
                        .arguments(selectArguments(remote))
                        .type(listOf(remote)));
            }
        }
        return type.build();
    }

    private GraphQLInputObjectType boolExp(TableModel table) {
        TableNames names = TableNames.of(table);
        GraphQLTypeReference self = GraphQLTypeReference.typeRef(names.boolExp());
        GraphQLInputObjectType.Builder type = GraphQLInputObjectType.newInputObject().name(names.boolExp())
                .description("Boolean expression to filter rows from the table \"" + TableNames.describe(table)
                        + "\". All fields are combined with a logical 'AND'.")
                .field(newInputObjectField().name("_and").type(GraphQLList.list(GraphQLNonNull.nonNull(self))))
                .field(newInputObjectField().name("_not").type(self))
                .field(newInputObjectField().name("_or").type(GraphQLList.list(GraphQLNonNull.nonNull(self))));
        for (ColumnModel column : exposedColumns(table)) {
            type.field(newInputObjectField().name(column.name()).type(comparisonExp(column.type())));
        }
        for (RelationshipModel rel : relationships(table)) {
            TableModel remote = model.table(rel.remoteTable()).orElseThrow();
            type.field(newInputObjectField().name(rel.name())
                    .type(GraphQLTypeReference.typeRef(TableNames.of(remote).boolExp())));
        }
        return type.build();
    }

    private GraphQLInputObjectType orderByType(TableModel table) {
        TableNames names = TableNames.of(table);
        GraphQLTypeReference direction = GraphQLTypeReference.typeRef(OrderDirection.ENUM_NAME);
        GraphQLInputObjectType.Builder type = GraphQLInputObjectType.newInputObject().name(names.orderBy())
                .description("Ordering options when selecting data from \"" + TableNames.describe(table) + "\".");
        for (ColumnModel column : exposedColumns(table)) {
            type.field(newInputObjectField().name(column.name()).type(direction));
        }
        for (RelationshipModel rel : relationships(table)) {
            if (rel.kind() == RelationshipModel.Kind.OBJECT) {
                TableModel remote = model.table(rel.remoteTable()).orElseThrow();
                type.field(newInputObjectField().name(rel.name())
                        .type(GraphQLTypeReference.typeRef(TableNames.of(remote).orderBy())));
            }
        }
        return type.build();
    }

    private GraphQLEnumType selectColumnEnum(TableModel table) {
        GraphQLEnumType.Builder type = GraphQLEnumType.newEnum().name(TableNames.of(table).selectColumn())
                .description("select columns of table \"" + TableNames.describe(table) + "\"");
        for (ColumnModel column : exposedColumns(table)) {
            type.value(column.name(), column.name(), "column name");
        }
        return type.build();
    }

    private static GraphQLEnumType orderByEnum() {
        GraphQLEnumType.Builder type = GraphQLEnumType.newEnum().name(OrderDirection.ENUM_NAME)
                .description("column ordering options");
        for (OrderDirection direction : OrderDirection.values()) {
            type.value(direction.graphqlName(), direction.graphqlName(), direction.description());
        }
        return type.build();
    }

    private GraphQLInputObjectType comparisonExp(PgType type) {
        String scalarName = type.graphqlScalar();
        String name = TableNames.comparisonExp(scalarName);
        GraphQLInputObjectType existing = comparisons.get(name);
        if (existing != null) {
            return existing;
        }
        GraphQLInputType scalar = (GraphQLInputType) scalar(type);
        GraphQLInputObjectType.Builder exp = GraphQLInputObjectType.newInputObject().name(name)
                .description("Boolean expression to compare columns of type \"" + scalarName
                        + "\". All fields are combined with logical 'AND'.");
        for (ComparisonOperator op : ComparisonOperator.forType(type)) {
            GraphQLInputType operand = switch (op.operand()) {
                case SAME -> scalar;
                case LIST -> GraphQLList.list(GraphQLNonNull.nonNull(scalar));
                case BOOLEAN -> Scalars.GraphQLBoolean;
                case TEXT -> Scalars.GraphQLString;
                case TEXT_LIST -> GraphQLList.list(GraphQLNonNull.nonNull(Scalars.GraphQLString));
            };
            exp.field(newInputObjectField().name(op.graphqlName()).type(operand));
        }
        GraphQLInputObjectType built = exp.build();
        comparisons.put(name, built);
        return built;
    }

    /** The scalar for a column type; one instance per name, as graphql-java requires. */
    private GraphQLScalarType scalar(PgType type) {
        return scalarNamed(type.graphqlScalar());
    }

    private GraphQLScalarType scalarNamed(String name) {
        if (name.equals("ID")) {
            return Scalars.GraphQLID;
        }
        if (BUILT_IN_SCALARS.contains(name)) {
            return switch (name) {
                case "Int" -> Scalars.GraphQLInt;
                case "Float" -> Scalars.GraphQLFloat;
                case "Boolean" -> Scalars.GraphQLBoolean;
                default -> Scalars.GraphQLString;
            };
        }
        return scalars.computeIfAbsent(name, PassThroughScalar::named);
    }

    /** Relationships whose remote table is in the schema and whose name is a valid field name. */
    private List<RelationshipModel> relationships(TableModel table) {
        List<RelationshipModel> out = new ArrayList<>();
        for (RelationshipModel rel : table.relationships()) {
            TableModel remote = model.table(rel.remoteTable()).orElse(null);
            if (remote != null && tables.containsKey(remote.graphqlName()) && isName(rel.name())) {
                out.add(rel);
            }
        }
        return out;
    }

    private static String describeRelationship(RelationshipModel rel, String fallback) {
        return rel.comment() != null && !rel.comment().isBlank() ? rel.comment() : fallback;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
