package io.joinery.gateway;

import io.joinery.core.auth.AuthConfig;
import io.joinery.core.config.Environment;
import io.joinery.core.http.ConsoleRoute;
import io.joinery.core.http.Cors;
import io.joinery.core.http.FrontDoorConfig;
import io.joinery.core.limits.DocumentLimits;
import io.joinery.core.pg.DatabaseUrl;
import io.joinery.core.upstream.UpstreamSettings;
import io.joinery.gateway.execute.PlanExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's settings, read from the environment once (docs/configuration.md). Settings with a
 * Hasura twin also read `HASURA_GRAPHQL_*` ({@link Environment}); how requests authenticate is
 * {@link AuthConfig}'s (SPEC §9). {@code env} is also how `url_from_env` / `value_from_env` /
 * `{{VAR}}` in metadata are resolved.
 *
 * @param upstream connections to remote schemas: `JOINERY_UPSTREAM_IDLE_TIMEOUT`, ...
 * @param joinMaxKeys `JOINERY_JOIN_MAX_KEYS`: the most distinct tuples one join request asks for;
 *                    a join level with more is sent as several requests (SPEC §11.2)
 * @param consoleEnabled `JOINERY_ENABLE_CONSOLE` ({@link ConsoleRoute#isEnabled}), default on
 * @param metadataDatabaseUrl  `JOINERY_METADATA_DATABASE_URL`: metadata in Postgres, shared by replicas
 *                             (SPEC §14); the metadata file then only seeds an empty store
 * @param metadataPollInterval `JOINERY_METADATA_POLL_SECONDS`, default 1: how often replicas compare
 *                             the stored `resource_version` with theirs, in case a notification was missed
 */
public record GatewayConfig(String host, int port, AuthConfig auth, Path metadataFile, Cors cors,
                            Duration retryInitialDelay, Duration retryMaxDelay, UpstreamSettings upstream,
                            Function<String, String> env, int joinMaxKeys, boolean consoleEnabled,
                            Optional<String> metadataDatabaseUrl, Duration metadataPollInterval) {
    public static final int DEFAULT_PORT = 8080;

    public GatewayConfig {
        if (joinMaxKeys < 1) {
            throw new IllegalArgumentException("JOINERY_JOIN_MAX_KEYS must be at least 1, got " + joinMaxKeys);
        }
        if (metadataPollInterval.isNegative() || metadataPollInterval.isZero()) {
            throw new IllegalArgumentException("JOINERY_METADATA_POLL_SECONDS must be at least 1");
        }
    }

    /** Metadata in the file (no metadata database); joins and console as {@code env} says. */
    public GatewayConfig(String host, int port, AuthConfig auth, Path metadataFile, Cors cors,
                         Duration retryInitialDelay, Duration retryMaxDelay, UpstreamSettings upstream,
                         Function<String, String> env) {
        this(host, port, auth, metadataFile, cors, retryInitialDelay, retryMaxDelay, upstream, env,
                joinMaxKeys(Environment.of(env)), ConsoleRoute.isEnabled(env), Optional.empty(), Duration.ofSeconds(1));
    }

    /**
     * An admin secret (or none) and a `JOINERY_CORS_DOMAIN` value: what tests start gateways with;
     * `JOINERY_JOIN_MAX_KEYS` is read from {@code env}.
     */
    public GatewayConfig(String host, int port, Optional<String> adminSecret, Path metadataFile, String corsDomain,
                         Duration retryInitialDelay, Duration retryMaxDelay, Function<String, String> env,
                         boolean consoleEnabled) {
        this(host, port, adminSecret.map(AuthConfig::adminSecretOnly).orElse(AuthConfig.open()), metadataFile,
                Cors.parse(corsDomain), retryInitialDelay, retryMaxDelay, UpstreamSettings.DEFAULTS, env,
                joinMaxKeys(Environment.of(env)), consoleEnabled, Optional.empty(), Duration.ofSeconds(1));
    }

    /** As above, with the console on. */
    public GatewayConfig(String host, int port, Optional<String> adminSecret, Path metadataFile, String corsDomain,
                         Duration retryInitialDelay, Duration retryMaxDelay, Function<String, String> env) {
        this(host, port, adminSecret, metadataFile, corsDomain, retryInitialDelay, retryMaxDelay, env, true);
    }

    public static GatewayConfig fromEnv(Function<String, String> env) {
        Environment settings = Environment.of(env);
        AuthConfig auth = AuthConfig.fromEnvironment(settings);
        return new GatewayConfig(
                FrontDoorConfig.host(settings.get("JOINERY_HOST"), auth),
                settings.integer("JOINERY_PORT", DEFAULT_PORT),
                auth,
                Path.of(settings.get("JOINERY_METADATA").orElse("./joinery-metadata.json")),
                Cors.parse(settings.get("JOINERY_CORS_DOMAIN").orElse(null),
                        settings.get("JOINERY_CORS_ALLOWED_HEADERS").orElse(null)),
                Duration.ofSeconds(1), Duration.ofSeconds(60),
                UpstreamSettings.fromEnv(env),
                env,
                joinMaxKeys(settings),
                ConsoleRoute.isEnabled(env),
                settings.get("JOINERY_METADATA_DATABASE_URL").map(GatewayConfig::checkedUrl),
                Duration.ofSeconds(settings.integer("JOINERY_METADATA_POLL_SECONDS", 1)));
    }

    /** The hard guards on GraphQL documents (SPEC §11.2): `JOINERY_GRAPHQL_MAX_*`. */
    public DocumentLimits documentLimits() {
        return DocumentLimits.fromEnvironment(Environment.of(env));
    }

    private static int joinMaxKeys(Environment settings) {
        return settings.integer("JOINERY_JOIN_MAX_KEYS", PlanExecutor.DEFAULT_JOIN_MAX_KEYS);
    }

    /** A malformed URL stops the gateway at start, with a message naming the variable. */
    private static String checkedUrl(String url) {
        DatabaseUrl.parse(url, "JOINERY_METADATA_DATABASE_URL");
        return url;
    }

    public GatewayConfig withRetryDelays(Duration initial, Duration max) {
        return new GatewayConfig(host, port, auth, metadataFile, cors, initial, max, upstream, env, joinMaxKeys,
                consoleEnabled, metadataDatabaseUrl, metadataPollInterval);
    }

    /** Metadata in the Postgres database at {@code url}, checked every {@code pollInterval}. */
    public GatewayConfig withMetadataDatabase(String url, Duration pollInterval) {
        return new GatewayConfig(host, port, auth, metadataFile, cors, retryInitialDelay, retryMaxDelay, upstream, env,
                joinMaxKeys, consoleEnabled, Optional.of(url), pollInterval);
    }
}
