package io.joinery.examples.demo;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the demo's pieces are and which ports they use. Paths are relative to the repository root
 * (the `./joinery-demo` script runs the launcher from there).
 *
 * @param root        the repository root
 * @param gatewayPort `JOINERY_DEMO_GATEWAY_PORT`, default 8080
 * @param childPort   `JOINERY_DEMO_CHILD_PORT`, default 8081
 * @param handlerPort `JOINERY_DEMO_HANDLER_PORT`, default 3000
 */
public record DemoSettings(Path root, int gatewayPort, int childPort, int handlerPort) {
    /** The child's admin secret; the handler and the gateway send it (the gateway via `value_from_env`). */
    public static final String ADMIN_SECRET = "demo-admin-secret";
    /** The gateway's own admin secret: for its metadata API, and for admin queries through it. */
    public static final String GATEWAY_ADMIN_SECRET = "demo-gateway-secret";
    /**
     * The documented demo key of the gateway's JWT mode (HS256). Anyone who reads this can sign
     * tokens: it is for the demo only, never for a real deployment.
     */
    public static final String JWT_KEY = "joinery-demo-jwt-key-not-a-secret-never-use-in-production";
    /** `JOINERY_JWT_SECRET` of the demo gateway. */
    public static final String JWT_SECRET = "{\"type\": \"HS256\", \"key\": \"" + JWT_KEY + "\"}";
    /**
     * A token signed with {@link #JWT_KEY}, for role `user` with `x-hasura-user-id` 1, without expiry:
     * <pre>
     * {"sub": "demo-user", "iat": 1735689600, "https://hasura.io/jwt/claims": {
     *   "x-hasura-allowed-roles": ["user"], "x-hasura-default-role": "user", "x-hasura-user-id": "1"}}
     * </pre>
     * (DemoStackIntegrationTest checks that the gateway accepts it and that the README shows it.)
     */
    public static final String DEMO_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
            + "eyJzdWIiOiJkZW1vLXVzZXIiLCJpYXQiOjE3MzU2ODk2MDAsImh0dHBzOi8vaGFzdXJhLmlvL2p3dC9jbGFpbXMiOnsieC1oYXN1cmEt"
            + "YWxsb3dlZC1yb2xlcyI6WyJ1c2VyIl0sIngtaGFzdXJhLWRlZmF1bHQtcm9sZSI6InVzZXIiLCJ4LWhhc3VyYS11c2VyLWlkIjoiMSJ9fQ."
            + "zIZwhrnHh6ZFEdFE45cpzcmDLXaSwKvsCU2zh_ptaAc";
    /**
     * The same for `x-hasura-user-id` 2 (`"sub": "demo-user-2"`): a second user, to show that each
     * sees only its own rows (the `user` role's select permissions in child-metadata.json).
     */
    public static final String DEMO_TOKEN_2 = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
            + "eyJzdWIiOiJkZW1vLXVzZXItMiIsImlhdCI6MTczNTY4OTYwMCwiaHR0cHM6Ly9oYXN1cmEuaW8vand0L2NsYWltcyI6eyJ4LWhhc3Vy"
            + "YS1hbGxvd2VkLXJvbGVzIjpbInVzZXIiXSwieC1oYXN1cmEtZGVmYXVsdC1yb2xlIjoidXNlciIsIngtaGFzdXJhLXVzZXItaWQiOiIyIn19."
            + "CVSQ0eulF0IORUi5u-zAHSfGXGC4inU-n_XI_DsXgiI";
    public static final String HOST = "127.0.0.1";

    public static DemoSettings fromEnvironment(Path root, Map<String, String> env) {
        return new DemoSettings(root.toAbsolutePath().normalize(),
                port(env, "JOINERY_DEMO_GATEWAY_PORT", 8080),
                port(env, "JOINERY_DEMO_CHILD_PORT", 8081),
                port(env, "JOINERY_DEMO_HANDLER_PORT", 3000));
    }

    public Path dataDir() {
        return root.resolve("demo-data");
    }

    public Path logDir() {
        return dataDir().resolve("logs");
    }

    public Path content(String name) {
        return root.resolve("examples/demo").resolve(name);
    }

    public Path childJar() {
        return root.resolve("child/target/joinery-child.jar");
    }

    public Path handlerJar() {
        return root.resolve("examples/action-handler/target/joinery-action-handler.jar");
    }

    public Path gatewayJar() {
        return root.resolve("gateway/target/joinery-gateway.jar");
    }

    public String url(int port) {
        return "http://localhost:" + port;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new DemoFailure(name + " must be a port number, got \"" + value + "\"");
        }
    }
}
