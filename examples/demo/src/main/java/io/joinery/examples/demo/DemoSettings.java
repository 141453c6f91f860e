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
