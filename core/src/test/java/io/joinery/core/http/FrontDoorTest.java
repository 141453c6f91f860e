package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.json.Json;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;

/** What the front door does before any route runs: routing, request ids, CORS preflight, body limit. */
class FrontDoorTest {
    private static final String NOT_FOUND = "{\"path\":\"$\",\"error\":\"resource does not exist\",\"code\":\"not-found\"}";
    private static final String METHOD_NOT_ALLOWED = "{\"path\":\"$\",\"error\":\"method not allowed\",\"code\":\"not-found\"}";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private static final List<Route> ROUTES = List.of(
            Route.get("/hello", call -> Mono.just(HttpAnswer.text(200, "hi " + call.queryParam("name")))),
            Route.api("/echo", (body, session) -> Mono.just(Json.object().put("size", body.path("text").asText().length()))));

    private DisposableServer server;

    private TestHttp start(FrontDoorConfig config) {
        server = FrontDoor.start(config, SessionResolver.create(AuthConfig.open(), HttpClient.create(), Clock.systemUTC()), ROUTES);
        return new TestHttp(server.port());
    }

    private TestHttp start() {
        return start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("https://app.example.com")));
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    @Test
    void unknownPath_is404WithHasurasBody() {
        TestHttp.Response missing = start().get("/v1/nothing-here");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(NOT_FOUND);
        assertThat(missing.headers().get("content-type")).startsWith("application/json");
    }

    @Test
    void wrongMethodOnKnownPath_is405_namingTheAllowedMethod() {
        TestHttp http = start();

        TestHttp.Response getOnPost = http.get("/echo");
        assertThat(getOnPost.status()).isEqualTo(405);
        assertThat(getOnPost.body()).isEqualTo(METHOD_NOT_ALLOWED);
        assertThat(getOnPost.headers().get("allow")).isEqualTo("POST");

        TestHttp.Response postOnGet = http.post("/hello", "{}");
        assertThat(postOnGet.status()).isEqualTo(405);
        assertThat(postOnGet.headers().get("allow")).isEqualTo("GET");
    }

    @Test
    void queryStringAndTrailingSlash_areIgnoredForRouting_andQueryParamsDecoded() {
        TestHttp.Response hello = start().get("/hello/?name=Ada%20L&x=1");

        assertThat(hello.status()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("hi Ada L");
        assertThat(hello.headers().get("content-type")).startsWith("text/plain");
    }

    @Test
    void requestId_isEchoed_whenSent() {
        TestHttp http = start();

        assertThat(http.get("/hello", Map.of("X-Request-Id", "req-42")).headers().get("x-request-id")).isEqualTo("req-42");
        assertThat(http.get("/nope", Map.of("x-request-id", "req-43")).headers().get("x-request-id")).isEqualTo("req-43");
    }

    @Test
    void requestId_isGenerated_whenAbsent_andDiffersPerRequest() {
        TestHttp http = start();

        String first = http.get("/hello").headers().get("x-request-id");
        String second = http.post("/echo", "{}").headers().get("x-request-id");
        String preflight = http.send(HttpMethod.OPTIONS, "/echo", Map.of(), null).headers().get("x-request-id");

        assertThat(List.of(first, second, preflight)).allSatisfy(id -> assertThat(id).matches(UUID));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void corsPreflight_onAnyPath_is204WithCorsHeadersForAnAllowedOrigin() {
        TestHttp http = start();

        TestHttp.Response preflight = http.send(HttpMethod.OPTIONS, "/v1/graphql", Map.of(
                "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type,x-hasura-role"), null);
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.body()).isEmpty();
        assertThat(preflight.headers().get("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(preflight.headers().get("access-control-allow-methods")).isEqualTo("GET,POST,OPTIONS");
        // SPEC §9.2 (issue 13): a fixed list, no longer an echo of Access-Control-Request-Headers
        assertThat(preflight.headers().get("access-control-allow-headers")).isEqualTo(String.join(",", Cors.STANDARD_HEADERS));
        assertThat(preflight.headers().get("access-control-allow-credentials")).isEqualTo("true");
        assertThat(preflight.headers().get("vary")).isEqualTo("Origin");

        TestHttp.Response foreign = http.send(HttpMethod.OPTIONS, "/echo", Map.of("Origin", "https://evil.example"), null);
        assertThat(foreign.status()).isEqualTo(204);
        assertThat(foreign.headers().get("access-control-allow-origin")).isNull();
    }

    @Test
    void corsHeaders_onOrdinaryAnswersAndErrors() {
        TestHttp http = start();
        Map<String, String> origin = Map.of("Origin", "https://app.example.com");

        assertThat(http.get("/hello", origin).headers().get("access-control-allow-origin")).isEqualTo("https://app.example.com");
        assertThat(http.get("/nope", origin).headers().get("access-control-allow-origin")).isEqualTo("https://app.example.com");
    }

    @Test
    void bodyUnderTheDefaultLimit_isAccepted() {
        String text = "x".repeat(2 * 1024 * 1024);

        TestHttp.Response big = start().post("/echo", "{\"text\":\"" + text + "\"}");

        assertThat(big.status()).isEqualTo(200);
        assertThat(big.json().get("size").asInt()).isEqualTo(text.length());
    }

    @Test
    void bodyOverTheConfiguredLimit_is413_andRouteNeverRuns() {
        TestHttp http = start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")).withLimits(HardLimits.DEFAULTS.withMaxBodyBytes(64)));

        assertThat(http.post("/echo", "{\"text\":\"short\"}").status()).isEqualTo(200);
        TestHttp.Response tooBig = http.post("/echo", "{\"text\":\"" + "x".repeat(100) + "\"}");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().get("code").asText()).isEqualTo("validation-failed");
        assertThat(tooBig.json().get("error").asText()).isEqualTo("request body is larger than the limit of 64 bytes");
    }
}
