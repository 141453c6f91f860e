package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §13: `POST /v1/graphql/explain` on the child, in Hasura's shape: one entry per root field
 * with its SQL and Postgres' plan, for the role in `user`, admins only, nothing executed.
 */
class ExplainIntegrationTest {
    private static final String SECRET = "s3cret";
    private static final Map<String, String> ADMIN = Map.of("X-Hasura-Admin-Secret", SECRET);

    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = new ChildTestServer(TestDatabase.fresh(), Optional.of(SECRET));
        http = child.http;
        TestHttp.Response ran = http.post("/v2/query", "{\"type\":\"run_sql\",\"args\":{\"sql\":"
                + Json.write(LibraryTables.AUTHORS_AND_ARTICLES) + "}}", ADMIN);
        assertThat(ran.status()).as(ran.body()).isEqualTo(200);
        TestHttp.Response tracked = http.post("/v1/metadata", LibraryTables.TRACK_AUTHORS_AND_ARTICLES, ADMIN);
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        TestHttp.Response action = http.post("/v1/metadata", """
                {"type": "create_action", "args": {"name": "author_stats", "definition": {
                   "handler": "http://127.0.0.1:1/never-called", "output_type": "String", "type": "query"}}}""", ADMIN);
        assertThat(action.status()).as(action.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    private static TestHttp.Response explain(String query, String variables, String user, Map<String, String> headers) {
        String body = "{\"query\": {\"query\": " + Json.write(query)
                + (variables == null ? "" : ", \"variables\": " + variables) + "}"
                + (user == null ? "" : ", \"user\": " + user) + "}";
        return http.post("/v1/graphql/explain", body, headers);
    }

    @Test
    void eachTableField_isCompiledAlone_withItsSqlAndPostgresPlan_inSelectionOrder() {
        child.takeStatements();
        TestHttp.Response response = explain("""
                query Q($id: Int!) {
                  author_by_pk(id: $id) { name articles(order_by: {id: asc}) { title } }
                  top: article(where: {rating: {_gte: 4}}, order_by: {id: asc}) { title }
                  __typename
                }""", "{\"id\": 1}", null, ADMIN);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode entries = response.json();
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).get("field").asText()).isEqualTo("author_by_pk");
        assertThat(entries.get(0).get("sql").asText()).startsWith("SELECT row_to_json(")
                .contains(") AS \"author_by_pk\") AS \"o$\")) AS data").doesNotContain("\"top\"")
                .doesNotContain("$1").contains("'1'");
        assertThat(entries.get(1).get("field").asText()).isEqualTo("top");
        assertThat(entries.get(1).get("sql").asText()).startsWith("SELECT row_to_json(")
                .contains(") AS \"top\") AS \"o$\")) AS data").doesNotContain("\"author_by_pk\"").contains("'4'");
        for (JsonNode entry : List.of(entries.get(0), entries.get(1))) {
            assertThat(entry.get("plan")).isNotEmpty().allSatisfy(line -> assertThat(line.isTextual()).isTrue());
            assertThat(entry.get("plan").get(0).asText()).contains("cost=");
        }
        assertThat(entries.get(2)).isEqualTo(Json.parseBody("{\"field\": \"__typename\", \"sql\": null, \"plan\": null}"));
        assertThat(child.takeStatements()).as("only EXPLAIN statements were sent")
                .extracting(SqlStatement::text).allSatisfy(text -> assertThat(text).startsWith("EXPLAIN "));
    }

    @Test
    void theSqlShown_runsAsIs_andAnswersWhatTheQueryAnswers() {
        String query = "{ article(where: {title: {_eq: \"It's\"}}) { id } author(where: {name: {_in: [\"Ada\", \"Grace\"]}},"
                + " order_by: {id: asc}) { name } }";
        JsonNode entries = explain(query, null, null, ADMIN).json();
        JsonNode data = http.graphql(query, null, ADMIN).json().get("data");

        for (JsonNode entry : entries) {
            TestHttp.Response ran = http.post("/v2/query", "{\"type\":\"run_sql\",\"args\":{\"sql\":"
                    + Json.write(entry.get("sql").asText()) + "}}", ADMIN);
            assertThat(ran.status()).as(ran.body()).isEqualTo(200);
            JsonNode value = Json.parseBody(ran.json().at("/result/1/0").asText()).get(entry.get("field").asText());
            assertThat(value).isEqualTo(data.get(entry.get("field").asText()));
        }
        assertThat(data.get("author")).hasSize(2);
    }

    @Test
    void theRoleInUser_picksTheSchema() {
        TestHttp.Response asUser = explain("{ author { name } }", null, "{\"x-hasura-role\": \"user\"}", ADMIN);

        assertThat(asUser.status()).as(asUser.body()).isEqualTo(400);
        assertThat(asUser.json().get("code").asText()).isEqualTo("validation-failed");
        assertThat(asUser.json().get("error").asText()).isEqualTo("field 'author' not found in type: 'query_root'");
        assertThat(explain("{ author { name } }", null, "{}", ADMIN).status()).as("no role in user: admin").isEqualTo(200);
    }

    @Test
    void onlyAdmins_mayExplain() {
        Map<String, String> asUser = new HashMap<>(ADMIN);
        asUser.put("X-Hasura-Role", "user");
        TestHttp.Response denied = explain("{ author { name } }", null, null, asUser);

        assertThat(denied.status()).isEqualTo(400);
        assertThat(denied.body()).isEqualTo("{\"path\":\"$\",\"error\":\"You have to be an admin to access this endpoint\","
                + "\"code\":\"access-denied\"}");
        assertThat(explain("{ author { name } }", null, null, Map.of()).status()).as("no secret").isEqualTo(401);
    }

    @Test
    void mutationsAndActions_cannotBeExplained_asInHasura() {
        TestHttp.Response mutation = explain("mutation { delete_author(where: {}) { affected_rows } }", null, null, ADMIN);
        assertThat(mutation.status()).isEqualTo(400);
        assertThat(mutation.body()).isEqualTo("{\"path\":\"$\",\"error\":\"only queries can be explained\",\"code\":\"invalid-params\"}");

        TestHttp.Response action = explain("{ author { name } author_stats }", null, null, ADMIN);
        assertThat(action.status()).isEqualTo(400);
        assertThat(action.body()).isEqualTo("{\"path\":\"$\",\"error\":\"query actions cannot be explained\",\"code\":\"invalid-params\"}");
        assertThat(http.graphql("{ author(order_by: {id: asc}) { name } }", null, ADMIN).json().at("/data/author"))
                .as("nothing was deleted").hasSize(3);
    }
}
