package io.joinery.child.http;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.auth.TestJwts;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The child in JWT mode with an unauthorized role, configured from the environment as `main` does
 * (SPEC §9): the verified role and variables reach the action handler, client `x-hasura-*` headers
 * do not, the role is enforced, and auth errors have Hasura's statuses. BlockHound runs in this JVM,
 * so token verification on the event loop must not block.
 */
class ChildAuthIntegrationTest {
    private static final String KEY = "child-test-key-of-at-least-thirty-two-chars";
    private static final String SECRET = "child-secret";

    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static ChildApp child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        ChildConfig config = ChildConfig.fromEnvironment(Map.of("JOINERY_HOST", "127.0.0.1", "JOINERY_PORT", "0",
                "HASURA_GRAPHQL_ADMIN_SECRET", SECRET, "HASURA_GRAPHQL_JWT_SECRET", TestJwts.hs256Secret(KEY),
                "JOINERY_UNAUTHORIZED_ROLE", "anonymous"));
        child = ChildApp.start(config, TestDatabase.fresh(), Optional.empty()).awaitReady(Duration.ofSeconds(60));
        http = new TestHttp(child.port());
        Map<String, String> admin = Map.of("X-Hasura-Admin-Secret", SECRET);
        assertThat(http.post("/v2/query", "{\"type\":\"run_sql\",\"args\":{\"sql\":"
                + "\"CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL)\"}}", admin).status()).isEqualTo(200);
        TestHttp.Response setup = http.post("/v1/metadata", """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "set_custom_types", "args": {"objects": [{"name": "Who", "fields": [{"name": "ok", "type": "Boolean!"}]}]}},
                  {"type": "create_action", "args": {"name": "whoami", "definition": {
                     "handler": "http://127.0.0.1:%d/whoami", "output_type": "Who", "type": "query"}}},
                  {"type": "create_action_permission", "args": {"action": "whoami", "role": "user"}},
                  {"type": "create_action_permission", "args": {"action": "whoami", "role": "anonymous"}}
                ]}""".formatted(handler.getPort()), admin);
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @BeforeEach
    void stubHandler() {
        handler.resetAll();
        handler.stubFor(post("/whoami").willReturn(okJson("{\"ok\": true}")));
    }

    private static String userToken() {
        return TestJwts.hs256(KEY, "user", List.of("user"), Map.of("x-hasura-user-id", "42"));
    }

    @Test
    void jwtSession_reachesTheHandler_andForgedHeadersDoNot() {
        TestHttp.Response answer = http.graphql("{ whoami { ok } }", null, Map.of("Authorization", "Bearer " + userToken(),
                "X-Hasura-User-Id", "999", "X-Hasura-Org-Id", "7"));

        assertThat(answer.json()).as(answer.body()).isEqualTo(Json.parseBody("{\"data\":{\"whoami\":{\"ok\":true}}}"));
        LoggedRequest call = handler.findAll(postRequestedFor(urlEqualTo("/whoami"))).get(0);
        assertThat(Json.parseBody(call.getBodyAsString()).get("session_variables"))
                .isEqualTo(Json.parseBody("{\"x-hasura-role\":\"user\",\"x-hasura-user-id\":\"42\"}"));
    }

    @Test
    void jwtRole_isEnforced_tablesAndMetadataAreNotTheUsers() {
        Map<String, String> user = Map.of("Authorization", "Bearer " + userToken());

        JsonNode error = http.graphql("{ author { id } }", null, user).json().get("errors").get(0);
        assertThat(error.get("message").asText()).isEqualTo("field 'author' not found in type: 'query_root'");
        TestHttp.Response metadata = http.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}", user);
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.json().get("code").asText()).isEqualTo("access-denied");
        assertThat(metadata.json().get("error").asText()).isEqualTo("restricted access : admin only");
    }

    @Test
    void invalidJwt_is200OnGraphql_and400OnMetadata() {
        String expired = TestJwts.sign(KEY, (com.fasterxml.jackson.databind.node.ObjectNode) Json.parseBody(
                "{\"exp\": 1000, \"https://hasura.io/jwt/claims\": {\"x-hasura-allowed-roles\": [\"user\"],"
                        + " \"x-hasura-default-role\": \"user\"}}"));
        Map<String, String> headers = Map.of("Authorization", "Bearer " + expired);

        TestHttp.Response graphql = http.graphql("{ whoami { ok } }", null, headers);
        assertThat(graphql.status()).isEqualTo(200);
        assertThat(graphql.json().at("/errors/0/message").asText()).isEqualTo("Could not verify JWT: JWTExpired");
        assertThat(graphql.json().at("/errors/0/extensions/code").asText()).isEqualTo("invalid-jwt");
        TestHttp.Response metadata = http.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}", headers);
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.json().get("code").asText()).isEqualTo("invalid-jwt");
        handler.verify(0, postRequestedFor(urlEqualTo("/whoami")));
    }

    @Test
    void noToken_isTheUnauthorizedRole_withNoOtherVariables() {
        TestHttp.Response answer = http.graphql("{ whoami { ok } }", null, Map.of("X-Hasura-User-Id", "1"));

        assertThat(answer.json().at("/data/whoami/ok").asBoolean()).as(answer.body()).isTrue();
        handler.verify(1, postRequestedFor(urlEqualTo("/whoami"))
                .withRequestBody(matchingJsonPath("$.session_variables['x-hasura-role']", equalTo("anonymous")))
                .withRequestBody(matchingJsonPath("$.session_variables['x-hasura-user-id']", com.github.tomakehurst
                        .wiremock.client.WireMock.absent())));
    }

    @Test
    void adminSecret_stillTrustsTheRoleAndVariablesItVouchesFor() {
        TestHttp.Response answer = http.graphql("{ whoami { ok } }", null, Map.of("X-Hasura-Admin-Secret", SECRET,
                "X-Hasura-Role", "user", "X-Hasura-User-Id", "5"));

        assertThat(answer.json().at("/data/whoami/ok").asBoolean()).as(answer.body()).isTrue();
        LoggedRequest call = handler.findAll(postRequestedFor(urlEqualTo("/whoami"))).get(0);
        assertThat(Json.parseBody(call.getBodyAsString()).get("session_variables"))
                .isEqualTo(Json.parseBody("{\"x-hasura-role\":\"user\",\"x-hasura-user-id\":\"5\"}"));
    }
}
