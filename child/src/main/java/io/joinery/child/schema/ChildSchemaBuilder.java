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
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeReference;
import io.joinery.child.db.PgType;
import io.joinery.child.metadata.ResolvedActions;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.child.metadata.RoleAccess;
import io.joinery.child.metadata.TableAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the GraphQL schema a role sees from the {@link ResolvedModel} (SPEC §2.2), once per metadata
 * version and role, never per request. The schema is for parsing, validation and introspection only:
 * it has no DataFetchers, the SQL compiler answers table fields (SPEC §0.7).
 *
 * <pre>
 * query_root { author(distinct_on, limit, offset, order_by, where): [author!]!   author_aggregate(...): author_aggregate!
 *              author_by_pk(id: Int!): author }
 * mutation_root { insert_author(objects, on_conflict)  insert_author_one  update_author  update_author_by_pk
 *                 delete_author  delete_author_by_pk }                     -- see MutationTypes
 * type author { id: Int!  name: String!  articles(...same args...): [article!]!  articles_aggregate(...): article_aggregate! }
 * input author_bool_exp { _and _or _not  id: Int_comparison_exp  articles: article_bool_exp
 *                         articles_aggregate: article_aggregate_bool_exp }  -- aggregate types: see AggregateTypes
 * </pre>
 *
 * Tables, columns and relationships whose names are not valid GraphQL names are left out (the
 * metadata layer reports them), so the schema is always valid. Names come from {@link TableGraphqlNames}.
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

    private final ResolvedModel full;
    private final ResolvedModel model;
    private final RoleAccess access;
    private final ActionSchema.Parts actions;
    private final Map<String, ResolvedTable> tables = new LinkedHashMap<>();
    private final ScalarTypes scalars = new ScalarTypes();
    private final AggregateTypes aggregates = new AggregateTypes(scalars);
    private final MutationTypes mutations = new MutationTypes(scalars);
    private final Set<GraphQLNamedType> extraTypes = new LinkedHashSet<>();

    /**
     * @param model  the model as the role sees it ({@link RoleView}: only the tables it may
     *               select, their permitted columns, relationships between them)
     * @param access what the role may do (admin: everything)
     */
    private ChildSchemaBuilder(ResolvedModel full, ResolvedModel model, RoleAccess access, ResolvedActions actions,
                               String role) {
        this.full = full;
        this.model = model;
        this.access = access;
        for (ResolvedTable table : model.tables().values()) {
            if (isName(table.graphqlName()) && !exposedColumns(table).isEmpty()) {
                tables.put(table.graphqlName(), table);
            }
        }
        this.actions = ActionSchema.build(actions, access.actsAs(), new ActionSchema.Tables() {
            @Override
            public java.util.Optional<ResolvedTable> exposed(io.joinery.child.db.QualifiedTable name) {
                return model.table(name).filter(t -> tables.containsKey(t.graphqlName()));
            }

            @Override
            public List<GraphQLArgument> selectArguments(ResolvedTable table) {
                return ChildSchemaBuilder.this.selectArguments(table);
            }

            @Override
            public boolean aggregates(ResolvedTable table) {
                return ChildSchemaBuilder.this.aggregates(table);
            }
        }, scalars::named);
    }

    /**
     * Throws when no schema can be built from {@code model} (a custom type named like a generated
     * type): metadata resolution's {@code SchemaCheck}.
     */
    public static void check(ResolvedModel model) {
        build(model, ADMIN_ROLE);
    }

    /**
     * The schema a role sees (SPEC §10.2). Admin: every table. Another role: the tables it has a
     * select permission on, with the permitted columns only, relationships only between them,
     * `_by_pk` only when every primary-key column is permitted, aggregates only with
     * `allow_aggregations`, root fields as `query_root_fields` says. A role that sees nothing gets
     * Hasura's `no_queries_available: String!`.
     */
    public static GraphQLSchema build(ResolvedModel model, String role) {
        return build(model, role, false);
    }

    /** {@link #build(ResolvedModel, String)}, with the role's `backend_only` permissions when {@code backendOnly}. */
    public static GraphQLSchema build(ResolvedModel model, String role, boolean backendOnly) {
        RoleAccess access = model.permissions().forRole(role, backendOnly);
        ChildSchemaBuilder builder = new ChildSchemaBuilder(model, access.isAdmin() ? model : RoleView.of(model, access),
                access, model.actions(), role);
        return builder.build();
    }

    /**
     * What a role that is not admin may do to {@code table} (a table of the whole model) through
     * mutations: insert and update columns are the permitted writable ones minus the preset ones
     * (a preset column leaves the input type); update, delete, `returning` and `on_conflict` need
     * the select permission too, as in Hasura.
     */
    private MutationTypes.Access mutationAccess(ResolvedTable table) {
        TableAccess permissions = access.table(table.name());
        ResolvedTable visible = tables.get(table.graphqlName());
        boolean select = visible != null && visible.name().equals(table.name());
        List<ResolvedColumn> writable = MutationTypes.writableColumns(table);
        List<ResolvedColumn> insert = insertColumns(table);
        List<ResolvedColumn> update = permissions.update().map(p -> writable.stream()
                .filter(c -> p.columns().allows(c.name()) && !p.set().containsKey(c.name())).toList()).orElse(null);
        boolean byPk = select && !table.primaryKey().isEmpty() && exposedColumns(visible).stream()
                .map(ResolvedColumn::name).toList().containsAll(table.primaryKey());
        Map<ResolvedRelationship, MutationTypes.Nested> nested = new LinkedHashMap<>();
        if (select && insert != null) {
            for (ResolvedRelationship rel : relationships(visible)) {
                ResolvedTable remote = full.table(rel.remoteTable()).orElseThrow();
                TableAccess remoteAccess = access.table(remote.name());
                List<ResolvedColumn> remoteColumns = insertColumns(remote);
                if (remoteColumns != null && !remoteColumns.isEmpty() && MutationTypes.isMutable(remote)) {
                    nested.put(rel, new MutationTypes.Nested(remote, remoteAccess.update().isPresent()
                            && !MutationTypes.conflictConstraints(remote).isEmpty()));
                }
            }
        }
        return new MutationTypes.Access(insert, update, permissions.delete().isPresent(), select, byPk,
                permissions.update().isPresent() ? update : null, nested);
    }

    /** The columns of the role's insert input type for {@code table} (null: no insert permission). */
    private List<ResolvedColumn> insertColumns(ResolvedTable table) {
        return access.table(table.name()).insert().map(p -> MutationTypes.writableColumns(table).stream()
                .filter(c -> p.columns().allows(c.name()) && !p.set().containsKey(c.name())).toList()).orElse(null);
    }

    /** Whether the role may aggregate {@code table} (`_aggregate` fields and the aggregate types). */
    private boolean aggregates(ResolvedTable table) {
        return access.isAdmin() || access.table(table.name()).select().map(s -> s.allowAggregations()).orElse(false);
    }

    /** Whether the role's `query_root_fields` (absent: all) include {@code field} (`select`, `select_by_pk`, ...). */
    private boolean atRoot(ResolvedTable table, String field) {
        if (access.isAdmin()) {
            return true;
        }
        List<String> fields = access.table(table.name()).select().map(s -> s.queryRootFields()).orElse(null);
        return fields == null || fields.contains(field);
    }

    /** Whether a Postgres name can be a GraphQL name as it is. */
    public static boolean isName(String name) {
        return GRAPHQL_NAME.matcher(name).matches() && !name.startsWith("__");
    }

    /** The columns a table exposes (column and type are valid GraphQL names), in table order. */
    public static List<ResolvedColumn> exposedColumns(ResolvedTable table) {
        return table.columns().stream().filter(c -> isName(c.name()) && isName(c.type().graphqlScalar())).toList();
    }

    private GraphQLSchema build() {
        GraphQLObjectType.Builder query = GraphQLObjectType.newObject().name(QUERY_ROOT);
        actions.queryFields().forEach(query::field);
        extraTypes.addAll(actions.types());
        int queryFields = actions.queryFields().size();
        for (ResolvedTable table : tables.values()) {
            TableGraphqlNames names = TableGraphqlNames.of(table);
            String described = TableGraphqlNames.describe(table);
            if (atRoot(table, "select")) {
                query.field(newFieldDefinition().name(names.selectField())
                        .description("fetch data from the table: \"" + described + "\"")
                        .arguments(selectArguments(table))
                        .type(listOf(table)));
                queryFields++;
            }
            if (aggregates(table) && atRoot(table, "select_aggregate")) {
                query.field(newFieldDefinition().name(names.aggregateField())
                        .description("fetch aggregated fields from the table: \"" + described + "\"")
                        .arguments(selectArguments(table))
                        .type(GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(names.aggregateType()))));
                queryFields++;
            }
            List<String> exposed = exposedColumns(table).stream().map(ResolvedColumn::name).toList();
            boolean hasByPk = !table.primaryKey().isEmpty() && exposed.containsAll(table.primaryKey());
            if (hasByPk && atRoot(table, "select_by_pk")) {
                queryFields++;
                GraphQLFieldDefinition.Builder byPk = newFieldDefinition().name(names.byPkField())
                        .description("fetch data from the table: \"" + described + "\" using primary key columns")
                        .type(GraphQLTypeReference.typeRef(names.objectType()));
                for (String key : table.primaryKey()) {
                    ResolvedColumn column = table.column(key).orElseThrow();
                    byPk.argument(newArgument().name(key)
                            .type(GraphQLNonNull.nonNull((GraphQLInputType) scalar(column.type()))));
                }
                query.field(byPk);
            }
            extraTypes.add(objectType(table));
            extraTypes.add(boolExp(table));
            extraTypes.add(orderByType(table));
            extraTypes.add(selectColumnEnum(table));
            if (aggregates(table)) {
                extraTypes.addAll(aggregates.of(table));
            }
            if (access.isAdmin()) {
                Map<ResolvedRelationship, ResolvedTable> related = new LinkedHashMap<>();
                relationships(table).forEach(rel -> related.put(rel, model.table(rel.remoteTable()).orElseThrow()));
                mutations.add(table, MutationTypes.Access.admin(table, hasByPk, related));
            }
        }
        if (!access.isAdmin()) {
            for (ResolvedTable table : full.tables().values()) {
                if (isName(table.graphqlName()) && !access.table(table.name()).isNone()) {
                    mutations.add(table, mutationAccess(table));
                }
            }
        }
        if (queryFields == 0) {
            query.field(newFieldDefinition().name(NO_QUERIES_FIELD).description(NO_QUERIES_MESSAGE)
                    .type(GraphQLNonNull.nonNull(Scalars.GraphQLString)));
        }
        if (!tables.isEmpty()) {
            extraTypes.add(orderByEnum());
        }
        extraTypes.addAll(mutations.types());
        GraphQLSchema.Builder schema = GraphQLSchema.newSchema().query(query.build());
        List<GraphQLFieldDefinition> mutationFields = new ArrayList<>(mutations.fields());
        mutationFields.addAll(actions.mutationFields());
        if (!mutationFields.isEmpty()) {
            schema.mutation(GraphQLObjectType.newObject().name(MUTATION_ROOT).fields(mutationFields).build());
        }
        return schema.additionalTypes(extraTypes).build();
    }

    private GraphQLOutputType listOf(ResolvedTable table) {
        return GraphQLNonNull.nonNull(GraphQLList.list(
                GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(TableGraphqlNames.of(table).objectType()))));
    }

    private List<GraphQLArgument> selectArguments(ResolvedTable table) {
        TableGraphqlNames names = TableGraphqlNames.of(table);
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

    private GraphQLObjectType objectType(ResolvedTable table) {
        GraphQLObjectType.Builder type = GraphQLObjectType.newObject().name(TableGraphqlNames.of(table).objectType())
                .description(table.comment() != null && !table.comment().isBlank() ? table.comment()
                        : "columns and relationships of \"" + TableGraphqlNames.describe(table) + "\"");
        for (ResolvedColumn column : exposedColumns(table)) {
            GraphQLOutputType scalar = (GraphQLOutputType) scalar(column.type());
            type.field(newFieldDefinition().name(column.name()).description(blankToNull(column.comment()))
                    .type(column.nullable() ? scalar : GraphQLNonNull.nonNull(scalar)));
        }
        actions.tableFields(TableGraphqlNames.of(table).objectType()).forEach(type::field);
        for (ResolvedRelationship rel : relationships(table)) {
            ResolvedTable remote = model.table(rel.remoteTable()).orElseThrow();
            if (rel.kind() == ResolvedRelationship.Kind.OBJECT) {
                type.field(newFieldDefinition().name(rel.name())
                        .description(describeRelationship(rel, "An object relationship"))
                        .type(GraphQLTypeReference.typeRef(TableGraphqlNames.of(remote).objectType())));
            } else {
                type.field(newFieldDefinition().name(rel.name())
                        .description(describeRelationship(rel, "An array relationship"))
                        .arguments(selectArguments(remote))
                        .type(listOf(remote)));
                if (aggregates(remote)) {
                    type.field(newFieldDefinition().name(rel.name() + "_aggregate")
                            .description(describeRelationship(rel, "An aggregate relationship"))
                            .arguments(selectArguments(remote))
                            .type(GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(
                                    TableGraphqlNames.of(remote).aggregateType()))));
                }
            }
        }
        return type.build();
    }

    private GraphQLInputObjectType boolExp(ResolvedTable table) {
        TableGraphqlNames names = TableGraphqlNames.of(table);
        GraphQLTypeReference self = GraphQLTypeReference.typeRef(names.boolExp());
        GraphQLInputObjectType.Builder type = GraphQLInputObjectType.newInputObject().name(names.boolExp())
                .description("Boolean expression to filter rows from the table \"" + TableGraphqlNames.describe(table)
                        + "\". All fields are combined with a logical 'AND'.")
                .field(newInputObjectField().name("_and").type(GraphQLList.list(GraphQLNonNull.nonNull(self))))
                .field(newInputObjectField().name("_not").type(self))
                .field(newInputObjectField().name("_or").type(GraphQLList.list(GraphQLNonNull.nonNull(self))));
        for (ResolvedColumn column : exposedColumns(table)) {
            type.field(newInputObjectField().name(column.name()).type(comparisonExp(column.type())));
        }
        for (ResolvedRelationship rel : relationships(table)) {
            ResolvedTable remote = model.table(rel.remoteTable()).orElseThrow();
            type.field(newInputObjectField().name(rel.name())
                    .type(GraphQLTypeReference.typeRef(TableGraphqlNames.of(remote).boolExp())));
            if (rel.kind() == ResolvedRelationship.Kind.ARRAY && aggregates(remote)) {
                type.field(newInputObjectField().name(rel.name() + "_aggregate")
                        .type(GraphQLTypeReference.typeRef(TableGraphqlNames.of(remote).aggregateBoolExp())));
            }
        }
        return type.build();
    }

    private GraphQLInputObjectType orderByType(ResolvedTable table) {
        TableGraphqlNames names = TableGraphqlNames.of(table);
        GraphQLTypeReference direction = GraphQLTypeReference.typeRef(OrderDirection.ENUM_NAME);
        GraphQLInputObjectType.Builder type = GraphQLInputObjectType.newInputObject().name(names.orderBy())
                .description("Ordering options when selecting data from \"" + TableGraphqlNames.describe(table) + "\".");
        for (ResolvedColumn column : exposedColumns(table)) {
            type.field(newInputObjectField().name(column.name()).type(direction));
        }
        for (ResolvedRelationship rel : relationships(table)) {
            ResolvedTable remote = model.table(rel.remoteTable()).orElseThrow();
            if (rel.kind() == ResolvedRelationship.Kind.OBJECT) {
                type.field(newInputObjectField().name(rel.name())
                        .type(GraphQLTypeReference.typeRef(TableGraphqlNames.of(remote).orderBy())));
            } else if (aggregates(remote)) {
                type.field(newInputObjectField().name(rel.name() + "_aggregate")
                        .type(GraphQLTypeReference.typeRef(TableGraphqlNames.of(remote).aggregateOrderBy())));
            }
        }
        return type.build();
    }

    private GraphQLEnumType selectColumnEnum(ResolvedTable table) {
        GraphQLEnumType.Builder type = GraphQLEnumType.newEnum().name(TableGraphqlNames.of(table).selectColumn())
                .description("select columns of table \"" + TableGraphqlNames.describe(table) + "\"");
        for (ResolvedColumn column : exposedColumns(table)) {
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
        return scalars.comparisonExp(type);
    }

    private GraphQLScalarType scalar(PgType type) {
        return scalars.scalar(type);
    }

    /** Relationships whose remote table is in the schema and whose name is a valid field name. */
    private List<ResolvedRelationship> relationships(ResolvedTable table) {
        List<ResolvedRelationship> out = new ArrayList<>();
        for (ResolvedRelationship rel : table.relationships()) {
            ResolvedTable remote = model.table(rel.remoteTable()).orElse(null);
            if (remote != null && tables.containsKey(remote.graphqlName()) && isName(rel.name())) {
                out.add(rel);
            }
        }
        return out;
    }

    private static String describeRelationship(ResolvedRelationship rel, String fallback) {
        return rel.comment() != null && !rel.comment().isBlank() ? rel.comment() : fallback;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
