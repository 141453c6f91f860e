package io.joinery.core.observe;

import io.joinery.core.config.Environment;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The observability settings both servers read from the environment (docs/observability.md). The
 * log settings are applied by core's `logback.xml`, which reads the same variables when logging
 * starts; they are checked here so that a wrong value stops the server at start with a clear
 * message instead of being ignored.
 *
 * @param metricsSecret `JOINERY_METRICS_SECRET`: a bearer token that opens `GET /v1/metrics` to a
 *                      scraper that must not hold the admin secret
 * @param logFormat     `JOINERY_LOG_FORMAT`: `json` (default) or `text`
 * @param logLevel      `JOINERY_LOG_LEVEL`: `error`, `warn`, `info` (default), `debug` or `trace`
 */
public record ObservabilityConfig(Optional<String> metricsSecret, String logFormat, String logLevel) {
    private static final Set<String> FORMATS = Set.of("json", "text");
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    public static final ObservabilityConfig DEFAULTS = new ObservabilityConfig(Optional.empty(), "json", "info");

    public ObservabilityConfig {
        if (!FORMATS.contains(logFormat)) {
            throw new IllegalArgumentException("JOINERY_LOG_FORMAT must be json or text, got \"" + logFormat + "\"");
        }
        if (!LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException(
                    "JOINERY_LOG_LEVEL must be error, warn, info, debug or trace, got \"" + logLevel + "\"");
        }
    }

    /** @throws IllegalArgumentException naming the variable when a value is not one of its choices */
    public static ObservabilityConfig fromEnv(Function<String, String> env) {
        Environment settings = Environment.of(env);
        return new ObservabilityConfig(settings.get("JOINERY_METRICS_SECRET"),
                settings.get("JOINERY_LOG_FORMAT").map(ObservabilityConfig::lower).orElse("json"),
                settings.get("JOINERY_LOG_LEVEL").map(ObservabilityConfig::lower).orElse("info"));
    }

    private static String lower(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
