package io.joinery.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.auth.TestJwts;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * Authentication through the real front door (SPEC §9): the session a route receives in JWT and
 * webhook mode and with an unauthorized role, Hasura's statuses (`/v1/graphql` 200, the other
 * endpoints the error's status), and webhook cookies on the response.
 */
class FrontDoorAuthTest {
    private static final String KEY = "a-test-key-of-at-least-thirty-two-characters";
    private static final String ADMIN_SECRET = "s3cret";

    @RegisterExtension
    static WireMockExtension hook = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private DisposableServer server;

    /** Both routes answer the session they received, as JSON. */
    private TestHttp start(Map<String, String> env) {
        server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")),
                SessionResolver.create(AuthConfig.fromEnvironment(env)), List.of(
                        Route.graphql("/v1/graphql", (request, session, call) ->
                                Mono.just(GraphqlAnswer.of("{\"data\":" + Json.write(session.toJson()) + "}"))),
                        Route.api("/v1/metadata", (body, session) -> Mono.just(session.toJson()))));
        return new TestHttp(server.port());
    }

    private TestHttp jwtMode(String... more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("JOINERY_ADMIN_SECRET", ADMIN_SECRET,
                "JOINERY_JWT_SECRET", TestJwts.hs256Secret(KEY)));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return start(env);
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    private static String token(String defaultRole, List<String> allowed, Map<String, String> variables) {
        return TestJwts.hs256(KEY, defaultRole, allowed, variables);
    }

    @Test
    void jwt_sessionComesFromTheToken_notFromClientHeaders() {
        TestHttp http = jwtMode();
        String token = token("user", List.of("user", "editor"), Map.of("x-hasura-user-id", "42"));

        TestHttp.Response graphql = http.post("/v1/graphql", "{\"query\":\"{ q }\"}", Map.of(
                "Authorization", "Bearer " + token, "X-Hasura-Role", "editor", "X-Hasura-User-Id", "999"));
        assertThat(graphql.json().get("data")).isEqualTo(Json.parseBody(
                "{\"x-hasura-role\":\"editor\",\"x-hasura-user-id\":\"42\"}"));

        TestHttp.Response metadata = http.post("/v1/metadata", "{}", Map.of("Authorization", "Bearer " + token));
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.json()).isEqualTo(Json.parseBody("{\"x-hasura-role\":\"user\",\"x-hasura-user-id\":\"42\"}"));
    }

    @Test
    void jwt_failures_are200OnGraphql_and400Elsewhere() {
        TestHttp http = jwtMode();
        String forged = TestJwts.hs256("another-key-of-at-least-thirty-two-characters", "user", List.of("user"), Map.of());

        JsonNode error = onlyError(http.post("/v1/graphql", "{\"query\":\"{ q }\"}", Map.of("Authorization", "Bearer " + forged)));
        assertThat(error.get("message").asText()).isEqualTo("Could not verify JWT: JWSError JWSInvalidSignature");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("invalid-jwt");

        TestHttp.Response metadata = http.post("/v1/metadata", "{}", Map.of("Authorization", "Bearer " + forged));
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.body()).isEqualTo("{\"path\":\"$\",\"error\":\"Could not verify JWT: JWSError JWSInvalidSignature\","
                + "\"code\":\"invalid-jwt\"}");

        TestHttp.Response none = http.post("/v1/metadata", "{}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("code").asText()).isEqualTo("invalid-headers");
        assertThat(none.json().get("error").asText())
                .isEqualTo("Missing 'Authorization' or 'Cookie' header in JWT authentication mode");

        String token = token("user", List.of("user"), Map.of());
        TestHttp.Response notAllowed = http.post("/v1/metadata", "{}", Map.of("Authorization", "Bearer " + token,
                "X-Hasura-Role", "admin"));
        assertThat(notAllowed.status()).isEqualTo(400);
        assertThat(notAllowed.json().get("error").asText()).isEqualTo("Your requested role is not in allowed roles");
    }

    @Test
    void jwt_adminSecretStillWins_andAWrongOneIs401() {
        TestHttp http = jwtMode();

        assertThat(http.post("/v1/metadata", "{}", Map.of("X-Hasura-Admin-Secret", ADMIN_SECRET)).json())
                .isEqualTo(Json.parseBody("{\"x-hasura-role\":\"admin\"}"));
        String token = token("user", List.of("user"), Map.of());
        TestHttp.Response wrong = http.post("/v1/metadata", "{}", Map.of("X-Hasura-Admin-Secret", "nope",
                "Authorization", "Bearer " + token));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid x-hasura-admin-secret/x-hasura-access-key");
    }

    @Test
    void unauthorizedRole_inJwtMode_andInAdminSecretOnlyMode_carriesOnlyTheRole() {
        TestHttp jwt = jwtMode("JOINERY_UNAUTHORIZED_ROLE", "anonymous");
        assertThat(jwt.post("/v1/graphql", "{\"query\":\"{ q }\"}", Map.of("X-Hasura-User-Id", "1")).json())
                .isEqualTo(Json.parseBody("{\"data\":{\"x-hasura-role\":\"anonymous\"}}"));
        server.disposeNow();

        TestHttp secretOnly = start(Map.of("HASURA_GRAPHQL_ADMIN_SECRET", ADMIN_SECRET,
                "HASURA_GRAPHQL_UNAUTHORIZED_ROLE", "guest"));
        assertThat(secretOnly.post("/v1/metadata", "{}", Map.of("X-Hasura-Role", "admin")).json())
                .isEqualTo(Json.parseBody("{\"x-hasura-role\":\"guest\"}"));
        assertThat(secretOnly.post("/v1/metadata", "{}", Map.of("X-Hasura-Admin-Secret", "nope")).status()).isEqualTo(401);
    }

    @Test
    void webhook_post_getsTheGraphqlRequest_andItsCookiesReachTheClient() {
        hook.stubFor(post("/auth").willReturn(okJson("{\"X-Hasura-Role\": \"user\", \"X-Hasura-User-Id\": \"7\"}")
                .withHeader("Set-Cookie", "session=abc; HttpOnly")));
        TestHttp http = start(Map.of("JOINERY_ADMIN_SECRET", ADMIN_SECRET,
                "JOINERY_AUTH_HOOK", hook.baseUrl() + "/auth", "JOINERY_AUTH_HOOK_MODE", "POST"));

        TestHttp.Response answer = http.post("/v1/graphql", "{\"query\":\"{ q }\"}",
                Map.of("Authorization", "Bearer opaque", "X-Hasura-User-Id", "999"));

        assertThat(answer.json()).isEqualTo(Json.parseBody("{\"data\":{\"x-hasura-role\":\"user\",\"x-hasura-user-id\":\"7\"}}"));
        assertThat(answer.headers().getAll("set-cookie")).containsExactly("session=abc; HttpOnly");
        hook.verify(1, postRequestedFor(urlEqualTo("/auth"))
                .withRequestBody(matchingJsonPath("$.request.query", equalTo("{ q }")))
                .withRequestBody(matchingJsonPath("$.headers.authorization", equalTo("Bearer opaque"))));
    }

    @Test
    void webhook_denial_is401OnMetadata_and200OnGraphql() {
        hook.stubFor(get("/auth").willReturn(aResponse().withStatus(401)));
        TestHttp http = start(Map.of("JOINERY_ADMIN_SECRET", ADMIN_SECRET, "JOINERY_AUTH_HOOK", hook.baseUrl() + "/auth"));

        TestHttp.Response metadata = http.post("/v1/metadata", "{}", Map.of("Authorization", "Bearer x"));
        assertThat(metadata.status()).isEqualTo(401);
        assertThat(metadata.json().get("error").asText()).isEqualTo("Authentication hook unauthorized this request");
        JsonNode error = onlyError(http.post("/v1/graphql", "{\"query\":\"{ q }\"}", Map.of("Authorization", "Bearer x")));
        assertThat(error.at("/extensions/code").asText()).isEqualTo("access-denied");
    }

    @Test
    void authenticationComesFirst_thenABodyThatIsNotJson() {
        TestHttp http = jwtMode();

        JsonNode unauthenticated = onlyError(http.post("/v1/graphql", "{not json"));
        assertThat(unauthenticated.at("/extensions/code").asText()).isEqualTo("invalid-headers");
        String token = token("user", List.of("user"), Map.of());
        JsonNode authenticated = onlyError(http.post("/v1/graphql", "{not json", Map.of("Authorization", "Bearer " + token)));
        assertThat(authenticated.at("/extensions/code").asText()).isEqualTo("invalid-json");
    }

    private static JsonNode onlyError(TestHttp.Response response) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().has("data")).as(response.body()).isFalse();
        assertThat(response.json().get("errors")).as(response.body()).hasSize(1);
        return response.json().get("errors").get(0);
    }
}
