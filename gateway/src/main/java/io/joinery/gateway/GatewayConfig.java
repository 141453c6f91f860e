package io.joinery.gateway;

import io.joinery.core.upstream.UpstreamSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's settings, read from the environment once (DESIGN's configuration table).
 * {@code env} is also how `url_from_env` / `value_from_env` / `{{VAR}}` in metadata are resolved.
 *
 * @param upstream connections to remote schemas: `JOINERY_UPSTREAM_IDLE_TIMEOUT`
 */
public record GatewayConfig(String host, int port, Optional<String> adminSecret, Path metadataFile,
                            String corsDomain, Duration retryInitialDelay, Duration retryMaxDelay,
                            UpstreamSettings upstream, Function<String, String> env) {
    public static final int DEFAULT_PORT = 8080;

    /** With the default upstream settings. */
    public GatewayConfig(String host, int port, Optional<String> adminSecret, Path metadataFile, String corsDomain,
                         Duration retryInitialDelay, Duration retryMaxDelay, Function<String, String> env) {
        this(host, port, adminSecret, metadataFile, corsDomain, retryInitialDelay, retryMaxDelay,
                UpstreamSettings.DEFAULTS, env);
    }

    public static GatewayConfig fromEnv(Function<String, String> env) {
        String port = env.apply("JOINERY_PORT");
        String metadata = env.apply("JOINERY_METADATA");
        return new GatewayConfig(
                Optional.ofNullable(env.apply("JOINERY_HOST")).orElse("0.0.0.0"),
                port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.trim()),
                Optional.ofNullable(env.apply("JOINERY_ADMIN_SECRET")).filter(s -> !s.isEmpty()),
                Path.of(metadata == null || metadata.isBlank() ? "./joinery-metadata.json" : metadata),
                env.apply("JOINERY_CORS_DOMAIN"),
                Duration.ofSeconds(1), Duration.ofSeconds(60),
                UpstreamSettings.fromEnv(env),
                env);
    }

    public GatewayConfig withRetryDelays(Duration initial, Duration max) {
        return new GatewayConfig(host, port, adminSecret, metadataFile, corsDomain, initial, max, upstream, env);
    }
}
