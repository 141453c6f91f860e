package io.joinery.core.observe;

import io.joinery.core.config.Environment;
import java.util.Arrays;
import java.util.List;
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
 * @param metricsSecret    `JOINERY_METRICS_SECRET` (or Hasura's `HASURA_GRAPHQL_METRICS_SECRET`): a bearer token that opens `GET /v1/metrics` to a
 *                         scraper that must not hold the admin secret
 * @param metricsEnabled   `JOINERY_METRICS_ENABLED` (default true): false records no metric at all
 *                         ({@link Telemetry#create(ObservabilityConfig, Tracing)}), and `/v1/metrics` answers 404
 * @param tracePropagation `OTEL_PROPAGATORS`: W3C trace context (`tracecontext`, the default) or
 *                         `none`, which neither reads nor sends a `traceparent`
 * @param logFormat        `JOINERY_LOG_FORMAT`: `json` (default) or `text`
 * @param logLevel         `JOINERY_LOG_LEVEL` (or Hasura's `HASURA_GRAPHQL_LOG_LEVEL`): `error`, `warn`, `info` (default), `debug` or `trace`
 */
public record ObservabilityConfig(Optional<String> metricsSecret, boolean metricsEnabled, boolean tracePropagation,
                                  String logFormat, String logLevel) {
    public static final String METRICS_ENABLED = "JOINERY_METRICS_ENABLED";
    public static final String PROPAGATORS = "OTEL_PROPAGATORS";
    private static final Set<String> FORMATS = Set.of("json", "text");
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    public static final ObservabilityConfig DEFAULTS = new ObservabilityConfig(Optional.empty(), true, true,
            "json", "info");

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
        Tracing.checkExport(env);
        // Hasura's names when Joinery's are not set (HASURA_GRAPHQL_METRICS_SECRET: Hasura EE's bearer token)
        return new ObservabilityConfig(
                settings.get("JOINERY_METRICS_SECRET").or(() -> settings.get("HASURA_GRAPHQL_METRICS_SECRET")),
                settings.flag(METRICS_ENABLED, true),
                settings.named(PROPAGATORS).map(s -> propagates(s.value())).orElse(true),
                settings.get("JOINERY_LOG_FORMAT").map(ObservabilityConfig::lower).orElse("json"),
                settings.get("JOINERY_LOG_LEVEL").or(() -> settings.get("HASURA_GRAPHQL_LOG_LEVEL"))
                        .map(ObservabilityConfig::lower).orElse("info"));
    }

    /**
     * `OTEL_PROPAGATORS` as the OpenTelemetry specification lists it (comma-separated); W3C trace
     * context is the only propagator here, so the list must hold `tracecontext` (others beside it,
     * such as `baggage`, are ignored) or be `none`.
     */
    private static boolean propagates(String value) {
        List<String> names = Arrays.stream(value.split(",")).map(ObservabilityConfig::lower).toList();
        if (names.equals(List.of("none"))) {
            return false;
        }
        if (names.contains("tracecontext")) {
            return true;
        }
        throw new IllegalArgumentException(PROPAGATORS + " must include tracecontext (W3C trace context, the only "
                + "propagator here) or be none, got \"" + value + "\"");
    }

    private static String lower(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
