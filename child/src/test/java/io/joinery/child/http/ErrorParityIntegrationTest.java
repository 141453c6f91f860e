package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every row of SPEC §7's error table that the child can reach, end to end through `/v1/graphql`
 * (rows already covered by ChildHttpIntegrationTest are not repeated), and each class of database
 * error SPEC §2.2 maps, with code, path and message.
 */
class ErrorParityIntegrationTest {
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("""
                CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
                CREATE TABLE article (id serial PRIMARY KEY, title text NOT NULL,
                  author_id int REFERENCES author(id), rating int CHECK (rating BETWEEN 0 AND 10));
                CREATE TABLE device (id uuid PRIMARY KEY, label text);
                """, """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "pg_track_table", "args": {"table": "device"}}
                ]}""");
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @BeforeEach
    void resetData() {
        assertThat(http.runSql("""
                TRUNCATE article, author, device RESTART IDENTITY;
                INSERT INTO author (name) VALUES ('Ada');
                INSERT INTO article (title, author_id, rating) VALUES ('Notes', 1, 5);
                """).status()).isEqualTo(200);
    }

    private static JsonNode error(TestHttp.Response response) {
        return MutationIntegrationTest.onlyError(response);
    }

    private static void assertError(JsonNode error, String code, String path, String message) {
        assertThat(error.at("/extensions/code").asText()).as(error.toString()).isEqualTo(code);
        assertThat(error.at("/extensions/path").asText()).as(error.toString()).isEqualTo(path);
        assertThat(error.get("message").asText()).as(error.toString()).isEqualTo(message);
    }

    private static JsonNode graphqlError(String query) {
        return error(http.graphql(query));
    }

    // --- SPEC §7 table rows -------------------------------------------------------------------

    @Test
    void severalOperationsWithoutOperationName() {
        assertError(graphqlError("query A { author { id } } query B { article { id } }"), "validation-failed", "$",
                "exactly one operation has to be present in the document when operationName is not specified");
    }

    @Test
    void unknownOperationName() {
        JsonNode error = error(http.post("/v1/graphql",
                "{\"query\": \"query A { author { id } }\", \"operationName\": \"Foo\"}"));
        assertError(error, "validation-failed", "$", "no such operation found in the document: \"Foo\"");
    }

    @Test
    void unknownRootField() {
        assertError(graphqlError("{ foo }"), "validation-failed", "$.selectionSet.foo",
                "field 'foo' not found in type: 'query_root'");
        assertError(graphqlError("mutation { foo }"), "validation-failed", "$.selectionSet.foo",
                "field 'foo' not found in type: 'mutation_root'");
    }

    @Test
    void unknownArgument() {
        assertError(graphqlError("{ author(bogus: 1) { id } }"), "validation-failed", "$.selectionSet.author",
                "'author' has no argument named 'bogus'");
    }

    @Test
    void unknownArgument_isReportedBeforeMissingRequiredOne_likeHasura() {
        assertError(graphqlError("{ author_by_pk(foo: 1) { id } }"), "validation-failed",
                "$.selectionSet.author_by_pk", "'author_by_pk' has no argument named 'foo'");
        assertError(graphqlError("mutation { insert_article_one(object: {rating: \"high\", bogus: 1}) { id } }"),
                "validation-failed", "$.selectionSet.insert_article_one.args.object.bogus",
                "field 'bogus' not found in type: 'article_insert_input'");
    }

    @Test
    void missingRequiredArgument() {
        assertError(graphqlError("{ author_by_pk { id } }"), "validation-failed", "$.selectionSet.author_by_pk.args.id",
                "missing required field 'id'");
        assertError(graphqlError("mutation { insert_author { affected_rows } }"), "validation-failed",
                "$.selectionSet.insert_author.args.objects", "missing required field 'objects'");
    }

    @Test
    void wrongLiteralType() {
        assertError(graphqlError("{ author_by_pk(id: \"seven\") { id } }"), "validation-failed",
                "$.selectionSet.author_by_pk.args.id", "expected a 32-bit integer for type 'Int', but found a string");
        assertError(graphqlError("mutation { insert_article_one(object: {title: \"T\", rating: \"high\"}) { id } }"),
                "validation-failed", "$.selectionSet.insert_article_one.args.object.rating",
                "expected a 32-bit integer for type 'Int', but found a string");
    }

    @Test
    void objectFieldWithoutSelection() {
        assertError(graphqlError("{ author }"), "validation-failed", "$.selectionSet.author",
                "missing selection set for 'author'");
        assertError(graphqlError("mutation { delete_author(where: {}) { returning } }"), "validation-failed",
                "$.selectionSet.delete_author.selectionSet.returning", "missing selection set for 'returning'");
    }

    @Test
    void selectionOnScalar() {
        assertError(graphqlError("{ author_aggregate { aggregate { count { x } } } }"), "validation-failed",
                "$.selectionSet.author_aggregate.selectionSet.aggregate.selectionSet.count",
                "unexpected subselection set for non-object field");
    }

    @Test
    void variableTypeMismatch() {
        assertError(graphqlError("query Q($x: String) { author(limit: $x) { id } }"), "validation-failed",
                "$.selectionSet.author.args.limit", "variable 'x' is declared as 'String', but used where 'Int' is expected");
    }

    @Test
    void subscriptionOverHttp() {
        assertError(graphqlError("subscription { author { id } }"), "unexpected-payload", "$",
                "subscriptions are not supported over HTTP, use websockets instead");
    }

    @Test
    void mutationForRoleWithoutMutations() {
        assertError(error(http.graphql("mutation { insert_author(objects: []) { affected_rows } }", null,
                Map.of("X-Hasura-Role", "user"))), "validation-failed", "$", "no mutations exist");
    }

    // --- database errors (SPEC §2.2) ----------------------------------------------------------

    @Test
    void uniqueViolation() {
        assertError(graphqlError("mutation { insert_author(objects: [{name: \"Ada\"}]) { affected_rows } }"),
                "constraint-violation", "$.selectionSet.insert_author.args.objects",
                "Uniqueness violation. duplicate key value violates unique constraint \"author_name_key\"");
    }

    @Test
    void foreignKeyViolation_onInsertAndOnDelete() {
        assertError(graphqlError("mutation { insert_article_one(object: {title: \"T\", author_id: 99}) { id } }"),
                "constraint-violation", "$.selectionSet.insert_article_one.args.object",
                "Foreign key violation. insert or update on table \"article\" violates foreign key constraint "
                        + "\"article_author_id_fkey\"");
        assertError(graphqlError("mutation { delete_author_by_pk(id: 1) { id } }"),
                "constraint-violation", "$",
                "Foreign key violation. update or delete on table \"author\" violates foreign key constraint "
                        + "\"article_author_id_fkey\" on table \"article\"");
    }

    @Test
    void notNullViolation() {
        assertError(graphqlError("mutation { update_author(where: {}, _set: {name: null}) { affected_rows } }"),
                "constraint-violation", "$",
                "Not-NULL violation. null value in column \"name\" of relation \"author\" violates not-null constraint");
    }

    @Test
    void checkViolation() {
        assertError(graphqlError("mutation { update_article_by_pk(pk_columns: {id: 1}, _inc: {rating: 6}) { id } }"),
                "constraint-violation", "$",
                "Check constraint violation. new row for relation \"article\" violates check constraint "
                        + "\"article_rating_check\"");
    }

    @Test
    void dataException_invalidUuidText_inMutationAndQuery() {
        assertError(graphqlError("mutation { insert_device_one(object: {id: \"not-a-uuid\"}) { id } }"),
                "data-exception", "$.selectionSet.insert_device_one.args.object",
                "invalid input syntax for type uuid: \"not-a-uuid\"");
        assertError(graphqlError("{ device(where: {id: {_eq: \"nope\"}}) { id } }"), "data-exception", "$",
                "invalid input syntax for type uuid: \"nope\"");
    }

    @Test
    void otherPostgresError_isPostgresError_withInternalForAdmin() {
        JsonNode error = graphqlError("""
                mutation { insert_author(objects: [{id: 5, name: "A"}, {id: 5, name: "B"}],
                                         on_conflict: {constraint: author_pkey, update_columns: [name]}) { affected_rows } }""");
        assertError(error, "postgres-error", "$.selectionSet.insert_author.args.objects", "database query error");
        assertThat(error.at("/extensions/internal/error/status_code").asText()).isEqualTo("21000");
        assertThat(error.at("/extensions/internal/error/message").asText()).contains("cannot affect row a second time");
        assertThat(error.at("/extensions/internal/statement").asText()).startsWith("WITH m0 AS (INSERT INTO");
    }

    @Test
    void failedMutation_writesNothing_evenFromEarlierFields() {
        error(http.graphql("""
                mutation { insert_device_one(object: {id: "1c0a4b9e-0000-4000-8000-000000000001"}) { id }
                           insert_article_one(object: {title: "T", rating: 11}) { id } }"""));
        JsonNode data = http.graphql("{ device_aggregate { aggregate { count } } }").json().get("data");
        assertThat(data.at("/device_aggregate/aggregate/count").asInt()).isZero();
    }
}
