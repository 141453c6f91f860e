package io.joinery.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.http.ConsoleRoute;
import io.joinery.core.json.Json;
import io.joinery.gateway.Gateway;
import io.joinery.gateway.GatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import reactor.netty.http.client.HttpClient;

/**
 * A real gateway on 127.0.0.1, port 0, with a metadata file in a temp directory and a private
 * environment map; plus a blocking HTTP client for the test thread.
 */
public final class GatewayHarness implements AutoCloseable {
    public record Reply(int status, String body, Map<String, String> headers) {
        public JsonNode json() {
            return Json.parseBody(body);
        }
    }

    private final Path directory;
    private final Map<String, String> env;
    private final Optional<String> adminSecret;
    private Gateway gateway;
    private boolean readOnly;
    // no keep-alive: a pooled connection could outlive the gateway it was opened to, and a new
    // gateway on a reused port would then be talked to through a dead server's connection
    private final HttpClient client = HttpClient.newConnection().keepAlive(false)
            .responseTimeout(Duration.ofSeconds(20));

    private GatewayHarness(Path directory, Map<String, String> env, Optional<String> adminSecret) {
        this.directory = directory;
        this.env = env;
        this.adminSecret = adminSecret;
    }

    public static GatewayHarness start(Path directory) {
        return start(directory, Map.of(), Optional.empty());
    }

    public static GatewayHarness start(Path directory, Map<String, String> env, Optional<String> adminSecret) {
        TestBlockHound.install();
        GatewayHarness harness = new GatewayHarness(directory, new HashMap<>(env), adminSecret);
        harness.restart();
        return harness;
    }

    public Path metadataFile() {
        return directory.resolve("metadata.json");
    }

    public Gateway gateway() {
        return gateway;
    }

    /** Restarts treating the metadata file as read-only (as a ConfigMap mount is). */
    public void restartReadOnly() {
        readOnly = true;
        restart();
    }

    /** Stops (if running) and starts again on the same metadata file. */
    public void restart() {
        if (gateway != null) {
            gateway.close();
        }
        GatewayConfig config = new GatewayConfig("127.0.0.1", 0, adminSecret, metadataFile(), null,
                Duration.ofMillis(50), Duration.ofMillis(400), env::get, ConsoleRoute.isEnabled(env::get));
        gateway = readOnly ? Gateway.start(config, io.joinery.gateway.metadata.MetadataFile.readOnly(metadataFile()))
                : Gateway.start(config);
    }

    public static void writeMetadata(Path file, String json) {
        try {
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply post(String path, String body, Map<String, String> headers) {
        return client.headers(h -> {
                    h.set("Content-Type", "application/json");
                    headers.forEach(h::set);
                })
                .post().uri("http://127.0.0.1:" + gateway.port() + path)
                .send(reactor.netty.ByteBufFlux.fromString(reactor.core.publisher.Mono.just(body)))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new Reply(response.status().code(), text, headers(response.responseHeaders()))))
                .block(Duration.ofSeconds(30));
    }

    public Reply get(String path) {
        return client.get().uri("http://127.0.0.1:" + gateway.port() + path)
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new Reply(response.status().code(), text, headers(response.responseHeaders()))))
                .block(Duration.ofSeconds(30));
    }

    /** Response headers by lower-case name; repeated ones joined by a newline. */
    private static Map<String, String> headers(io.netty.handler.codec.http.HttpHeaders headers) {
        Map<String, String> out = new HashMap<>();
        headers.forEach(h -> out.merge(h.getKey().toLowerCase(), h.getValue(), (a, b) -> a + "\n" + b));
        return out;
    }

    /** POSTs a metadata command; returns the reply. */
    public Reply metadata(String json) {
        return post("/v1/metadata", json, Map.of());
    }

    /** POSTs a metadata command that must succeed; returns its body. */
    public JsonNode metadataOk(String json) {
        Reply reply = metadata(json);
        if (reply.status() != 200) {
            throw new AssertionError("metadata call failed: " + reply.status() + " " + reply.body());
        }
        return reply.json();
    }

    public JsonNode graphql(String query) {
        return graphql(query, null, Map.of());
    }

    public JsonNode graphql(String query, ObjectNode variables, Map<String, String> headers) {
        ObjectNode body = Json.object();
        body.put("query", query);
        if (variables != null) {
            body.set("variables", variables);
        }
        Reply reply = post("/v1/graphql", Json.write(body), headers);
        if (reply.status() != 200) {
            throw new AssertionError("/v1/graphql answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    /** `add_remote_schema` for an upstream, with optional extra definition keys (JSON object text). */
    public static String addRemote(String name, String url, String extraDefinition) {
        return "{\"type\":\"add_remote_schema\",\"args\":{\"name\":\"" + name + "\",\"definition\":{\"url\":\""
                + url + "\"" + (extraDefinition == null || extraDefinition.isEmpty() ? "" : "," + extraDefinition)
                + "}}}";
    }

    /** Polls (every 20 ms, up to {@code timeout}) until {@code condition} holds. */
    public static void await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Stops the gateway and fails if BlockHound saw a blocking call on a non-blocking thread. */
    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        List<String> violations = TestBlockHound.drainViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError("blocking calls on non-blocking threads: " + violations);
        }
    }
}
