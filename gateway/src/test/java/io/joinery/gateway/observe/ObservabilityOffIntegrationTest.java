package io.joinery.gateway.observe;

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

/**
 * A gateway with observability turned off (docs/observability.md): `JOINERY_METRICS_ENABLED=false`
 * and `OTEL_PROPAGATORS=none`. It answers as ever, `/v1/metrics` is 404, and no `traceparent` goes
 * upstream (the request id still does). The default, metrics on, is {@link MetricsEndpointTest}'s.
 */
class ObservabilityOffIntegrationTest {
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder()
            .remote("users", () -> Remotes.users(TestUpstream.sharedLog()), null)
            .env("JOINERY_METRICS_ENABLED", "false")
            .env("OTEL_PROPAGATORS", "none")
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream users = fixture.upstream("users");

    @Test
    void queriesAreAnswered_metricsAre404_andNoTraceparentGoesUpstream() {
        JsonNode answer = gateway.graphql("{ users { id name } }", null,
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "x-request-id", "req-9"));
        assertThat(answer.at("/data/users/0/name").asText()).as(answer.toString()).isEqualTo("Ada");

        Reply metrics = gateway.get("/v1/metrics");
        assertThat(metrics.status()).isEqualTo(404);
        assertThat(metrics.json().get("code").asText()).isEqualTo("not-found");
        assertThat(metrics.json().get("error").asText()).contains("JOINERY_METRICS_ENABLED=false");

        assertThat(users.requests()).hasSize(1);
        assertThat(users.requests().get(0).headers()).doesNotContainKey("traceparent")
                .containsEntry("x-request-id", "req-9");
    }
}
