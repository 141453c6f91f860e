package io.joinery.child.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.schema.GraphQLSchema;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Semantic checks graphql-java validation cannot make, and the non-admin root. */
class SqlCompilerTest {
    private static final ResolvedModel MODEL = LibraryFixture.model();
    private static final GraphQLSchema SCHEMA = ChildSchemaBuilder.build(MODEL, "admin");
    private final SqlCompiler compiler = new SqlCompiler(MODEL);

    @Test
    void nullComparisonValues_areValidationErrors_atTheirPath() {
        assertRejected("{ author { articles(where: {rating: {_in: null}}) { id } } }", Map.of(),
                "expected a list for type '[Int!]', but found null",
                "$.selectionSet.author.selectionSet.articles.args.where.rating._in");
        assertRejected("{ article(where: {author: {bio: {_is_null: null}}}) { id } }", Map.of(),
                "expected a boolean for type 'Boolean', but found null", "$.selectionSet.article.args.where.author.bio._is_null");
        Map<String, Object> nullVariable = new HashMap<>();
        nullVariable.put("v", null);
        assertRejected("query Q($v: uuid) { other_profile(where: {id: {_eq: $v}}) { id } }", nullVariable,
                "expected a value for type 'uuid', but found null", "$.selectionSet.other_profile.args.where.id._eq");
    }

    @Test
    void absentVariable_andNullBoolExpKeys_meanNoCondition() {
        SqlStatement statement = compiler.compileQuery(NormalizedQuery.classified(SCHEMA, MODEL,
                "query Q($v: Int, $w: author_bool_exp) { author(where: {id: {_eq: $v}, name: null, _not: $w}) { id } }",
                Map.of()));
        assertThat(statement.text()).doesNotContain("WHERE");
        assertThat(statement.params()).isEmpty();
    }

    @Test
    void negativeOffset_isRejected() {
        assertRejected("{ author(offset: -3) { id } }", Map.of(),
                "expected a non-negative integer for argument 'offset', but found -3", "$.selectionSet.author.args.offset");
    }

    @Test
    void nonAdminRoot_answersNoQueriesAvailable() {
        GraphQLSchema user = ChildSchemaBuilder.build(MODEL, "user");
        SqlStatement statement = compiler.compileQuery(
                NormalizedQuery.classified(user, MODEL, "{ no_queries_available t: __typename }", Map.of()));
        assertThat(statement.text()).isEqualTo(
                "SELECT row_to_json((SELECT \"o$\" FROM (SELECT ($1)::text AS \"no_queries_available\", ($2)::text AS \"t\")"
                        + " AS \"o$\")) AS data");
        assertThat(statement.params()).containsExactly(ChildSchemaBuilder.NO_QUERIES_MESSAGE, "query_root");
    }

    private void assertRejected(String query, Map<String, Object> variables, String message, String path) {
        assertThatThrownBy(() -> compiler.compileQuery(NormalizedQuery.classified(SCHEMA, MODEL, query, variables)))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.path()).hasToString(path);
                });
    }
}
