package io.joinery.core.http;

import io.joinery.core.auth.AuthConfig;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.observe.ObservabilityConfig;
import io.joinery.core.observe.Telemetry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * `GET /v1/metrics` (SPEC §13): the server's metrics in the Prometheus text format (0.0.4), or in
 * OpenMetrics 1.0.0 to a scraper that prefers it in its `Accept` header (as Prometheus does). Who
 * may read them:
 * <ul>
 *   <li>a request carrying the admin secret (`X-Hasura-Admin-Secret`);
 *   <li>when `JOINERY_METRICS_SECRET` is set, a request with `Authorization: Bearer <metrics secret>`;
 *   <li>when neither secret is configured, everyone (development mode, as every other endpoint).
 * </ul>
 * Anything else is 401 `access-denied`. JWTs and the auth webhook are not consulted: a scraper has
 * neither, and a scrape must not call a webhook. With `JOINERY_METRICS_ENABLED=false` a request that
 * may read the metrics gets 404 `not-found` saying that they are turned off (a scraper's target shows
 * down with that reason, rather than up with no samples).
 */
public final class MetricsRoute {
    public static final String PATH = "/v1/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS = "application/openmetrics-text";
    static final String OPENMETRICS_CONTENT_TYPE = OPENMETRICS + "; version=1.0.0; charset=utf-8";
    private static final String BEARER = "bearer ";

    private MetricsRoute() {}

    public static Route route(Telemetry telemetry, AuthConfig auth, ObservabilityConfig config) {
        Optional<byte[]> adminSecret = auth.adminSecret().map(MetricsRoute::bytes);
        Optional<byte[]> metricsSecret = config.metricsSecret().map(MetricsRoute::bytes);
        return Route.get(PATH, call -> {
            if (!allowed(call, adminSecret, metricsSecret)) {
                return Mono.just(ErrorWriter.api(new JoineryException(ErrorCode.ACCESS_DENIED,
                        "the metrics need the admin secret or the metrics secret", ErrorPath.root(), null, 401), false));
            }
            if (!config.metricsEnabled()) {
                return Mono.just(ErrorWriter.api(new JoineryException(ErrorCode.NOT_FOUND,
                        "metrics are turned off (" + ObservabilityConfig.METRICS_ENABLED + "=false)", ErrorPath.root(),
                        null, 404), false));
            }
            String contentType = prefersOpenMetrics(call.headers().get("accept")) ? OPENMETRICS_CONTENT_TYPE
                    : CONTENT_TYPE;
            // rendering reads /proc and cgroup files for the process metrics: off the event loop
            return Mono.fromCallable(() -> new HttpAnswer(200, contentType, telemetry.scrape(contentType).orElse(""),
                            List.of()))
                    .subscribeOn(Schedulers.boundedElastic());
        });
    }

    /**
     * Whether {@code accept} asks for OpenMetrics (by its `q`) at least as much as for plain text or
     * any type: Prometheus sends `application/openmetrics-text;version=1.0.0;q=0.6, ...,
     * text/plain;version=0.0.4;q=0.3, (any type);q=0.2` and gets OpenMetrics; curl and browsers (no
     * header, any type, `text/html`) get the text format.
     */
    static boolean prefersOpenMetrics(String accept) {
        if (accept == null) {
            return false;
        }
        double openMetrics = 0;
        double text = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals(OPENMETRICS)) {
                openMetrics = Math.max(openMetrics, q);
            } else if (type.equals("text/plain") || type.equals("text/*") || type.equals("*/*")) {
                text = Math.max(text, q);
            }
        }
        return openMetrics > 0 && openMetrics >= text;
    }

    private static boolean allowed(HttpCall call, Optional<byte[]> adminSecret, Optional<byte[]> metricsSecret) {
        if (adminSecret.isEmpty() && metricsSecret.isEmpty()) {
            return true;
        }
        if (adminSecret.isPresent() && (matches(call.headers().get("x-hasura-admin-secret"), adminSecret.get())
                || matches(call.headers().get("x-hasura-access-key"), adminSecret.get()))) {
            return true;
        }
        String authorization = call.headers().get("authorization");
        return metricsSecret.isPresent() && authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && matches(authorization.substring(BEARER.length()).trim(), metricsSecret.get());
    }

    private static boolean matches(String presented, byte[] secret) {
        return presented != null && MessageDigest.isEqual(bytes(presented), secret);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
