package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
    @Test
    void upstreamIdleTimeout_defaultsToFourSeconds_andIsReadFromTheEnvironment() {
        assertThat(GatewayConfig.fromEnv(Map.<String, String>of()::get).upstream().idleTimeout())
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(GatewayConfig.fromEnv(Map.of("JOINERY_UPSTREAM_IDLE_TIMEOUT", "2")::get).upstream().idleTimeout())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withRetryDelays_keepsTheUpstreamSettings() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("JOINERY_UPSTREAM_IDLE_TIMEOUT", "2")::get)
                .withRetryDelays(Duration.ofMillis(1), Duration.ofMillis(2));
        assertThat(config.upstream().idleTimeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
