package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * SPEC §11.2's hard guards on the child, configured through its environment: each refusal with its
 * status, code and message, within a bound (a hang guard, not a performance assertion), and the
 * child still answers a normal query right afterwards.
 */
class HardLimitsIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final Map<String, String> ENV = Map.of("JOINERY_MAX_BODY_BYTES", "100000");

    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = new ChildTestServer(TestDatabase.fresh(), new ChildConfig(0, "127.0.0.1", Optional.empty(),
                Optional.empty(), Path.of("unused"), Optional.empty(), "*", 8,
                ChildConfig.DEFAULT_ASYNC_ACTIONS_CONCURRENCY, ENV::get));
        child.setUp("CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL);"
                        + "INSERT INTO author (name) VALUES ('Ada')",
                "{\"type\":\"pg_track_table\",\"args\":{\"table\":\"author\"}}");
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
}
