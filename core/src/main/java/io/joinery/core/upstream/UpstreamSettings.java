package io.joinery.core.upstream;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a service talks to the HTTP servers it calls: remote schemas (gateway) and action handlers
 * (child). Read once from the environment by each service's config record.
 *
 * @param idleTimeout `JOINERY_UPSTREAM_IDLE_TIMEOUT` (seconds, decimals allowed; default 4): how long
 *                    an idle keep-alive connection is kept for reuse. It must stay SHORTER than the
 *                    servers' own keep-alive timeout (Node and Express: 5 s), so that a connection is
 *                    never reused at the moment the server closes it ({@link StaleConnectionRetry}).
 *                    `0` keeps no idle connection: one new connection per request.
 */
public record UpstreamSettings(Duration idleTimeout) {
    public static final String IDLE_TIMEOUT_VARIABLE = "JOINERY_UPSTREAM_IDLE_TIMEOUT";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(4);
    public static final UpstreamSettings DEFAULTS = new UpstreamSettings(DEFAULT_IDLE_TIMEOUT);

    public UpstreamSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException(IDLE_TIMEOUT_VARIABLE + " must not be negative, got " + idleTimeout);
        }
    }

    /** Reads the settings from `env` (a variable that is unset or blank keeps its default). */
    public static UpstreamSettings fromEnv(Function<String, String> env) {
        String idle = env.apply(IDLE_TIMEOUT_VARIABLE);
        return idle == null || idle.isBlank() ? DEFAULTS : new UpstreamSettings(seconds(IDLE_TIMEOUT_VARIABLE, idle));
    }

    private static Duration seconds(String name, String value) {
        try {
            BigDecimal seconds = new BigDecimal(value.trim());
            if (seconds.signum() < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got \"" + value + "\"");
            }
            return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be a number of seconds (such as 4 or 0.5), got \""
                    + value + "\"");
        }
    }
}
