package io.joinery.gateway.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import io.joinery.gateway.Gateway;
import io.joinery.gateway.GatewayConfig;
import io.joinery.gateway.testing.TestBlockHound;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §9.1 end to end: a real child (admin secret; an action whose handler is WireMock, permitted
 * to `user` and `anonymous`) behind real gateways that authenticate end users, one in JWT mode with
 * an unauthorized role, one in webhook mode. The gateway forwards the RESOLVED session with the
 * child's admin secret from its metadata; the child enforces that role; what the handler receives
 * as `session_variables` is what reached the child. Client `x-hasura-*` headers never get through
 * on their own.
 */
class GatewayOverChildAuthIntegrationTest {
    private static final String CHILD_SECRET = "child-secret";
    private static final String GATEWAY_SECRET = "gateway-secret";
    private static final String KEY = "gateway-test-key-of-at-least-32-chars";

    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static WireMockExtension hook = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;
    static ChildApp child;
    static Gateway jwtGateway;
    static Gateway webhookGateway;
    static TestHttp jwt;
    static TestHttp webhook;

    @BeforeAll
    static void start() throws IOException {
        TestBlockHound.install();
        child = ChildApp.start(new ChildConfig(0, "127.0.0.1", Optional.of(CHILD_SECRET), Optional.empty(),
                Path.of("unused"), Optional.empty(), "*", 8), TestDatabase.fresh(), Optional.empty())
                .awaitReady(Duration.ofSeconds(60));
        TestHttp childHttp = new TestHttp(child.port());
        Map<String, String> admin = Map.of("X-Hasura-Admin-Secret", CHILD_SECRET);
        assertThat(childHttp.post("/v2/query", "{\"type\":\"run_sql\",\"args\":{\"sql\":"
                + "\"CREATE TABLE author (id serial PRIMARY KEY, name text); INSERT INTO author (name) VALUES ('Ada')\"}}",
                admin).status()).isEqualTo(200);
        TestHttp.Response setup = childHttp.post("/v1/metadata", """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "set_custom_types", "args": {"objects": [{"name": "Who", "fields": [{"name": "ok", "type": "Boolean!"}]}]}},
                  {"type": "create_action", "args": {"name": "whoami", "definition": {
                     "handler": "http://127.0.0.1:%d/whoami", "output_type": "Who", "type": "query"}}},
                  {"type": "create_action_permission", "args": {"action": "whoami", "role": "user"}},
                  {"type": "create_action_permission", "args": {"action": "whoami", "role": "anonymous"}}
                ]}""".formatted(handler.getPort()), admin);
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);

        jwtGateway = gateway("jwt", Map.of("JOINERY_JWT_SECRET", TestJwts.hs256Secret(KEY),
                "JOINERY_UNAUTHORIZED_ROLE", "anonymous"));
        webhookGateway = gateway("webhook", Map.of("HASURA_GRAPHQL_AUTH_HOOK", hook.baseUrl() + "/auth"));
        jwt = new TestHttp(jwtGateway.port());
        webhook = new TestHttp(webhookGateway.port());
    }

    /** A gateway configured from the environment as `main` does, with the child as its one remote. */
    private static Gateway gateway(String name, Map<String, String> auth) throws IOException {
        Path metadata = dir.resolve(name + "-metadata.json");
        Files.writeString(metadata, """
                {"version": 3, "remote_schemas": [{"name": "child", "definition": {
                  "url": "http://127.0.0.1:%d/v1/graphql", "timeout_seconds": 20,
                  "headers": [{"name": "X-Hasura-Admin-Secret", "value_from_env": "CHILD_ADMIN_SECRET"}]}}]}"""
                .formatted(child.port()));
        Map<String, String> env = new HashMap<>(auth);
        env.putAll(Map.of("JOINERY_HOST", "127.0.0.1", "JOINERY_PORT", "0", "JOINERY_ADMIN_SECRET", GATEWAY_SECRET,
                "JOINERY_METADATA", metadata.toString(), "CHILD_ADMIN_SECRET", CHILD_SECRET));
        return Gateway.start(GatewayConfig.fromEnv(env::get));
    }

    @AfterAll
    static void stop() {
        jwtGateway.close();
        webhookGateway.close();
        child.close();
        assertThat(TestBlockHound.drainViolations()).as("blocking calls on non-blocking threads").isEmpty();
    }

    @BeforeEach
    void stubs() {
        handler.resetAll();
        handler.stubFor(post("/whoami").willReturn(okJson("{\"ok\": true}")));
        hook.resetAll();
    }

    private static JsonNode sessionTheChildSaw() {
        List<LoggedRequest> calls = handler.findAll(postRequestedFor(urlEqualTo("/whoami")));
        assertThat(calls).hasSize(1);
        return Json.parseBody(calls.get(0).getBodyAsString()).get("session_variables");
    }

    @Test
    void jwtRole_andVerifiedVariables_reachTheChild_forgedHeadersDoNot() {
        String token = TestJwts.hs256(KEY, "user", List.of("user"), Map.of("x-hasura-user-id", "42"));

        TestHttp.Response answer = jwt.graphql("{ whoami { ok } }", null, Map.of("Authorization", "Bearer " + token,
                "X-Hasura-User-Id", "999", "X-Hasura-Org-Id", "7"));

        assertThat(answer.json()).as(answer.body()).isEqualTo(Json.parseBody("{\"data\":{\"whoami\":{\"ok\":true}}}"));
        assertThat(sessionTheChildSaw()).isEqualTo(Json.parseBody("{\"x-hasura-role\":\"user\",\"x-hasura-user-id\":\"42\"}"));
    }

    @Test
    void theChildEnforcesTheJwtRole() {
        String token = TestJwts.hs256(KEY, "user", List.of("user"), Map.of("x-hasura-user-id", "42"));

        TestHttp.Response asUser = jwt.graphql("{ author { name } }", null, Map.of("Authorization", "Bearer " + token));
        assertThat(asUser.json().has("data") && !asUser.json().get("data").isNull()
                && !asUser.json().path("data").path("author").isNull()).as(asUser.body()).isFalse();
        assertThat(asUser.json().at("/errors/0/message").asText()).as(asUser.body())
                .contains("field 'author' not found in type: 'query_root'");

        TestHttp.Response asAdmin = jwt.graphql("{ author { name } }", null, Map.of("X-Hasura-Admin-Secret", GATEWAY_SECRET));
        assertThat(asAdmin.json()).as(asAdmin.body()).isEqualTo(Json.parseBody("{\"data\":{\"author\":[{\"name\":\"Ada\"}]}}"));
    }

    @Test
    void noToken_isTheUnauthorizedRole_withoutTheClientsVariables() {
        TestHttp.Response answer = jwt.graphql("{ whoami { ok } }", null, Map.of("X-Hasura-Role", "admin",
                "X-Hasura-User-Id", "1"));

        assertThat(answer.json().at("/data/whoami/ok").asBoolean()).as(answer.body()).isTrue();
        assertThat(sessionTheChildSaw()).isEqualTo(Json.parseBody("{\"x-hasura-role\":\"anonymous\"}"));
    }

    @Test
    void invalidToken_isAnErrorAtTheGateway_andNothingReachesTheChild() {
        String forged = TestJwts.hs256("someone-elses-key-of-at-least-32-chars", "user", List.of("user"), Map.of());

        TestHttp.Response answer = jwt.graphql("{ whoami { ok } }", null, Map.of("Authorization", "Bearer " + forged));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/errors/0/extensions/code").asText()).isEqualTo("invalid-jwt");
        assertThat(answer.json().at("/errors/0/message").asText()).isEqualTo("Could not verify JWT: JWSError JWSInvalidSignature");
        handler.verify(0, postRequestedFor(urlEqualTo("/whoami")));
        TestHttp.Response metadata = jwt.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}",
                Map.of("Authorization", "Bearer " + forged));
        assertThat(metadata.status()).isEqualTo(400);
    }

    @Test
    void adminSecretRequest_forwardsTheRoleItVouchesFor_andTheChildsOwnSecret() {
        TestHttp.Response answer = jwt.graphql("{ whoami { ok } }", null, Map.of("X-Hasura-Admin-Secret", GATEWAY_SECRET,
                "X-Hasura-Role", "user", "X-Hasura-User-Id", "5"));

        // the child accepted the request: the gateway sent ITS child secret, not the client's gateway secret
        assertThat(answer.json().at("/data/whoami/ok").asBoolean()).as(answer.body()).isTrue();
        assertThat(sessionTheChildSaw()).isEqualTo(Json.parseBody("{\"x-hasura-role\":\"user\",\"x-hasura-user-id\":\"5\"}"));
    }

    @Test
    void jwtUser_isNotAdminOnTheGatewaysMetadata() {
        String token = TestJwts.hs256(KEY, "user", List.of("user"), Map.of());

        TestHttp.Response metadata = jwt.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}",
                Map.of("Authorization", "Bearer " + token));

        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.json().get("error").asText()).isEqualTo("restricted access : admin only");
    }

    @Test
    void webhookSession_reachesTheChild() {
        hook.stubFor(get("/auth").willReturn(okJson("{\"X-Hasura-Role\": \"user\", \"X-Hasura-User-Id\": \"77\"}")));

        TestHttp.Response answer = webhook.graphql("{ whoami { ok } }", null, Map.of("Authorization", "Bearer opaque",
                "X-Hasura-User-Id", "999"));

        assertThat(answer.json().at("/data/whoami/ok").asBoolean()).as(answer.body()).isTrue();
        assertThat(sessionTheChildSaw()).isEqualTo(Json.parseBody("{\"x-hasura-role\":\"user\",\"x-hasura-user-id\":\"77\"}"));
    }

    @Test
    void webhookDenial_is401OnMetadata_and200OnGraphql() {
        hook.stubFor(get("/auth").willReturn(aResponse().withStatus(401)));

        TestHttp.Response graphql = webhook.graphql("{ whoami { ok } }", null, Map.of("Authorization", "Bearer x"));
        assertThat(graphql.status()).isEqualTo(200);
        assertThat(graphql.json().at("/errors/0/message").asText()).isEqualTo("Authentication hook unauthorized this request");
        assertThat(webhook.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}",
                Map.of("Authorization", "Bearer x")).status()).isEqualTo(401);
        handler.verify(0, postRequestedFor(urlEqualTo("/whoami")));
    }
}
