package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import io.joinery.core.upstream.KeepAliveCloser;
import io.joinery.core.upstream.UpstreamSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Issue 11, item 6: an action handler that closes idle keep-alive connections, as Node and Express
 * do after 5 s; here after 200 ms, the close reaching the child up to 1 s late. A handler call is
 * never sent twice once written (it may have side effects), so what keeps it from failing is the
 * child's idle lifetime, configured shorter than the handler's keep-alive as in production (4 s
 * against 5 s; here 100 ms against 200 ms). Calls come in rounds spaced 180-220 ms apart: none
 * fails, and the handler sees each call exactly once.
 */
class ActionHandlerKeepAliveRegression11Test {
    private static final int ROUNDS = 60;
    private static final int CALLS_PER_ROUND = 5;

    private final KeepAliveCloser closer = new KeepAliveCloser(Duration.ofMillis(200), Duration.ofSeconds(1));
    private final List<Integer> handled = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private DisposableServer handler;
    private ChildTestServer child;

    @BeforeEach
    void start() {
        handler = HttpServer.create().host("127.0.0.1").port(0)
                .doOnConnection(closer::install)
                .handle((request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8)
                        .flatMap(body -> {
                            int n = Json.parseBody(body).path("input").path("n").asInt();
                            handled.add(n);
                            return response.header("Content-Type", "application/json")
                                    .sendString(Mono.just("{\"order_id\": " + n + "}")).then();
                        }))
                .bindNow();
        child = new ChildTestServer(TestDatabase.fresh(), new UpstreamSettings(Duration.ofMillis(100)));
        TestHttp.Response setup = child.http.metadata("""
                {"type": "bulk", "args": [
                  {"type": "set_custom_types", "args": {
                     "objects": [{"name": "PlaceResult", "fields": [{"name": "order_id", "type": "Int!"}]}]}},
                  {"type": "create_action", "args": {"name": "place", "definition": {
                     "handler": "http://127.0.0.1:%d/place", "output_type": "PlaceResult",
                     "arguments": [{"name": "n", "type": "Int!"}]}}}
                ]}""".formatted(handler.port()));
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        child.close();
        handler.disposeNow();
    }

    @Test
    void handlerClosingIdleConnections_actionCallsNeverFail() {
        Random random = new Random(11);
        Flux.range(0, ROUNDS)
                .concatMap(round -> Mono.delay(Duration.ofMillis(180 + random.nextInt(41)))
                        .then(Flux.range(round * CALLS_PER_ROUND, CALLS_PER_ROUND)
                                .flatMap(n -> Mono.fromRunnable(() -> place(n)).subscribeOn(Schedulers.boundedElastic()),
                                        CALLS_PER_ROUND)
                                .then()))
                .blockLast(Duration.ofMinutes(5));

        assertThat(failures).as("failed calls out of %d", ROUNDS * CALLS_PER_ROUND).isEmpty();
        assertThat(handled).hasSize(ROUNDS * CALLS_PER_ROUND).doesNotHaveDuplicates();
    }

    private void place(int n) {
        TestHttp.Response response = child.http.graphql("mutation { place(n: " + n + ") { order_id } }", null, Map.of());
        JsonNode json = response.json();
        if (response.status() != 200 || json.has("errors") || json.path("data").path("place").path("order_id").asInt() != n) {
            failures.add("call " + n + ": " + response.body());
        }
    }
}
