package io.joinery.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamSettingsTest {
    @Test
    void idleTimeout_defaultsToFourSeconds_shorterThanNodesFive() {
        assertThat(UpstreamSettings.fromEnv(Map.<String, String>of()::get).idleTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(UpstreamSettings.fromEnv(Map.of("JOINERY_UPSTREAM_IDLE_TIMEOUT", " ")::get))
                .isEqualTo(UpstreamSettings.DEFAULTS);
    }

    @Test
    void idleTimeout_isReadInSeconds_decimalsAllowed() {
        assertThat(UpstreamSettings.fromEnv(Map.of("JOINERY_UPSTREAM_IDLE_TIMEOUT", "2")::get).idleTimeout())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(UpstreamSettings.fromEnv(Map.of("JOINERY_UPSTREAM_IDLE_TIMEOUT", "0.25")::get).idleTimeout())
                .isEqualTo(Duration.ofMillis(250));
        assertThat(UpstreamSettings.fromEnv(Map.of("JOINERY_UPSTREAM_IDLE_TIMEOUT", "0")::get).idleTimeout())
                .isZero();
    }

    @Test
    void idleTimeout_invalid_namesTheVariable() {
        assertThatThrownBy(() -> UpstreamSettings.fromEnv(Map.of("JOINERY_UPSTREAM_IDLE_TIMEOUT", "4s")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JOINERY_UPSTREAM_IDLE_TIMEOUT must be a number of seconds (such as 4 or 0.5), got \"4s\"");
        assertThatThrownBy(() -> UpstreamSettings.fromEnv(Map.of("JOINERY_UPSTREAM_IDLE_TIMEOUT", "-1")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JOINERY_UPSTREAM_IDLE_TIMEOUT must not be negative");
    }
}
