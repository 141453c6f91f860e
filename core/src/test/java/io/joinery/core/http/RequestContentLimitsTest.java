package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;

/**
 * The hard guards on what a request holds and how long it may take (SPEC §11.2): JSON depth, batch
 * size and the request deadline, on both kinds of route. Time bounds are hang guards only.
 */
class RequestContentLimitsTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final Map<String, String> ADMIN = Map.of("X-Hasura-Admin-Secret", "s3cret");

    private final AtomicInteger executed = new AtomicInteger();
    private final AtomicBoolean slowCancelled = new AtomicBoolean();
    private DisposableServer server;
    private TestHttp http;

    private void start(HardLimits limits) {
        GraphqlHandler graphql = (request, session, call) -> {
            executed.incrementAndGet();
            if (request.query().equals("slow")) {
                return Mono.<GraphqlAnswer>never().doOnCancel(() -> slowCancelled.set(true));
            }
            return Mono.just(GraphqlAnswer.of("{\"data\":{\"q\":" + Json.write(request.query()) + "}}"));
        };
        ApiHandler api = (body, session) -> body.has("slow") ? Mono.never() : Mono.just(Json.object().put("ok", true));
        server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")).withLimits(limits),
                SessionResolver.create(AuthConfig.adminSecretOnly("s3cret"), HttpClient.create(), Clock.systemUTC()),
                List.of(Route.graphql("/graphql", graphql), Route.api("/api", api)));
        http = new TestHttp(server.port());
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    private void stillAnswersANormalRequest() {
        TestHttp.Response ok = http.post("/graphql", "{\"query\":\"hello\"}", ADMIN);
        assertThat(ok.json()).isEqualTo(Json.parseBody("{\"data\":{\"q\":\"hello\"}}"));
    }

    private static JsonNode onlyError(TestHttp.Response response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.has("data")).as(response.body()).isFalse();
        assertThat(body.get("errors")).as(response.body()).hasSize(1);
        return body.get("errors").get(0);
    }

    private static String nested(int depth) {
        return "{\"query\":\"hello\",\"variables\":{\"v\":" + "[".repeat(depth) + "]".repeat(depth) + "}}";
    }

    @Test
    void jsonNestedDeeperThanTheLimit_isInvalidJson() {
        start(HardLimits.DEFAULTS);

        TestHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD,
                () -> http.post("/graphql", nested(600), ADMIN));

        assertThat(onlyError(refused)).isEqualTo(Json.parseBody("{\"message\":\"Error in $: the JSON is nested deeper "
                + "than the limit of 500 levels\",\"extensions\":{\"path\":\"$\",\"code\":\"invalid-json\"}}"));
        assertThat(executed).hasValue(0);
        // the limit counts the body's own two levels: 498 more are fine
        assertThat(http.post("/graphql", nested(498), ADMIN).json().has("data")).isTrue();
        stillAnswersANormalRequest();
    }

    @Test
    void jsonDepthLimit_followsTheSetting_onApiRoutesToo() {
        start(new HardLimits(4 * 1024 * 1024, 64 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(60), 10, 100, 1024, 10));

        TestHttp.Response refused = http.post("/api", "{\"a\":" + "[".repeat(10) + "]".repeat(10) + "}", ADMIN);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).isEqualTo(Json.parseBody("{\"path\":\"$\",\"code\":\"invalid-json\","
                + "\"error\":\"Error in $: the JSON is nested deeper than the limit of 10 levels\"}"));
        assertThat(http.post("/api", "{\"a\":" + "[".repeat(9) + "]".repeat(9) + "}", ADMIN).status()).isEqualTo(200);
    }

    @Test
    void numberLongerThanAThousandCharacters_isInvalidJson() {
        start(HardLimits.DEFAULTS);

        TestHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD, () -> http.post("/graphql",
                "{\"query\":\"hello\",\"variables\":{\"v\":1." + "1".repeat(1000) + "}}", ADMIN));

        assertThat(onlyError(refused).get("message").asText())
                .isEqualTo("Error in $: a number is longer than the limit of 1000 characters");
        assertThat(onlyError(refused).at("/extensions/code").asText()).isEqualTo("invalid-json");
        stillAnswersANormalRequest();
    }

    @Test
    void batchOfMoreThanTheLimit_isRefusedWhole() {
        start(HardLimits.DEFAULTS);
        String op = "{\"query\":\"hello\"}";

        TestHttp.Response refused = http.post("/graphql", "[" + String.join(",", java.util.Collections.nCopies(101, op))
                + "]", ADMIN);

        assertThat(onlyError(refused)).isEqualTo(Json.parseBody("{\"message\":\"a batch may hold at most 100 "
                + "operations, this one holds 101\",\"extensions\":{\"path\":\"$\",\"code\":\"validation-failed\"}}"));
        assertThat(executed).hasValue(0);
        TestHttp.Response hundred = http.post("/graphql",
                "[" + String.join(",", java.util.Collections.nCopies(100, op)) + "]", ADMIN);
        assertThat(hundred.json()).hasSize(100);
        stillAnswersANormalRequest();
    }

    @Test
    void answerNotReadyByTheDeadline_isCancelledAndAnsweredInTheRoutesShape() {
        start(HardLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(1)));

        TestHttp.Response graphql = assertTimeoutPreemptively(HANG_GUARD,
                () -> http.post("/graphql", "{\"query\":\"slow\"}", ADMIN));
        TestHttp.Response api = assertTimeoutPreemptively(HANG_GUARD,
                () -> http.post("/api", "{\"slow\":true}", ADMIN));

        assertThat(onlyError(graphql)).isEqualTo(Json.parseBody("{\"message\":\"the request took longer than the "
                + "limit of 1 seconds\",\"extensions\":{\"path\":\"$\",\"code\":\"unexpected\"}}"));
        assertThat(slowCancelled).isTrue();
        assertThat(api.status()).isEqualTo(504);
        assertThat(api.json()).isEqualTo(Json.parseBody("{\"path\":\"$\",\"code\":\"unexpected\","
                + "\"error\":\"the request took longer than the limit of 1 seconds\"}"));
        stillAnswersANormalRequest();
    }
}
