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
import java.util.Collections;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15, hostile cases found by trying the gateway as a client would (black-box), each refused in
 * the documented shape within a bound (a hang guard, not a performance check), after which the
 * gateway still serves a normal query: a metadata `bulk` of thousands of calls, requests that are not
 * HTTP, a health check with a malformed query string, an introspection answer asked for a thousand
 * times over.
 */
class HostileCasesIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder()
            .remote("users", () -> Remotes.users(TestUpstream.sharedLog()), null)
            .start();
    private final GatewayHarness gateway = fixture.gateway();

    private void stillServesANormalQuery() {
        assertThat(gateway.graphql("{ users { name } }"))
                .isEqualTo(Json.parseBody("{\"data\":{\"users\":[{\"name\":\"Ada\"},{\"name\":\"Grace\"}]}}"));
        assertThat(gateway.get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void bulkOfThreeThousandCalls_isAnswered_notAStackOverflow() {
        String bulk = Collections.nCopies(3_000, "{\"type\": \"export_metadata\", \"args\": {}}").stream()
                .collect(Collectors.joining(",", "{\"type\": \"bulk\", \"args\": [", "]}"));

        Reply reply = assertTimeoutPreemptively(HANG_GUARD, () -> gateway.post("/v1/metadata", bulk, Map.of()));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode answers = reply.json();
        assertThat(answers).hasSize(3_000);
        assertThat(answers.get(2_999)).isEqualTo(answers.get(0));
        assertThat(gateway.metadataOk("{\"type\": \"export_metadata\", \"args\": {}}")).isEqualTo(answers.get(0));
        stillServesANormalQuery();
    }

    @Test
    void duplicateContentLength_is400InTheApiShape() {
        String body = "{\"query\":\"{ users { name } }\"}";
        try (RawHttp raw = new RawHttp(gateway.gateway().port())) {
            raw.write("POST /v1/graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);

            RawHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD, raw::read);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(Json.parseBody(refused.body())).isEqualTo(Json.parseBody(
                    "{\"path\":\"$\",\"error\":\"the request is not valid HTTP/1.1\",\"code\":\"validation-failed\"}"));
        }
        stillServesANormalQuery();
    }

    @Test
    void healthCheckWithAMalformedEscape_isNo500() {
        Reply reply = gateway.get("/healthz?strict=%zz");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("OK");
        stillServesANormalQuery();
    }

    @Test
    void thousandSchemaIntrospections_areRefused() {
        String query = IntStream.range(0, 1_000)
                .mapToObj(i -> "s" + i + ": __schema { types { name fields { name args { name type { name } } "
                        + "type { name ofType { name } } } } }")
                .collect(Collectors.joining(" ", "{ ", " }"));

        Reply reply = assertTimeoutPreemptively(HANG_GUARD,
                () -> gateway.post("/v1/graphql", Json.write(Json.object().put("query", query)), Map.of()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/errors/0/message").asText())
                .startsWith("the introspection answer is larger than the limit of 100000 values");
        assertThat(reply.json().at("/errors/0/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(reply.json().has("data")).isFalse();
        assertThat(gateway.graphql("{ __schema { queryType { name } } }").at("/data/__schema/queryType/name").asText())
                .isNotEmpty();
        stillServesANormalQuery();
    }
}
