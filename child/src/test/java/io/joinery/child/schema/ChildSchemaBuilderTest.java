package io.joinery.child.schema;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.introspection.IntrospectionQuery;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.SchemaPrinter;
import io.joinery.child.db.PgTable;
import io.joinery.child.db.PgType;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedRelationship.Kind;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.core.json.GoldenFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated schema has SPEC §2.2's shapes (query side) and is valid for introspection. */
class ChildSchemaBuilderTest {
    static final PgType INT = new PgType("int4", "integer", 'N');
    static final PgType TEXT = new PgType("text", "text", 'S');
    static final PgType JSONB = new PgType("jsonb", "jsonb", 'U');
    static final PgType UUID = new PgType("uuid", "uuid", 'U');
    static final QualifiedTable AUTHOR = QualifiedTable.publicTable("author");
    static final QualifiedTable ARTICLE = QualifiedTable.publicTable("article");
    static final QualifiedTable TAG = new QualifiedTable("other", "tag");

    /** SPEC §2.2's example tables, plus `other.tag` (non-public, uuid key, jsonb) and a key-less log. */
    static final ResolvedModel MODEL = ResolvedModel.of(List.of(
            new ResolvedTable(AUTHOR, false,
                    List.of(column("id", INT, false), column("name", TEXT, false)), List.of("id"), List.of(),
                    List.of(new ResolvedRelationship("articles", Kind.ARRAY, ARTICLE, Map.of("id", "author_id"), null)),
                    null),
            new ResolvedTable(ARTICLE, false,
                    List.of(column("id", INT, false), column("title", TEXT, false), column("author_id", INT, true)),
                    List.of("id"), List.of(),
                    List.of(new ResolvedRelationship("author", Kind.OBJECT, AUTHOR, Map.of("author_id", "id"), null)),
                    null),
            new ResolvedTable(TAG, false, List.of(column("id", UUID, false), column("data", JSONB, true)),
                    List.of("id"), List.of(), List.of(), null),
            new ResolvedTable(QualifiedTable.publicTable("log"), false, List.of(column("line", TEXT, true)),
                    List.of(), List.of(), List.of(), null)));

    final GraphQLSchema schema = ChildSchemaBuilder.build(MODEL, "admin");

    @Test
    void queryRoot_hasListAndByPkFields_withHasuraArguments() {
        GraphQLObjectType root = schema.getQueryType();
        assertThat(root.getName()).isEqualTo("query_root");
        String args = "(distinct_on: [author_select_column!], limit: Int, offset: Int, "
                + "order_by: [author_order_by!], where: author_bool_exp)";
        assertThat(signature(root.getFieldDefinition("author"))).isEqualTo("author" + args + ": [author!]!");
        assertThat(signature(root.getFieldDefinition("author_by_pk"))).isEqualTo("author_by_pk(id: Int!): author");
        assertThat(signature(root.getFieldDefinition("other_tag_by_pk"))).isEqualTo("other_tag_by_pk(id: uuid!): other_tag");
        assertThat(root.getFieldDefinition("log")).isNotNull();
        assertThat(root.getFieldDefinition("log_by_pk")).as("no primary key, no _by_pk").isNull();
        assertThat(root.getFieldDefinition("author").getDescription()).isEqualTo("fetch data from the table: \"author\"");
        assertThat(root.getFieldDefinition("other_tag").getDescription())
                .isEqualTo("fetch data from the table: \"other.tag\"");
    }

    @Test
    void objectTypes_haveColumnsAndRelationships() {
        assertThat(fields((GraphQLObjectType) schema.getType("author"))).containsExactly(
                "id: Int!", "name: String!",
                "articles(distinct_on: [article_select_column!], limit: Int, offset: Int, "
                        + "order_by: [article_order_by!], where: article_bool_exp): [article!]!",
                "articles_aggregate(distinct_on: [article_select_column!], limit: Int, offset: Int, "
                        + "order_by: [article_order_by!], where: article_bool_exp): article_aggregate!");
        assertThat(fields((GraphQLObjectType) schema.getType("article")))
                .containsExactly("id: Int!", "title: String!", "author_id: Int", "author: author");
        assertThat(fields((GraphQLObjectType) schema.getType("other_tag"))).containsExactly("id: uuid!", "data: jsonb");
    }

    @Test
    void boolExp_andComparisonTypes() {
        assertThat(inputFields("author_bool_exp")).containsExactly("_and: [author_bool_exp!]",
                "_not: author_bool_exp", "_or: [author_bool_exp!]", "id: Int_comparison_exp",
                "name: String_comparison_exp", "articles: article_bool_exp",
                "articles_aggregate: article_aggregate_bool_exp");
        assertThat(inputFields("Int_comparison_exp")).containsExactly("_eq: Int", "_neq: Int", "_gt: Int",
                "_gte: Int", "_lt: Int", "_lte: Int", "_in: [Int!]", "_nin: [Int!]", "_is_null: Boolean");
        assertThat(inputFields("String_comparison_exp")).contains("_eq: String", "_in: [String!]", "_like: String",
                "_nlike: String", "_ilike: String", "_nilike: String", "_similar: String", "_nsimilar: String",
                "_regex: String", "_nregex: String", "_iregex: String", "_niregex: String").hasSize(19);
        assertThat(inputFields("jsonb_comparison_exp")).contains("_eq: jsonb", "_contains: jsonb",
                "_contained_in: jsonb", "_has_key: String", "_has_keys_any: [String!]", "_has_keys_all: [String!]");
        assertThat(inputFields("uuid_comparison_exp")).doesNotContain("_like: uuid");
    }

    @Test
    void orderBy_andSelectColumnTypes() {
        assertThat(enumValues("order_by")).containsExactly("asc", "asc_nulls_first", "asc_nulls_last", "desc",
                "desc_nulls_first", "desc_nulls_last");
        assertThat(inputFields("article_order_by"))
                .containsExactly("id: order_by", "title: order_by", "author_id: order_by", "author: author_order_by");
        assertThat(inputFields("author_order_by")).as("array relationships order by aggregates")
                .containsExactly("id: order_by", "name: order_by", "articles_aggregate: article_aggregate_order_by");
        assertThat(enumValues("author_select_column")).containsExactly("id", "name");
    }

    @Test
    void aggregateTypes_followHasurasPerTypeRules() {
        assertThat(signature(schema.getQueryType().getFieldDefinition("author_aggregate"))).isEqualTo(
                "author_aggregate(distinct_on: [author_select_column!], limit: Int, offset: Int, "
                        + "order_by: [author_order_by!], where: author_bool_exp): author_aggregate!");
        assertThat(fields((GraphQLObjectType) schema.getType("author_aggregate")))
                .containsExactly("aggregate: author_aggregate_fields", "nodes: [author!]!");
        assertThat(fields((GraphQLObjectType) schema.getType("author_aggregate_fields"))).containsExactly(
                "avg: author_avg_fields", "count(columns: [author_select_column!], distinct: Boolean): Int!",
                "max: author_max_fields", "min: author_min_fields", "stddev: author_stddev_fields",
                "stddev_pop: author_stddev_pop_fields", "stddev_samp: author_stddev_samp_fields",
                "sum: author_sum_fields", "var_pop: author_var_pop_fields", "var_samp: author_var_samp_fields",
                "variance: author_variance_fields");
        assertThat(fields((GraphQLObjectType) schema.getType("author_sum_fields"))).containsExactly("id: Int");
        assertThat(fields((GraphQLObjectType) schema.getType("author_avg_fields"))).containsExactly("id: Float");
        assertThat(fields((GraphQLObjectType) schema.getType("author_max_fields")))
                .containsExactly("id: Int", "name: String");
        assertThat(fields((GraphQLObjectType) schema.getType("other_tag_aggregate_fields")))
                .as("uuid and jsonb have no sum, avg, min or max")
                .containsExactly("count(columns: [other_tag_select_column!], distinct: Boolean): Int!");
        assertThat(inputFields("article_aggregate_bool_exp")).containsExactly("count: article_aggregate_bool_exp_count");
        assertThat(inputFields("article_aggregate_bool_exp_count")).containsExactly(
                "arguments: [article_select_column!]", "distinct: Boolean", "filter: article_bool_exp",
                "predicate: Int_comparison_exp!");
        assertThat(inputFields("article_aggregate_order_by")).contains("count: order_by", "max: article_max_order_by",
                "sum: article_sum_order_by");
        assertThat(inputFields("article_max_order_by")).containsExactly("id: order_by", "title: order_by",
                "author_id: order_by");
    }

    @Test
    void mutationRoot_hasSpecFieldsAndInputs() {
        GraphQLObjectType root = schema.getMutationType();
        assertThat(root.getName()).isEqualTo("mutation_root");
        assertThat(signature(root.getFieldDefinition("insert_author")))
                .isEqualTo("insert_author(objects: [author_insert_input!]!): author_mutation_response");
        assertThat(signature(root.getFieldDefinition("insert_author_one")))
                .isEqualTo("insert_author_one(object: author_insert_input!): author");
        assertThat(signature(root.getFieldDefinition("update_author"))).isEqualTo(
                "update_author(where: author_bool_exp!, _set: author_set_input, _inc: author_inc_input): author_mutation_response");
        assertThat(signature(root.getFieldDefinition("update_author_by_pk"))).isEqualTo(
                "update_author_by_pk(pk_columns: author_pk_columns_input!, _set: author_set_input, _inc: author_inc_input): author");
        assertThat(signature(root.getFieldDefinition("delete_author")))
                .isEqualTo("delete_author(where: author_bool_exp!): author_mutation_response");
        assertThat(signature(root.getFieldDefinition("delete_author_by_pk"))).isEqualTo("delete_author_by_pk(id: Int!): author");
        assertThat(signature(root.getFieldDefinition("update_other_tag"))).as("no numeric column, no _inc")
                .isEqualTo("update_other_tag(where: other_tag_bool_exp!, _set: other_tag_set_input): other_tag_mutation_response");
        assertThat(root.getFieldDefinition("delete_log_by_pk")).as("no primary key, no _by_pk").isNull();
        assertThat(root.getFieldDefinition("delete_log")).isNotNull();
        assertThat(fields((GraphQLObjectType) schema.getType("author_mutation_response")))
                .containsExactly("affected_rows: Int!", "returning: [author!]!");
        assertThat(inputFields("author_insert_input"))
                .containsExactly("id: Int", "name: String", "articles: article_arr_rel_insert_input");
        assertThat(inputFields("article_insert_input")).contains("author: author_obj_rel_insert_input");
        assertThat(inputFields("article_arr_rel_insert_input")).containsExactly("data: [article_insert_input!]!");
        assertThat(inputFields("author_pk_columns_input")).containsExactly("id: Int!");
        assertThat(inputFields("author_inc_input")).containsExactly("id: Int");
    }

    @Test
    void onConflict_existsForTablesWithUniqueConstraints_andViewsHaveNoMutations() {
        ResolvedModel model = ResolvedModel.of(List.of(
                new ResolvedTable(AUTHOR, false, List.of(column("id", INT, false), column("name", TEXT, false)),
                        List.of("id"), List.of(new PgTable.PgConstraint("author_pkey", List.of("id")),
                                new PgTable.PgConstraint("author_name_key", List.of("name"))), List.of(), null),
                new ResolvedTable(QualifiedTable.publicTable("author_view"), true,
                        List.of(column("id", INT, false)), List.of(), List.of(), List.of(), null)));
        GraphQLSchema built = ChildSchemaBuilder.build(model, "admin");
        assertThat(signature(built.getMutationType().getFieldDefinition("insert_author_one"))).isEqualTo(
                "insert_author_one(object: author_insert_input!, on_conflict: author_on_conflict): author");
        assertThat(((GraphQLEnumType) built.getType("author_constraint")).getValues())
                .extracting(GraphQLEnumValueDefinition::getName).containsExactly("author_pkey", "author_name_key");
        GraphQLInputObjectType onConflict = (GraphQLInputObjectType) built.getType("author_on_conflict");
        assertThat(onConflict.getFieldDefinitions()).extracting(f -> f.getName() + ": " + GraphQLTypeUtil.simplePrint(f.getType()))
                .containsExactly("constraint: author_constraint!", "update_columns: [author_update_column!]!",
                        "where: author_bool_exp");
        assertThat(built.getMutationType().getFieldDefinitions()).extracting(GraphQLFieldDefinition::getName)
                .noneMatch(name -> name.contains("author_view"));
        assertThat(built.getQueryType().getFieldDefinition("author_view")).isNotNull();
    }

    @Test
    void introspectionQuery_runsWithoutErrors() {
        ExecutionResult result = GraphQL.newGraphQL(schema).build().execute(IntrospectionQuery.INTROSPECTION_QUERY);
        assertThat(result.getErrors()).isEmpty();
        Map<String, Object> data = result.getData();
        assertThat(data).containsKey("__schema");
        assertThat(new SchemaPrinter().print(schema)).contains("scalar uuid", "scalar jsonb", "enum order_by");
    }

    /** The whole SDL of the SQL goldens' tables, for review: `golden/schema/library.graphqls`. */
    @Test
    void librarySchema_matchesGoldenSdl() {
        GraphQLSchema library = ChildSchemaBuilder.build(io.joinery.child.sql.LibraryFixture.model(), "admin");
        String sdl = new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(false)).print(library);
        new GoldenFiles.Case("library", Path.of("src", "test", "resources", "golden", "schema"), "")
                .assertMatches(".graphqls", sdl);
    }

    @Test
    void nonAdminRole_getsNoQueriesAvailable() {
        GraphQLSchema user = ChildSchemaBuilder.build(MODEL, "user");
        assertThat(fields(user.getQueryType())).containsExactly("no_queries_available: String!");
        assertThat(user.getType("author")).isNull();
        ExecutionResult result = GraphQL.newGraphQL(user).build().execute(IntrospectionQuery.INTROSPECTION_QUERY);
        assertThat(result.getErrors()).isEmpty();
        assertThat(fields(ChildSchemaBuilder.build(ResolvedModel.EMPTY, "admin").getQueryType()))
                .containsExactly("no_queries_available: String!");
    }

    @Test
    void invalidGraphqlNames_areLeftOut() {
        ResolvedModel model = ResolvedModel.of(List.of(new ResolvedTable(QualifiedTable.publicTable("my-table"), false,
                        List.of(column("id", INT, false)), List.of("id"), List.of(), List.of(), null),
                new ResolvedTable(QualifiedTable.publicTable("ok"), false,
                        List.of(column("id", INT, false), column("bad name", TEXT, true)), List.of("id"), List.of(),
                        List.of(), null)));
        GraphQLSchema built = ChildSchemaBuilder.build(model, "admin");
        assertThat(built.getQueryType().getFieldDefinitions()).extracting(GraphQLFieldDefinition::getName)
                .containsExactly("ok", "ok_aggregate", "ok_by_pk");
        assertThat(fields((GraphQLObjectType) built.getType("ok"))).containsExactly("id: Int!");
    }

    private static ResolvedColumn column(String name, PgType type, boolean nullable) {
        return new ResolvedColumn(name, type, nullable, false, false, null);
    }

    private static String signature(GraphQLFieldDefinition field) {
        String args = field.getArguments().isEmpty() ? "" : field.getArguments().stream()
                .map(a -> a.getName() + ": " + GraphQLTypeUtil.simplePrint(a.getType()))
                .collect(Collectors.joining(", ", "(", ")"));
        return field.getName() + args + ": " + GraphQLTypeUtil.simplePrint(field.getType());
    }

    private static List<String> fields(GraphQLObjectType type) {
        return type.getFieldDefinitions().stream().map(ChildSchemaBuilderTest::signature).toList();
    }

    private List<String> inputFields(String typeName) {
        GraphQLInputObjectType type = (GraphQLInputObjectType) schema.getType(typeName);
        return type.getFieldDefinitions().stream()
                .map((GraphQLInputObjectField f) -> f.getName() + ": " + GraphQLTypeUtil.simplePrint(f.getType()))
                .toList();
    }

    private List<String> enumValues(String typeName) {
        return ((GraphQLEnumType) schema.getType(typeName)).getValues().stream()
                .map(GraphQLEnumValueDefinition::getName).toList();
    }
}
