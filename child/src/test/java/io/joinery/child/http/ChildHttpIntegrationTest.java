package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP edges: health, version, 404, CORS, and every bad-input case of issue 2 with SPEC's shapes. */
class ChildHttpIntegrationTest {
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL)",
                "{\"type\":\"pg_track_table\",\"args\":{\"table\":\"author\"}}");
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    private static JsonNode onlyError(TestHttp.Response response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.has("data")).as(response.body()).isFalse();
        assertThat(body.get("errors")).hasSize(1);
        return body.get("errors").get(0);
    }

    private static void assertError(JsonNode error, String code, String path, String messagePart) {
        assertThat(error.at("/extensions/code").asText()).as(error.toString()).isEqualTo(code);
        assertThat(error.at("/extensions/path").asText()).as(error.toString()).isEqualTo(path);
        assertThat(error.get("message").asText()).as(error.toString()).contains(messagePart);
    }

    @Test
    void healthz_versionAndUnknownPath() {
        TestHttp.Response health = http.get("/healthz");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK");
        assertThat(http.get("/healthz?strict=true").status()).isEqualTo(200);
        TestHttp.Response version = http.get("/v1/version");
        assertThat(version.json().get("server").asText()).isEqualTo("joinery-child");
        assertThat(version.json().get("version").asText()).isNotBlank();
        TestHttp.Response missing = http.get("/v1/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("not-found");
        assertThat(missing.json().get("error").asText()).isEqualTo("resource does not exist");
    }

    @Test
    void malformedJson_isInvalidJsonAtRoot() {
        assertError(onlyError(http.post("/v1/graphql", "{not json")), "invalid-json", "$", "");
        TestHttp.Response metadata = http.post("/v1/metadata", "{not json");
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.json().get("code").asText()).isEqualTo("invalid-json");
        assertThat(metadata.json().get("path").asText()).isEqualTo("$");
    }

    @Test
    void missingQuery_isParseFailed() {
        assertError(onlyError(http.post("/v1/graphql", "{\"variables\": {}}")), "parse-failed", "$", "query");
    }

    @Test
    void unparsableDocument_isValidationFailedAtQuery() {
        assertError(onlyError(http.graphql("{ author { id ")), "validation-failed", "$.query",
                "not a valid graphql query");
    }

    @Test
    void unknownField_isValidationFailedWithFieldPath() {
        assertError(onlyError(http.graphql("{ author { id titel } }")), "validation-failed",
                "$.selectionSet.author.selectionSet.titel", "titel");
    }

    @Test
    void missingNonNullVariable_isValidationFailed() {
        assertError(onlyError(http.graphql("query Q($id: Int!) { author_by_pk(id: $id) { name } }", "{}", Map.of())),
                "validation-failed", "$", "expecting a value for non-nullable variable: \"id\"");
    }

    @Test
    void variableOfWrongType_isValidationFailed() {
        JsonNode error = onlyError(http.graphql("query Q($id: Int!) { author_by_pk(id: $id) { name } }",
                "{\"id\": \"seven\"}", Map.of()));
        assertThat(error.at("/extensions/code").asText()).isEqualTo("validation-failed");
    }

    @Test
    void nonAdminRole_seesNoTables_andCannotUseMetadata() {
        Map<String, String> user = Map.of("X-Hasura-Role", "user");
        assertError(onlyError(http.graphql("{ author { id } }", null, user)), "validation-failed",
                "$.selectionSet.author", "author");
        TestHttp.Response metadata = http.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}", user);
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.json().get("code").asText()).isEqualTo("access-denied");
        assertThat(metadata.json().get("error").asText()).isEqualTo("restricted access : admin only");
        TestHttp.Response runSql = http.post("/v2/query",
                "{\"type\":\"run_sql\",\"args\":{\"sql\":\"select 1\"}}", user);
        assertThat(runSql.status()).isEqualTo(400);
        assertThat(runSql.json().get("code").asText()).isEqualTo("access-denied");
    }

    @Test
    void trackingMissingTable_isRefused_andPreviousMetadataStays() {
        TestHttp.Response refused = http.metadata("{\"type\":\"pg_track_table\",\"args\":{\"table\":\"no_such_table\"}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("invalid-configuration");
        assertThat(refused.json().get("error").asText()).contains("no_such_table");
        assertThat(http.graphql("{ author { id } }").json().has("data")).isTrue();
    }

    @Test
    void unknownMetadataCommand_isParseFailed() {
        TestHttp.Response response = http.metadata("{\"type\":\"pg_track_everything\",\"args\":{}}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("parse-failed");
        assertThat(response.json().get("error").asText()).contains("pg_track_everything");
    }

    @Test
    void runSqlFailure_isPostgresError_withInternalForAdmin() {
        TestHttp.Response response = http.runSql("SELECT * FROM nowhere");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("postgres-error");
        assertThat(response.json().has("internal")).isTrue();
    }

    @Test
    void runSqlRows_areTextForms() {
        TestHttp.Response response = http.runSql("SELECT 1 AS one, NULL::text AS nothing, true AS yes");
        assertThat(response.json().get("result_type").asText()).isEqualTo("TuplesOk");
        assertThat(response.json().get("result").toString()).isEqualTo("[[\"one\",\"nothing\",\"yes\"],[\"1\",null,\"t\"]]");
    }

    @Test
    void corsPreflight_allowsAnyOriginByDefault() {
        TestHttp.Response response = http.get("/healthz", Map.of("Origin", "https://app.example.com"));
        // `*` is answered as `*`, without credentials (SPEC §9.2, issue 13); it echoed the origin before
        assertThat(response.headers().get("Access-Control-Allow-Origin")).isEqualTo("*");
    }
}
