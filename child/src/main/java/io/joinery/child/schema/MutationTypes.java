package io.joinery.child.schema;

import static graphql.schema.GraphQLArgument.newArgument;
import static graphql.schema.GraphQLFieldDefinition.newFieldDefinition;
import static graphql.schema.GraphQLInputObjectField.newInputObjectField;

import graphql.Scalars;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeReference;
import io.joinery.child.db.PgTable;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutation root fields and input types of one table (SPEC §2.2); views get none.
 *
 * <pre>
 * insert_author(objects: [author_insert_input!]!, on_conflict: author_on_conflict): author_mutation_response
 * insert_author_one(object: author_insert_input!, on_conflict: author_on_conflict): author
 * update_author(where: author_bool_exp!, _set: author_set_input, _inc: author_inc_input): author_mutation_response
 * update_author_by_pk(pk_columns: author_pk_columns_input!, _set, _inc): author
 * delete_author(where: author_bool_exp!): author_mutation_response     delete_author_by_pk(id: Int!): author
 * </pre>
 *
 * `on_conflict` exists when the table has a primary key or unique constraint, `_inc` when it has
 * numeric columns, the `_by_pk` fields when it has a primary key. Generated columns are not writable.
 * `author_insert_input` has a field per relationship to a mutable table, for nested inserts
 * (`articles: article_arr_rel_insert_input`, `author: author_obj_rel_insert_input`).
 */
final class MutationTypes {
    private final ScalarTypes scalars;
    private final List<GraphQLFieldDefinition> fields = new ArrayList<>();
    private final List<GraphQLNamedType> types = new ArrayList<>();
    private final Set<String> relInserts = new HashSet<>();

    MutationTypes(ScalarTypes scalars) {
        this.scalars = scalars;
    }

    /** Root fields so far, sorted by name as Hasura lists them. */
    List<GraphQLFieldDefinition> fields() {
        return fields.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
    }

    List<GraphQLNamedType> types() {
        return List.copyOf(types);
    }

    /** Columns a mutation may write. */
    static List<ResolvedColumn> writableColumns(ResolvedTable table) {
        return ChildSchemaBuilder.exposedColumns(table).stream().filter(c -> !c.isGenerated()).toList();
    }

    /** Constraints `on_conflict` may name: those whose name is a GraphQL enum value. */
    static List<String> conflictConstraints(ResolvedTable table) {
        return table.uniqueConstraints().stream().map(PgTable.PgConstraint::name)
                .filter(ChildSchemaBuilder::isName).filter(n -> !List.of("true", "false", "null").contains(n)).toList();
    }

    /** Whether a table gets mutation fields: not a view, and some column is writable. */
    static boolean isMutable(ResolvedTable table) {
        return !table.isView() && !writableColumns(table).isEmpty();
    }

    /**
     * What a role may do to one table through mutations (SPEC §10.2); admin: {@link #admin}.
     *
     * @param insertColumns columns of `<table>_insert_input` (null: no insert fields)
     * @param updateColumns columns of `_set` / `_inc` (null: no update fields)
     * @param delete        whether the delete fields exist
     * @param select        whether the role may select the table: `returning`, `insert_<table>_one`,
     *                      and the `where` of updates, deletes and `on_conflict` need it
     * @param byPk          whether the `_by_pk` fields exist (select of every primary-key column)
     * @param upsertColumns the `update_columns` of `on_conflict` (null: no `on_conflict`)
     * @param nested        relationships whose remote table the role may insert into: nested-insert fields
     */
    record Access(List<ResolvedColumn> insertColumns, List<ResolvedColumn> updateColumns, boolean delete,
                  boolean select, boolean byPk, List<ResolvedColumn> upsertColumns,
                  Map<ResolvedRelationship, Nested> nested) {
        /** Admin: every writable column, every field; nested inserts into every mutable related table. */
        static Access admin(ResolvedTable table, boolean hasByPk, Map<ResolvedRelationship, ResolvedTable> relationships) {
            List<ResolvedColumn> writable = writableColumns(table);
            Map<ResolvedRelationship, Nested> nested = new java.util.LinkedHashMap<>();
            relationships.forEach((rel, remote) -> {
                if (isMutable(remote)) {
                    nested.put(rel, new Nested(remote, !conflictConstraints(remote).isEmpty()));
                }
            });
            return new Access(writable, writable, true, true, hasByPk, writable, nested);
        }
    }

    /** The remote table of a nested insert, and whether it has `on_conflict` (see {@link Access#upsertColumns}). */
    record Nested(ResolvedTable remote, boolean upsert) {}

    /** Adds the table's fields and types, as {@code access} allows; views get none. */
    void add(ResolvedTable table, Access access) {
        if (!isMutable(table)) {
            return;
        }
        TableGraphqlNames names = TableGraphqlNames.of(table);
        String described = TableGraphqlNames.describe(table);
        GraphQLTypeReference object = GraphQLTypeReference.typeRef(names.objectType());
        GraphQLTypeReference response = GraphQLTypeReference.typeRef(names.mutationResponse());
        GraphQLNonNull boolExp = GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(names.boolExp()));
        boolean inserts = access.insertColumns() != null
                && !(access.insertColumns().isEmpty() && access.nested().isEmpty());
        boolean updates = access.select() && access.updateColumns() != null && !access.updateColumns().isEmpty();
        boolean deletes = access.select() && access.delete();
        if (!inserts && !updates && !deletes) {
            return;
        }

        GraphQLObjectType.Builder responseType = GraphQLObjectType.newObject().name(names.mutationResponse())
                .description("response of any mutation on the table \"" + described + "\"")
                .field(newFieldDefinition().name("affected_rows").description("number of rows affected by the mutation")
                        .type(GraphQLNonNull.nonNull(Scalars.GraphQLInt)));
        if (access.select()) {
            responseType.field(newFieldDefinition().name("returning").description("data from the rows affected by the mutation")
                    .type(GraphQLNonNull.nonNull(GraphQLList.list(GraphQLNonNull.nonNull(object)))));
        }
        types.add(responseType.build());

        if (inserts) {
            GraphQLInputObjectType.Builder insertInput = columnsInputBuilder(names.insertInput(),
                    "input type for inserting data into table \"" + described + "\"", access.insertColumns());
            access.nested().forEach((rel, nested) -> insertInput.field(newInputObjectField().name(rel.name())
                    .type(GraphQLTypeReference.typeRef(relInsertInput(nested.remote(),
                            rel.kind() == ResolvedRelationship.Kind.OBJECT, nested.upsert())))));
            types.add(insertInput.build());
        }
        List<ResolvedColumn> numeric = updates
                ? access.updateColumns().stream().filter(c -> c.type().isNumeric()).toList() : List.of();
        if (updates) {
            types.add(columnsInput(names.setInput(), "input type for updating data in table \"" + described + "\"",
                    access.updateColumns()));
            if (!numeric.isEmpty()) {
                types.add(columnsInput(names.incInput(), "input type for incrementing numeric columns in table \""
                        + described + "\"", numeric));
            }
        }
        List<String> constraints = conflictConstraints(table);
        boolean upsert = inserts && access.select() && access.upsertColumns() != null && !constraints.isEmpty();
        if (upsert) {
            types.add(enumOf(names.constraintEnum(), "unique or primary key constraints on table \"" + described + "\"",
                    constraints, "unique or primary key constraint"));
            List<String> upsertColumns = access.upsertColumns().stream().map(ResolvedColumn::name).toList();
            GraphQLInputObjectType.Builder onConflict = GraphQLInputObjectType.newInputObject().name(names.onConflict())
                    .description("on_conflict condition type for table \"" + described + "\"")
                    .field(newInputObjectField().name("constraint")
                            .type(GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(names.constraintEnum()))));
            if (!upsertColumns.isEmpty()) {
                types.add(enumOf(names.updateColumnEnum(), "update columns of table \"" + described + "\"",
                        upsertColumns, "column name"));
                onConflict.field(newInputObjectField().name("update_columns").defaultValueProgrammatic(List.of())
                        .type(GraphQLNonNull.nonNull(GraphQLList.list(GraphQLNonNull.nonNull(
                                GraphQLTypeReference.typeRef(names.updateColumnEnum()))))));
            }
            types.add(onConflict.field(newInputObjectField().name("where")
                    .type(GraphQLTypeReference.typeRef(names.boolExp()))).build());
        }

        if (inserts) {
            GraphQLFieldDefinition.Builder insert = newFieldDefinition().name(names.insertField())
                    .description("insert data into the table: \"" + described + "\"")
                    .argument(newArgument().name("objects").description("the rows to be inserted")
                            .type(GraphQLNonNull.nonNull(GraphQLList.list(GraphQLNonNull.nonNull(
                                    GraphQLTypeReference.typeRef(names.insertInput()))))))
                    .type(response);
            if (upsert) {
                insert.argument(newArgument().name("on_conflict").description("upsert condition")
                        .type(GraphQLTypeReference.typeRef(names.onConflict())));
            }
            fields.add(insert.build());
            if (access.select()) {
                GraphQLFieldDefinition.Builder insertOne = newFieldDefinition().name(names.insertOneField())
                        .description("insert a single row into the table: \"" + described + "\"")
                        .argument(newArgument().name("object").description("the row to be inserted")
                                .type(GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(names.insertInput()))))
                        .type(object);
                if (upsert) {
                    insertOne.argument(newArgument().name("on_conflict").description("upsert condition")
                            .type(GraphQLTypeReference.typeRef(names.onConflict())));
                }
                fields.add(insertOne.build());
            }
        }
        if (updates) {
            GraphQLFieldDefinition.Builder update = newFieldDefinition().name(names.updateField())
                    .description("update data of the table: \"" + described + "\"")
                    .argument(newArgument().name("where").description("filter the rows which have to be updated")
                            .type(boolExp))
                    .type(response);
            addSetInc(update, names, !numeric.isEmpty());
            fields.add(update.build());
        }
        if (deletes) {
            fields.add(newFieldDefinition().name(names.deleteField())
                    .description("delete data from the table: \"" + described + "\"")
                    .argument(newArgument().name("where").description("filter the rows which have to be deleted")
                            .type(boolExp))
                    .type(response).build());
        }

        if (access.byPk() && (updates || deletes)) {
            GraphQLInputObjectType.Builder pk = GraphQLInputObjectType.newInputObject().name(names.pkColumnsInput())
                    .description("primary key columns input for table: " + described);
            GraphQLFieldDefinition.Builder deleteByPk = newFieldDefinition().name(names.deleteByPkField())
                    .description("delete single row from the table: \"" + described + "\"")
                    .type(object);
            for (String key : table.primaryKey()) {
                GraphQLNonNull type = GraphQLNonNull.nonNull(scalars.scalar(table.column(key).orElseThrow().type()));
                pk.field(newInputObjectField().name(key).type(type));
                deleteByPk.argument(newArgument().name(key).type(type));
            }
            if (updates) {
                types.add(pk.build());
                GraphQLFieldDefinition.Builder updateByPk = newFieldDefinition().name(names.updateByPkField())
                        .description("update single row of the table: \"" + described + "\"")
                        .argument(newArgument().name("pk_columns")
                                .type(GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(names.pkColumnsInput()))))
                        .type(object);
                addSetInc(updateByPk, names, !numeric.isEmpty());
                fields.add(updateByPk.build());
            }
            if (deletes) {
                fields.add(deleteByPk.build());
            }
        }
    }

    private static void addSetInc(GraphQLFieldDefinition.Builder field, TableGraphqlNames names, boolean hasInc) {
        field.argument(newArgument().name("_set").description("sets the columns of the filtered rows to the given values")
                .type(GraphQLTypeReference.typeRef(names.setInput())));
        if (hasInc) {
            field.argument(newArgument().name("_inc").description("increments the numeric columns with given value of the filtered values")
                    .type(GraphQLTypeReference.typeRef(names.incInput())));
        }
    }

    private GraphQLInputObjectType columnsInput(String name, String description, List<ResolvedColumn> columns) {
        return columnsInputBuilder(name, description, columns).build();
    }

    private GraphQLInputObjectType.Builder columnsInputBuilder(String name, String description, List<ResolvedColumn> columns) {
        GraphQLInputObjectType.Builder input = GraphQLInputObjectType.newInputObject().name(name).description(description);
        for (ResolvedColumn column : columns) {
            input.field(newInputObjectField().name(column.name()).type((GraphQLInputType) scalars.scalar(column.type())));
        }
        return input;
    }

    /**
     * `author_obj_rel_insert_input { data: author_insert_input!  on_conflict }` or
     * `article_arr_rel_insert_input { data: [article_insert_input!]!  on_conflict }`, made once per name.
     */
    private String relInsertInput(ResolvedTable remote, boolean object, boolean upsert) {
        TableGraphqlNames names = TableGraphqlNames.of(remote);
        String name = object ? names.objRelInsertInput() : names.arrRelInsertInput();
        if (relInserts.add(name)) {
            GraphQLTypeReference input = GraphQLTypeReference.typeRef(names.insertInput());
            GraphQLInputObjectType.Builder type = GraphQLInputObjectType.newInputObject().name(name)
                    .description("input type for inserting " + (object ? "object" : "array")
                            + " relation for remote table \"" + TableGraphqlNames.describe(remote) + "\"")
                    .field(newInputObjectField().name("data").type(object ? GraphQLNonNull.nonNull(input)
                            : GraphQLNonNull.nonNull(GraphQLList.list(GraphQLNonNull.nonNull(input)))));
            if (upsert) {
                type.field(newInputObjectField().name("on_conflict").description("upsert condition")
                        .type(GraphQLTypeReference.typeRef(names.onConflict())));
            }
            types.add(type.build());
        }
        return name;
    }

    private static GraphQLEnumType enumOf(String name, String description, List<String> values, String valueDescription) {
        GraphQLEnumType.Builder type = GraphQLEnumType.newEnum().name(name).description(description);
        values.forEach(v -> type.value(v, v, valueDescription));
        return type.build();
    }
}
