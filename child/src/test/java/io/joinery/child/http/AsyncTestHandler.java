package io.joinery.child.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An in-test action handler for asynchronous actions (non-blocking Reactor Netty): `/double`
 * answers `{"n", "doubled", "author_id"}` for input `n` after {@code delay}, while recording every
 * body, the calls per `n`, and the most calls it ever had in flight at once. `/gate` answers the
 * same once {@link #openGate} is called; `/fail` answers 400 `out of stock`; `/hang` never answers.
 */
final class AsyncTestHandler implements AutoCloseable {
    final DisposableServer server;
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    final Map<Integer, AtomicInteger> callsPerN = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();
    private final AtomicReference<Sinks.One<Boolean>> gate = new AtomicReference<>(Sinks.one());
    /** Its own timer thread: the shared Reactor timers are not what the tests are about. */
    private final Scheduler timer = Schedulers.fromExecutorService(Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "async-test-handler-timer");
        thread.setDaemon(true);
        return thread;
    }));
    /** How long `/double` takes; tests shorten it once the calls they interrupt have started. */
    volatile Duration delay;

    AsyncTestHandler(Duration delay) {
        this.delay = delay;
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .post("/double", (request, response) -> request.receive().aggregate()
                                .asString(StandardCharsets.UTF_8)
                                .flatMap(body -> answer(body, Mono.defer(() -> Mono.delay(this.delay, timer)).then()))
                                .flatMap(json -> response.header("Content-Type", "application/json")
                                        .sendString(Mono.just(json)).then()))
                        .post("/gate", (request, response) -> request.receive().aggregate()
                                .asString(StandardCharsets.UTF_8)
                                .flatMap(body -> answer(body, gate.get().asMono().then()))
                                .flatMap(json -> response.header("Content-Type", "application/json")
                                        .sendString(Mono.just(json)).then()))
                        .post("/fail", (request, response) -> request.receive().aggregate()
                                .asString(StandardCharsets.UTF_8)
                                .doOnNext(body -> bodies.add(Json.parseBody(body)))
                                .then(response.status(400).header("Content-Type", "application/json")
                                        .sendString(Mono.just("{\"message\": \"out of stock\", \"code\": \"no-stock\"}"))
                                        .then()))
                        .post("/hang", (request, response) -> request.receive().aggregate()
                                .asString(StandardCharsets.UTF_8)
                                .doOnNext(body -> bodies.add(Json.parseBody(body)))
                                .then(Mono.never())))
                .bindNow();
    }

    private Mono<String> answer(String body, Mono<Void> wait) {
        JsonNode parsed = Json.parseBody(body);
        bodies.add(parsed);
        int n = parsed.at("/input/n").asInt();
        callsPerN.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
        started.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        // a call leaves the count when its answer is made, before it is written: the client may read it
        // and send the next call before a doFinally after the write has run (counted as 5 of 4 once)
        AtomicBoolean left = new AtomicBoolean();
        Runnable leave = () -> {
            if (left.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
        return wait.then(Mono.fromSupplier(() -> {
            leave.run();
            String authorId = n % 2 == 0 ? "1" : "null";
            return "{\"n\": " + n + ", \"doubled\": " + (2 * n) + ", \"author_id\": " + authorId + "}";
        })).doFinally(signal -> leave.run());
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    void openGate() {
        gate.get().tryEmitValue(Boolean.TRUE);
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        timer.dispose();
    }
}
