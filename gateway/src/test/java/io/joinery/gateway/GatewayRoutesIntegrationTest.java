package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.GatewayHarness.Reply;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP surface: version, health, 404, CORS, admin secret, malformed GraphQL requests (SPEC §6–§8). */
class GatewayRoutesIntegrationTest {
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder().adminSecret("topsecret")
            .remote("users", () -> Remotes.users(TestUpstream.sharedLog()), null)
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream users = fixture.upstream("users");

    private JsonNode graphql(String body) {
        Reply reply = gateway.post("/v1/graphql", body, Map.of("X-Hasura-Admin-Secret", "topsecret"));
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    private static void assertError(JsonNode response, String code, String path, String message) {
        assertThat(response.has("data")).as(response.toString()).isFalse();
        assertThat(response.get("errors")).as(response.toString()).singleElement().satisfies(e -> {
            assertThat(e.at("/extensions/code").asText()).isEqualTo(code);
            assertThat(e.at("/extensions/path").asText()).isEqualTo(path);
            if (message != null) {
                assertThat(e.get("message").asText()).isEqualTo(message);
            }
        });
    }

    @Test
    void versionHealthAndNotFound() {
        Reply version = gateway.get("/v1/version");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.json().get("server").asText()).isEqualTo("joinery-gateway");
        assertThat(version.json().get("version").asText()).isNotBlank().doesNotContain("${");
        assertThat(gateway.get("/healthz").body()).isEqualTo("OK");
        assertThat(gateway.get("/healthz?strict=true").body()).isEqualTo("OK");
        Reply missing = gateway.get("/v2/query");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"path\":\"$\",\"error\":\"resource does not exist\",\"code\":\"not-found\"}");
    }

    /** Issue 12: one front door for both services; a wrong method on a known path is 405, as on the child. */
    @Test
    void wrongMethodOnKnownPath_is405() {
        Reply getGraphql = gateway.get("/v1/graphql");
        assertThat(getGraphql.status()).isEqualTo(405);
        assertThat(getGraphql.body()).isEqualTo("{\"path\":\"$\",\"error\":\"method not allowed\",\"code\":\"not-found\"}");
        assertThat(gateway.post("/healthz", "", Map.of()).status()).isEqualTo(405);
    }

    @Test
    void adminSecret_requiredEverywhereButHealthAndVersion() {
        Reply metadata = gateway.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}", Map.of());
        assertThat(metadata.status()).isEqualTo(401);
        assertThat(metadata.json().get("code").asText()).isEqualTo("access-denied");

        Reply wrong = gateway.post("/v1/graphql", "{\"query\":\"{ users { id } }\"}", Map.of("X-Hasura-Admin-Secret", "x"));
        assertThat(wrong.status()).isEqualTo(200);
        assertError(wrong.json(), "access-denied", "$", "invalid x-hasura-admin-secret/x-hasura-access-key");

        Reply none = gateway.post("/v1/graphql", "{\"query\":\"{ users { id } }\"}", Map.of());
        assertError(none.json(), "access-denied", "$", "x-hasura-admin-secret/x-hasura-access-key required, but not found");
    }

    @Test
    void cors_allowOriginHeaderOnResponses() {
        Reply response = gateway.post("/v1/graphql", "", Map.of("Origin", "https://app.example.com"));
        // the harness's CORS domain is `*`, answered as `*` without credentials (SPEC §9.2, issue 13)
        assertThat(response.headers().get("access-control-allow-origin")).isEqualTo("*");
    }

    @Test
    void malformedGraphqlRequests_areErrorsWith200() {
        assertError(graphql("{not json"), "invalid-json", "$", null);
        assertError(graphql("{\"variables\":{}}"), "parse-failed", "$", null);
        assertError(graphql("{\"query\":\"{ users { id \"}"), "validation-failed", "$.query", "not a valid graphql query");
        assertError(graphql("{\"query\":\"{ users { nope } }\"}"), "validation-failed", "$.selectionSet.users.selectionSet.nope",
                "field 'nope' not found in type: 'User'");
        assertError(graphql("{\"query\":\"query Q($id: Int!) { user(id: $id) { id } }\"}"), "validation-failed", "$",
                "expecting a value for non-nullable variable: \"id\"");
        assertError(graphql("{\"query\":\"{ user(foo: 1) { id } }\"}"), "validation-failed", "$.selectionSet.user",
                "'user' has no argument named 'foo'");
        assertError(graphql("{\"query\":\"query A { users { id } } query B { users { name } }\"}"), "validation-failed",
                "$", null);
        assertError(graphql("{\"query\":\"subscription { users { id } }\"}"), "unexpected-payload", "$", null);
        assertThat(users.requests()).isEmpty();
        assertThat(graphql("{\"query\":\"{ users { id } }\"}").toString())
                .isEqualTo("{\"data\":{\"users\":[{\"id\":1},{\"id\":2}]}}");
    }

    @Test
    void batchOfRequests_answeredInOrder() {
        JsonNode batch = graphql("[{\"query\":\"{ user(id: 1) { name } }\"},{\"query\":\"{ nope }\"},"
                + "{\"query\":\"query($id: Int!) { user(id: $id) { name } }\",\"variables\":{\"id\":2}}]");

        assertThat(batch.isArray()).isTrue();
        assertThat(batch.get(0).toString()).isEqualTo("{\"data\":{\"user\":{\"name\":\"Ada\"}}}");
        assertThat(batch.get(1).at("/errors/0/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(batch.get(2).toString()).isEqualTo("{\"data\":{\"user\":{\"name\":\"Grace\"}}}");
    }

    @Test
    void remoteSetCookie_passedToClient() {
        Reply reply = gateway.post("/v1/graphql", "{\"query\":\"{ users { id } }\"}",
                Map.of("X-Hasura-Admin-Secret", "topsecret"));

        assertThat(reply.headers().get("set-cookie")).isEqualTo("users=seen");
    }
}
