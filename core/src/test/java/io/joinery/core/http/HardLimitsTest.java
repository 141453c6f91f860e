package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.config.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HardLimitsTest {
    @Test
    void everyLimit_isReadFromItsVariable() {
        HardLimits limits = HardLimits.fromEnvironment(Environment.of(Map.of(
                "JOINERY_MAX_BODY_BYTES", "10", "JOINERY_MAX_HEADER_BYTES", "20",
                "JOINERY_READ_TIMEOUT_SECONDS", "3", "JOINERY_IDLE_TIMEOUT_SECONDS", "4",
                "JOINERY_REQUEST_TIMEOUT_SECONDS", "5", "JOINERY_MAX_JSON_DEPTH", "6", "JOINERY_MAX_BATCH", "7",
                "JOINERY_UPSTREAM_MAX_RESPONSE_BYTES", "8", "JOINERY_UPSTREAM_MAX_PENDING", "9")));

        assertThat(limits).isEqualTo(new HardLimits(10, 20, Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofSeconds(5), 6, 7, 8, 9));
    }

    @Test
    void unsetVariables_keepTheDefaultsOfSpec11_2() {
        HardLimits limits = HardLimits.fromEnvironment(Environment.of(Map.of()));

        assertThat(limits).isEqualTo(HardLimits.DEFAULTS);
        assertThat(limits.maxBodyBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(limits.maxHeaderBytes()).isEqualTo(64 * 1024);
        assertThat(limits.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(limits.requestTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(limits.maxJsonDepth()).isEqualTo(500);
        assertThat(limits.maxBatch()).isEqualTo(100);
        assertThat(limits.upstreamMaxResponseBytes()).isEqualTo(64 * 1024 * 1024);
    }

    @Test
    void aLimitBelowOne_stopsTheServerNamingTheVariable() {
        assertThatThrownBy(() -> HardLimits.fromEnvironment(Environment.of(Map.of("JOINERY_MAX_BATCH", "0"))))
                .hasMessage("JOINERY_MAX_BATCH must be at least 1, got 0");
        assertThatThrownBy(() -> HardLimits.fromEnvironment(Environment.of(Map.of("JOINERY_MAX_BODY_BYTES", "4MB"))))
                .hasMessage("JOINERY_MAX_BODY_BYTES must be a whole number, got \"4MB\"");
    }
}
