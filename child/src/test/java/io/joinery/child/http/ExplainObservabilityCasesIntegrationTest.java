package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import io.joinery.core.observe.PrometheusText;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `POST /v1/graphql/explain` on the child as a Hasura user would call it (SPEC §13): the session in
 * `user` is the one the SQL is compiled for (its role's permissions with its session variables),
 * malformed bodies are API errors, and the endpoint is observed like every other (request id,
 * metrics by endpoint).
 */
class ExplainObservabilityCasesIntegrationTest {
    private static final String SECRET = "explain-s3cret";
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
        TestHttp.Response permission = http.post("/v1/metadata", """
                {"type": "pg_create_select_permission", "args": {"table": "article", "role": "author",
                  "permission": {"columns": ["id", "title"], "filter": {"author_id": {"_eq": "X-Hasura-User-Id"}}}}}""",
                ADMIN);
        assertThat(permission.status()).as(permission.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    private static TestHttp.Response explain(String body) {
        return http.post("/v1/graphql/explain", body, ADMIN);
    }

    @Test
    void theSessionInUser_isTheOneTheSqlIsCompiledFor() {
        String query = Json.write("{ article(order_by: {id: asc}) { title } }");
        TestHttp.Response asAuthor = explain("{\"query\": {\"query\": " + query + "}, "
                + "\"user\": {\"X-Hasura-Role\": \"author\", \"X-Hasura-User-Id\": \"2\"}}");
        assertThat(asAuthor.status()).as(asAuthor.body()).isEqualTo(200);
        JsonNode entry = asAuthor.json().get(0);
        assertThat(entry.get("field").asText()).isEqualTo("article");
        assertThat(entry.get("sql").asText()).contains("author_id").contains("'2'");
        assertThat(entry.get("plan")).isNotEmpty();

        // the SQL shown answers what that session gets
        TestHttp.Response ran = http.post("/v2/query", "{\"type\":\"run_sql\",\"args\":{\"sql\":"
                + Json.write(entry.get("sql").asText()) + "}}", ADMIN);
        assertThat(ran.status()).as(ran.body()).isEqualTo(200);
        assertThat(Json.parseBody(ran.json().at("/result/1/0").asText()).get("article"))
                .isEqualTo(Json.parseBody("[{\"title\": \"COBOL\"}]"));

        TestHttp.Response asAdmin = explain("{\"query\": {\"query\": " + query + "}}");
        assertThat(asAdmin.json().get(0).get("sql").asText()).doesNotContain("'2'");
    }

    @Test
    void operationNameAndVariables_areReadAsOnGraphql() {
        TestHttp.Response response = explain("""
                {"query": {"query": "query A { author { name } } query B($id: Int!) { article_by_pk(id: $id) { title } }",
                           "operationName": "B", "variables": {"id": 3}}}""");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).hasSize(1);
        assertThat(response.json().get(0).get("field").asText()).isEqualTo("article_by_pk");
        assertThat(response.json().get(0).get("sql").asText()).contains("'3'");
    }

    @Test
    void malformedBodies_areApiErrors() {
        for (String body : new String[] {"not json", "[]", "{}", "{\"query\": \"{ author { name } }\"}",
            "{\"query\": {\"query\": \"{ author { name } }\"}, \"user\": \"admin\"}",
            "{\"query\": {\"query\": \"{ author { name } }\"}, \"user\": {\"x-hasura-role\": 1}}",
            "{\"query\": {\"query\": \"{ author { name \"}}"}) {
            TestHttp.Response refused = explain(body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().has("code")).as(refused.body()).isTrue();
            assertThat(refused.json().has("error")).as(refused.body()).isTrue();
        }
        TestHttp.Response get = http.get("/v1/graphql/explain", ADMIN);
        assertThat(get.status()).isEqualTo(405);
    }

    @Test
    void explainRequests_areObservedLikeAnyOther() {
        TestHttp.Response response = http.post("/v1/graphql/explain", "{\"query\": {\"query\": \"{ author { name } }\"}}",
                Map.of("X-Hasura-Admin-Secret", SECRET, "x-request-id", "explain-42"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("x-request-id")).isEqualTo("explain-42");
        PrometheusText metrics = PrometheusText.parse(http.get("/v1/metrics", ADMIN).body());
        assertThat(metrics.value("joinery_http_requests_seconds_count", "endpoint", "/v1/graphql/explain"))
                .isGreaterThanOrEqualTo(1);
    }
}
