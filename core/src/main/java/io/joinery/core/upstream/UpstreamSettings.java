package io.joinery.core.upstream;

import io.joinery.core.config.Environment;
import io.joinery.core.http.HardLimits;
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
 * @param maxResponseBytes `JOINERY_UPSTREAM_MAX_RESPONSE_BYTES` ({@link HardLimits}): the largest response
 *                    body, counted after decompression while it arrives
 * @param maxPending  `JOINERY_UPSTREAM_MAX_PENDING` ({@link HardLimits}): calls that may wait for a pooled
 *                    connection when all are busy; one more fails at once
 */
public record UpstreamSettings(Duration idleTimeout, int maxResponseBytes, int maxPending) {
    public static final String IDLE_TIMEOUT_VARIABLE = "JOINERY_UPSTREAM_IDLE_TIMEOUT";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(4);
    public static final UpstreamSettings DEFAULTS = new UpstreamSettings(DEFAULT_IDLE_TIMEOUT);

    public UpstreamSettings {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException(IDLE_TIMEOUT_VARIABLE + " must not be negative, got " + idleTimeout);
        }
    }

    /** With the default limits. */
    public UpstreamSettings(Duration idleTimeout) {
        this(idleTimeout, HardLimits.DEFAULTS.upstreamMaxResponseBytes(), HardLimits.DEFAULTS.upstreamMaxPending());
    }

    /** Reads the settings from `env` (a variable that is unset or blank keeps its default). */
    public static UpstreamSettings fromEnv(Function<String, String> env) {
        String idle = env.apply(IDLE_TIMEOUT_VARIABLE);
        HardLimits limits = HardLimits.fromEnvironment(Environment.of(env));
        return new UpstreamSettings(idle == null || idle.isBlank() ? DEFAULT_IDLE_TIMEOUT
                : seconds(IDLE_TIMEOUT_VARIABLE, idle), limits.upstreamMaxResponseBytes(), limits.upstreamMaxPending());
    }

    public UpstreamSettings withMaxResponseBytes(int max) {
        return new UpstreamSettings(idleTimeout, max, maxPending);
    }

    public UpstreamSettings withMaxPending(int max) {
        return new UpstreamSettings(idleTimeout, maxResponseBytes, max);
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
