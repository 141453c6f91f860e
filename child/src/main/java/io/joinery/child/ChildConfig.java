package io.joinery.child;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The child's configuration, read from the environment once (DESIGN's table).
 *
 * @param port             `JOINERY_PORT`, default 8081
 * @param host             `JOINERY_HOST`, default 0.0.0.0
 * @param adminSecret      `JOINERY_ADMIN_SECRET`; absent = every request is trusted (SPEC §6)
 * @param databaseUrl      `JOINERY_DATABASE_URL`; absent = embedded Postgres in {@code dataDir}
 * @param dataDir          `JOINERY_DATA_DIR`, default ./joinery-data
 * @param metadataFile     `JOINERY_METADATA`: applied at start, replacing stored metadata
 * @param corsDomain       `JOINERY_CORS_DOMAIN`, default `*`
 * @param maxConnections   `JOINERY_DB_POOL_SIZE`, default 20
 * @param asyncActionsConcurrency `JOINERY_ASYNC_ACTIONS_CONCURRENCY`: handler calls of asynchronous
 *                         actions in flight at once, default 10
 * @param env              the whole environment: how actions' `{{VAR}}` and `value_from_env` are read
 *                         (SPEC §3.2); nothing else in the child reads the environment
 */
public record ChildConfig(int port, String host, Optional<String> adminSecret, Optional<String> databaseUrl,
                          Path dataDir, Optional<Path> metadataFile, String corsDomain, int maxConnections,
                          int asyncActionsConcurrency, Function<String, String> env) {
    public static final int DEFAULT_ASYNC_ACTIONS_CONCURRENCY = 10;

    public ChildConfig {
        if (asyncActionsConcurrency < 1) {
            throw new IllegalArgumentException("JOINERY_ASYNC_ACTIONS_CONCURRENCY must be at least 1, got "
                    + asyncActionsConcurrency);
        }
    }

    /** With the default async action concurrency, and actions reading this process's environment. */
    public ChildConfig(int port, String host, Optional<String> adminSecret, Optional<String> databaseUrl,
                       Path dataDir, Optional<Path> metadataFile, String corsDomain, int maxConnections) {
        this(port, host, adminSecret, databaseUrl, dataDir, metadataFile, corsDomain, maxConnections,
                DEFAULT_ASYNC_ACTIONS_CONCURRENCY, System::getenv);
    }

    public static ChildConfig fromEnvironment(Map<String, String> env) {
        return new ChildConfig(
                intVar(env, "JOINERY_PORT", 8081),
                env.getOrDefault("JOINERY_HOST", "0.0.0.0"),
                optional(env, "JOINERY_ADMIN_SECRET"),
                optional(env, "JOINERY_DATABASE_URL"),
                Path.of(optional(env, "JOINERY_DATA_DIR").orElse("./joinery-data")),
                optional(env, "JOINERY_METADATA").map(Path::of),
                optional(env, "JOINERY_CORS_DOMAIN").orElse("*"),
                intVar(env, "JOINERY_DB_POOL_SIZE", 20),
                intVar(env, "JOINERY_ASYNC_ACTIONS_CONCURRENCY", DEFAULT_ASYNC_ACTIONS_CONCURRENCY),
                env::get);
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    private static int intVar(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got \"" + value + "\"");
        }
    }
}
