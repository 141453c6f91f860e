package io.joinery.core.observe;

import io.joinery.core.config.Environment;
import java.util.Optional;
import java.util.function.Function;

/**
 * The observability settings both servers read from the environment (docs/observability.md).
 *
 * @param metricsSecret `JOINERY_METRICS_SECRET`: a bearer token that opens `GET /v1/metrics` to a
 *                      scraper that must not hold the admin secret
 */
public record ObservabilityConfig(Optional<String> metricsSecret) {
    public static final ObservabilityConfig DEFAULTS = new ObservabilityConfig(Optional.empty());

    public static ObservabilityConfig fromEnv(Function<String, String> env) {
        Environment settings = Environment.of(env);
        return new ObservabilityConfig(settings.get("JOINERY_METRICS_SECRET"));
    }
}
