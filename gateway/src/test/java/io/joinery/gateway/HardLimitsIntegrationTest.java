package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.RawHttp;
import io.joinery.core.json.Json;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.GatewayHarness.Reply;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §11.2's hard guards on the gateway, configured through its environment: each refusal with
 * its status, code and message, within a bound (a hang guard, not a performance assertion), and the
 * gateway still answers a normal query right afterwards.
 */
class HardLimitsIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder()
            .env("JOINERY_MAX_BODY_BYTES", "100000")
            .remote("users", () -> Remotes.users(TestUpstream.sharedLog()), null)
            .start();
    private final GatewayHarness gateway = fixture.gateway();

    private void stillServesANormalQuery() {
        assertThat(gateway.graphql("{ users { name } }"))
                .isEqualTo(Json.parseBody("{\"data\":{\"users\":[{\"name\":\"Ada\"},{\"name\":\"Grace\"}]}}"));
    }

    private static JsonNode onlyError(Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.has("data")).as(reply.body()).isFalse();
        assertThat(body.get("errors")).as(reply.body()).hasSize(1);
        return body.get("errors").get(0);
    }

    @Test
    void bodyOverTheConfiguredLimit_is413() {
        String body = "{\"query\":\"{ users { name } }" + " ".repeat(100_000) + "\"}";

        Reply refused = assertTimeoutPreemptively(HANG_GUARD, () -> gateway.post("/v1/graphql", body, Map.of()));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json()).isEqualTo(Json.parseBody("{\"path\":\"$\",\"code\":\"validation-failed\","
                + "\"error\":\"request body is larger than the limit of 100000 bytes\"}"));
        stillServesANormalQuery();
    }

    @Test
    void headerBlockOverTheDefaultLimit_is431() {
        try (RawHttp raw = new RawHttp(gateway.gateway().port())) {
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
        String body = "{\"query\":\"{ users { name } }\",\"variables\":{\"v\":" + "[".repeat(30_000)
                + "]".repeat(30_000) + "}}";

        JsonNode error = onlyError(assertTimeoutPreemptively(HANG_GUARD,
                () -> gateway.post("/v1/graphql", body, Map.of())));

        assertThat(error).isEqualTo(Json.parseBody("{\"message\":\"Error in $: the JSON is nested deeper than the "
                + "limit of 500 levels\",\"extensions\":{\"path\":\"$\",\"code\":\"invalid-json\"}}"));
        stillServesANormalQuery();
    }

    @Test
    void batchOfMoreThanAHundredOperations_isValidationFailed() {
        String op = "{\"query\":\"{ users { name } }\"}";
        String body = "[" + String.join(",", java.util.Collections.nCopies(101, op)) + "]";

        JsonNode error = onlyError(assertTimeoutPreemptively(HANG_GUARD,
                () -> gateway.post("/v1/graphql", body, Map.of())));

        assertThat(error).isEqualTo(Json.parseBody("{\"message\":\"a batch may hold at most 100 operations, this "
                + "one holds 101\",\"extensions\":{\"path\":\"$\",\"code\":\"validation-failed\"}}"));
        stillServesANormalQuery();
    }
}
