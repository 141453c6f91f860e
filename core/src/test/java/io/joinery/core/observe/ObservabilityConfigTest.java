package io.joinery.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilityConfigTest {
    private static ObservabilityConfig of(Map<String, String> env) {
        return ObservabilityConfig.fromEnv(env::get);
    }

    @Test
    void byDefault_metricsAreOn_andTraceContextIsPropagated() {
        ObservabilityConfig config = of(Map.of());
        assertThat(config.metricsEnabled()).isTrue();
        assertThat(config.tracePropagation()).isTrue();
        assertThat(config).isEqualTo(ObservabilityConfig.DEFAULTS);
    }

    @Test
    void metricsEnabledFalse_turnsMetricsOff_andABadValueNamesTheVariable() {
        assertThat(of(Map.of("JOINERY_METRICS_ENABLED", "false")).metricsEnabled()).isFalse();
        assertThat(of(Map.of("JOINERY_METRICS_ENABLED", "true")).metricsEnabled()).isTrue();
        assertThatThrownBy(() -> of(Map.of("JOINERY_METRICS_ENABLED", "off")))
                .hasMessage("JOINERY_METRICS_ENABLED must be true or false, got \"off\"");
    }

    @Test
    void otelPropagators_noneTurnsPropagationOff_tracecontextKeepsIt_othersAreRefused() {
        assertThat(of(Map.of("OTEL_PROPAGATORS", "none")).tracePropagation()).isFalse();
        assertThat(of(Map.of("OTEL_PROPAGATORS", "tracecontext, baggage")).tracePropagation()).isTrue();
        assertThatThrownBy(() -> of(Map.of("OTEL_PROPAGATORS", "b3")))
                .hasMessage("OTEL_PROPAGATORS must include tracecontext (W3C trace context, the only propagator here) "
                        + "or be none, got \"b3\"");
    }
}
