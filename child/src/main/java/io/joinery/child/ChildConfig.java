package io.joinery.child;

import io.joinery.core.auth.AuthConfig;
import io.joinery.core.config.Environment;
import io.joinery.core.http.ConsoleRoute;
import io.joinery.core.http.Cors;
import io.joinery.core.http.FrontDoorConfig;
import io.joinery.core.limits.DocumentLimits;
import io.joinery.core.upstream.UpstreamSettings;
import io.joinery.child.actions.ActionJoinExecutor;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The child's configuration, read from the environment once (docs/configuration.md). Settings with
 * a Hasura twin also read `HASURA_GRAPHQL_*` ({@link Environment}).
 *
 * @param port             `JOINERY_PORT`, default 8081
 * @param host             `JOINERY_HOST`, default 0.0.0.0 with an admin secret, 127.0.0.1 without
 * @param auth             `JOINERY_ADMIN_SECRET`, `JOINERY_JWT_SECRET`, `JOINERY_AUTH_HOOK`,
 *                         `JOINERY_UNAUTHORIZED_ROLE`, ... (SPEC §6, §9)
 * @param databaseUrl      `JOINERY_DATABASE_URL`; absent = embedded Postgres in {@code dataDir}
 * @param dataDir          `JOINERY_DATA_DIR`, default ./joinery-data
 * @param metadataFile     `JOINERY_METADATA`: applied at start, replacing stored metadata
 * @param cors             `JOINERY_CORS_DOMAIN`, default `*`, and `JOINERY_CORS_ALLOWED_HEADERS`
 * @param maxConnections   `JOINERY_DB_POOL_SIZE`, default 20
 * @param asyncActionsConcurrency `JOINERY_ASYNC_ACTIONS_CONCURRENCY`: handler calls of asynchronous
 *                         actions in flight at once, default 10
 * @param upstream         connections to action handlers: `JOINERY_UPSTREAM_IDLE_TIMEOUT`
 * @param env              the whole environment: how actions' `{{VAR}}` and `value_from_env` are read
 *                         (SPEC §3.2); nothing else in the child reads the environment
 * @param replicas         `JOINERY_METADATA_POLL_SECONDS`, `JOINERY_ASYNC_ACTIONS_LEASE_SECONDS` (SPEC §14)
 * @param consoleEnabled   `JOINERY_ENABLE_CONSOLE` ({@link ConsoleRoute#isEnabled}), default on
 */
public record ChildConfig(int port, String host, AuthConfig auth, Optional<String> databaseUrl,
                          Path dataDir, Optional<Path> metadataFile, Cors cors, int maxConnections,
                          int asyncActionsConcurrency, UpstreamSettings upstream, Function<String, String> env,
                          boolean consoleEnabled, ReplicaSettings replicas) {
    public static final int DEFAULT_ASYNC_ACTIONS_CONCURRENCY = 10;

    public ChildConfig {
        if (asyncActionsConcurrency < 1) {
            throw new IllegalArgumentException("JOINERY_ASYNC_ACTIONS_CONCURRENCY must be at least 1, got "
                    + asyncActionsConcurrency);
        }
    }

    /** With the default replica settings, the console as {@code env} says. */
    public ChildConfig(int port, String host, AuthConfig auth, Optional<String> databaseUrl,
                       Path dataDir, Optional<Path> metadataFile, Cors cors, int maxConnections,
                       int asyncActionsConcurrency, UpstreamSettings upstream, Function<String, String> env) {
        this(port, host, auth, databaseUrl, dataDir, metadataFile, cors, maxConnections, asyncActionsConcurrency,
                upstream, env, ConsoleRoute.isEnabled(env), ReplicaSettings.DEFAULTS);
    }

    /** An admin secret (or none) and a `JOINERY_CORS_DOMAIN` value: the console on: what tests start children with. */
    public ChildConfig(int port, String host, Optional<String> adminSecret, Optional<String> databaseUrl,
                       Path dataDir, Optional<Path> metadataFile, String corsDomain, int maxConnections,
                       int asyncActionsConcurrency, UpstreamSettings upstream, Function<String, String> env) {
        this(port, host, adminSecret.map(AuthConfig::adminSecretOnly).orElse(AuthConfig.open()), databaseUrl,
                dataDir, metadataFile, Cors.parse(corsDomain), maxConnections, asyncActionsConcurrency, upstream, env,
                true, ReplicaSettings.DEFAULTS);
    }

    /** As above, with actions reading this process's environment. */
    public ChildConfig(int port, String host, Optional<String> adminSecret, Optional<String> databaseUrl,
                       Path dataDir, Optional<Path> metadataFile, String corsDomain, int maxConnections,
                       int asyncActionsConcurrency, UpstreamSettings upstream) {
        this(port, host, adminSecret, databaseUrl, dataDir, metadataFile, corsDomain, maxConnections,
                asyncActionsConcurrency, upstream, System::getenv);
    }

    /** With the default upstream settings, and actions reading {@code env}. */
    public ChildConfig(int port, String host, Optional<String> adminSecret, Optional<String> databaseUrl,
                       Path dataDir, Optional<Path> metadataFile, String corsDomain, int maxConnections,
                       int asyncActionsConcurrency, Function<String, String> env) {
        this(port, host, adminSecret, databaseUrl, dataDir, metadataFile, corsDomain, maxConnections,
                asyncActionsConcurrency, UpstreamSettings.DEFAULTS, env);
    }

    /** As above, with the default upstream settings. */
    public ChildConfig(int port, String host, Optional<String> adminSecret, Optional<String> databaseUrl,
                       Path dataDir, Optional<Path> metadataFile, String corsDomain, int maxConnections,
                       int asyncActionsConcurrency) {
        this(port, host, adminSecret, databaseUrl, dataDir, metadataFile, corsDomain, maxConnections,
                asyncActionsConcurrency, UpstreamSettings.DEFAULTS);
    }

    /** As above, with the default async action concurrency. */
    public ChildConfig(int port, String host, Optional<String> adminSecret, Optional<String> databaseUrl,
                       Path dataDir, Optional<Path> metadataFile, String corsDomain, int maxConnections) {
        this(port, host, adminSecret, databaseUrl, dataDir, metadataFile, corsDomain, maxConnections,
                DEFAULT_ASYNC_ACTIONS_CONCURRENCY);
    }

    /**
     * `JOINERY_ACTION_JOIN_CONCURRENCY` (default 16): handler calls in flight at once per level of
     * `to_action` relationships (SPEC §12).
     */
    public int actionJoinConcurrency() {
        return Environment.of(env).integer("JOINERY_ACTION_JOIN_CONCURRENCY",
                ActionJoinExecutor.DEFAULT_CONCURRENCY);
    }

    /** The hard guards on GraphQL documents (SPEC §11.2): `JOINERY_GRAPHQL_MAX_*`. */
    public DocumentLimits documentLimits() {
        return DocumentLimits.fromEnvironment(Environment.of(env));
    }

    public static ChildConfig fromEnvironment(Map<String, String> env) {
        Environment settings = Environment.of(env);
        AuthConfig auth = AuthConfig.fromEnvironment(settings);
        return new ChildConfig(
                settings.integer("JOINERY_PORT", 8081),
                FrontDoorConfig.host(settings.get("JOINERY_HOST"), auth),
                auth,
                settings.get("JOINERY_DATABASE_URL"),
                Path.of(settings.get("JOINERY_DATA_DIR").orElse("./joinery-data")),
                settings.get("JOINERY_METADATA").map(Path::of),
                Cors.parse(settings.get("JOINERY_CORS_DOMAIN").orElse("*"),
                        settings.get("JOINERY_CORS_ALLOWED_HEADERS").orElse(null)),
                settings.integer("JOINERY_DB_POOL_SIZE", 20),
                settings.integer("JOINERY_ASYNC_ACTIONS_CONCURRENCY", DEFAULT_ASYNC_ACTIONS_CONCURRENCY),
                UpstreamSettings.fromEnv(name -> settings.get(name).orElse(null)),
                env::get,
                ConsoleRoute.isEnabled(env::get),
                ReplicaSettings.fromEnvironment(settings));
    }

    public ChildConfig withReplicas(ReplicaSettings next) {
        return new ChildConfig(port, host, auth, databaseUrl, dataDir, metadataFile, cors, maxConnections,
                asyncActionsConcurrency, upstream, env, consoleEnabled, next);
    }
}
