package io.joinery.child.http;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.child.ChildConfig;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.RawHttp;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §11.2's hard guards on the child, configured through its environment: each refusal with its
 * status, code and message, within a bound (a hang guard, not a performance assertion), and the
 * child still answers a normal query right afterwards.
 */
class HardLimitsIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final Map<String, String> ENV = Map.of("JOINERY_MAX_BODY_BYTES", "100000",
            "JOINERY_UPSTREAM_MAX_RESPONSE_BYTES", "100000", "JOINERY_READ_TIMEOUT_SECONDS", "3",
            "JOINERY_REQUEST_TIMEOUT_SECONDS", "10");

    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = new ChildTestServer(TestDatabase.fresh(), new ChildConfig(0, "127.0.0.1", Optional.empty(),
                Optional.empty(), Path.of("unused"), Optional.empty(), "*", 8,
                ChildConfig.DEFAULT_ASYNC_ACTIONS_CONCURRENCY, ENV::get));
        child.setUp("CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, views bigint);"
                        + "INSERT INTO author (name) VALUES ('Ada')",
                ("{\"type\":\"bulk\",\"args\":[{\"type\":\"pg_track_table\",\"args\":{\"table\":\"author\"}},"
                        + "{\"type\":\"create_action\",\"args\":{\"name\":\"big\",\"definition\":{\"handler\":"
                        + "\"http://127.0.0.1:%1$d/big\",\"output_type\":\"String\",\"type\":\"query\"}}},"
                        + "{\"type\":\"create_action\",\"args\":{\"name\":\"stuck\",\"definition\":{\"handler\":"
                        + "\"http://127.0.0.1:%1$d/stuck\",\"output_type\":\"String\",\"type\":\"query\","
                        + "\"timeout\":120}}}]}").formatted(handler.getPort()));
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    private static void stillServesANormalQuery() {
        TestHttp.Response ok = http.graphql("{ author { name } }");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json()).isEqualTo(Json.parseBody("{\"data\":{\"author\":[{\"name\":\"Ada\"}]}}"));
    }

    private static JsonNode onlyError(TestHttp.Response response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.has("data")).as(response.body()).isFalse();
        assertThat(body.get("errors")).as(response.body()).hasSize(1);
        return body.get("errors").get(0);
    }

    @Test
    void bodyOverTheConfiguredLimit_is413() {
        String query = "{ author { name } }" + " ".repeat(100_000);

        TestHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD, () -> http.graphql(query));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json()).isEqualTo(Json.parseBody("{\"path\":\"$\",\"code\":\"validation-failed\","
                + "\"error\":\"request body is larger than the limit of 100000 bytes\"}"));
        stillServesANormalQuery();
    }

    @Test
    void headerBlockOverTheDefaultLimit_is431() {
        try (RawHttp raw = new RawHttp(child.app.port())) {
            raw.write("POST /v1/graphql HTTP/1.1\r\nHost: x\r\nX-Hasura-Padding: " + "p".repeat(65 * 1024)
                    + "\r\nContent-Length: 2\r\n\r\n{}");
            RawHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD, raw::read);

            assertThat(refused.status()).isEqualTo(431);
            assertThat(Json.parseBody(refused.body()).get("error").asText())
                    .isEqualTo("the request headers are larger than the limit of 65536 bytes");
        }
        stillServesANormalQuery();
    }

    @Test
    void jsonNestedDeeperThanFiveHundredLevels_isInvalidJson() {
        String body = "{\"query\":\"{ author { name } }\",\"variables\":{\"v\":" + "[".repeat(100_000 / 3)
                + "]".repeat(100_000 / 3) + "}}";

        JsonNode error = onlyError(assertTimeoutPreemptively(HANG_GUARD, () -> http.post("/v1/graphql", body)));

        assertThat(error).isEqualTo(Json.parseBody("{\"message\":\"Error in $: the JSON is nested deeper than the "
                + "limit of 500 levels\",\"extensions\":{\"path\":\"$\",\"code\":\"invalid-json\"}}"));
        stillServesANormalQuery();
    }

    @Test
    void batchOfMoreThanAHundredOperations_isValidationFailed() {
        String op = "{\"query\":\"{ author { name } }\"}";
        String body = "[" + String.join(",", java.util.Collections.nCopies(101, op)) + "]";

        JsonNode error = onlyError(assertTimeoutPreemptively(HANG_GUARD, () -> http.post("/v1/graphql", body)));

        assertThat(error).isEqualTo(Json.parseBody("{\"message\":\"a batch may hold at most 100 operations, this "
                + "one holds 101\",\"extensions\":{\"path\":\"$\",\"code\":\"validation-failed\"}}"));
        stillServesANormalQuery();
    }

    @Test
    void hugeExponentForAnInt_isRefusedWithoutExpansion() {
        TestHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD,
                () -> http.graphql("query ($n: Int) { author(limit: $n) { name } }", "{\"n\": 1e300000000}", Map.of()));

        assertThat(onlyError(refused)).isEqualTo(Json.parseBody("{\"message\":\"variable \\\"n\\\": expected a "
                + "32-bit integer for type 'Int', but found a number outside the accepted range (at most 1000 digits, "
                + "exponent within ±10000)\",\"extensions\":{\"path\":\"$\",\"code\":\"validation-failed\"}}"));
        stillServesANormalQuery();
    }

    @Test
    void bigintBeyondSixtyFourBits_isRefusedByPostgres_beyondTheBounds_beforeIt() {
        TestHttp.Response huge = assertTimeoutPreemptively(HANG_GUARD, () -> http.graphql(
                "query ($v: bigint) { author(where: {views: {_eq: $v}}) { name } }", "{\"v\": 99999999999999999999}",
                Map.of()));
        TestHttp.Response exponent = assertTimeoutPreemptively(HANG_GUARD, () -> http.graphql(
                "query ($v: bigint) { author(where: {views: {_eq: $v}}) { name } }", "{\"v\": 1e300000000}",
                Map.of()));
        TestHttp.Response literal = assertTimeoutPreemptively(HANG_GUARD, () -> http.graphql(
                "query { author(where: {views: {_eq: 1e300000000}}) { name } }", null, Map.of()));

        // as Hasura: Postgres refuses the value, which is sent as the text it was
        assertThat(onlyError(huge).get("message").asText())
                .isEqualTo("value \"99999999999999999999\" is out of range for type bigint");
        assertThat(onlyError(huge).at("/extensions/code").asText()).isEqualTo("data-exception");
        assertThat(onlyError(exponent)).isEqualTo(Json.parseBody("{\"message\":\"variable \\\"v\\\": expected a "
                + "valid value for type 'bigint', but found a number outside the accepted range (at most 1000 digits, "
                + "exponent within ±10000)\",\"extensions\":{\"path\":\"$\",\"code\":\"validation-failed\"}}"));
        assertThat(onlyError(literal).get("message").asText()).isEqualTo("a number in the query is outside the "
                + "accepted range (at most 1000 digits, exponent within ±10000)");
        stillServesANormalQuery();
    }

    @Test
    void handlerResponseOverTheConfiguredLimit_isTheActionsError() {
        handler.stubFor(post("/big").willReturn(okJson("\"" + "x".repeat(200_000) + "\"")));

        JsonNode error = onlyError(assertTimeoutPreemptively(HANG_GUARD, () -> http.graphql("{ big }")));

        assertThat(error.get("message").asText()).isEqualTo("http exception when calling webhook");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("unexpected");
        assertThat(error.at("/extensions/internal/error")).isEqualTo(Json.parseBody(
                "{\"type\":\"http_exception\",\"message\":\"the response is larger than the limit of 100000 bytes\"}"));
        handler.stubFor(post("/big").willReturn(okJson("\"small\"")));
        assertThat(http.graphql("{ big }").json()).isEqualTo(Json.parseBody("{\"data\":{\"big\":\"small\"}}"));
        stillServesANormalQuery();
    }

    @Test
    void clientThatNeverFinishesItsBody_isDisconnectedAfterTheReadTimeout() {
        try (RawHttp raw = new RawHttp(child.app.port())) {
            raw.write("POST /v1/graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"query\":");

            assertThat(assertTimeoutPreemptively(HANG_GUARD, raw::readUntilClosed)).isEmpty();
        }
        stillServesANormalQuery();
    }

    @Test
    void answerNotReadyByTheRequestDeadline_isCancelled() {
        // the handler would answer after 60 s, and the action waits up to 120 s: the deadline (10 s) comes first
        handler.stubFor(post("/stuck").willReturn(aResponse().withFixedDelay(60_000).withBody("\"late\"")));

        JsonNode error = onlyError(assertTimeoutPreemptively(Duration.ofSeconds(40), () -> http.graphql("{ stuck }")));

        assertThat(error).isEqualTo(Json.parseBody("{\"message\":\"the request took longer than the limit of 10 "
                + "seconds\",\"extensions\":{\"path\":\"$\",\"code\":\"unexpected\"}}"));
        stillServesANormalQuery();
    }
}
