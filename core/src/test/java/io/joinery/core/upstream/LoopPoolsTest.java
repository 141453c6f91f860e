package io.joinery.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.http.ServerLoops;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpResources;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A call made on one of the servers' event loops stays on that loop: its connection is that
 * loop's, its answer and its timeout come on that loop (issue 16: no hand-off between threads).
 */
class LoopPoolsTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final Sinks.Empty<Void> release = Sinks.empty();
    private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes
                    .post("/small", (request, response) -> request.receive().then(
                            response.header("Content-Type", "application/json").sendString(Mono.just("{\"ok\":true}"))
                                    .then()))
                    .post("/held", (request, response) -> request.receive().then(release.asMono())
                            .then(response.sendString(Mono.just("{}")).then())))
            .bindNow();
    private final UpstreamClient client = UpstreamClient.pooled("loops", 8, false, UpstreamSettings.DEFAULTS);

    @AfterEach
    void stop() {
        release.tryEmitEmpty();
        client.dispose();
        server.disposeNow();
    }

    private static List<EventLoop> loops() {
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : HttpResources.get().onClient(LoopResources.hasNativeSupport())) {
            loops.add((EventLoop) executor);
        }
        return loops;
    }

    private UpstreamRequest request(String path, Duration timeout) {
        return new UpstreamRequest(URI.create("http://127.0.0.1:" + server.port() + path),
                List.of(Map.entry("Content-Type", "application/json")), "{}", timeout, Idempotency.IDEMPOTENT);
    }

    /** Posts from {@code loop}; the thread the answer (or failure) came on, and what it was. */
    private record Outcome(Thread thread, Object value) {}

    private Outcome postFrom(EventLoop loop, String path, Duration timeout) throws Exception {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        loop.execute(() -> client.post(request(path, timeout)).subscribe(
                response -> outcome.complete(new Outcome(Thread.currentThread(), response.body())),
                error -> outcome.complete(new Outcome(Thread.currentThread(), error))));
        return outcome.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    }

    private static Thread threadOf(EventLoop loop) throws Exception {
        return loop.submit(Thread::currentThread).get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void theCurrentLoop_isKnownOnALoopOnly() throws Exception {
        EventLoop loop = loops().get(0);

        assertThat(ServerLoops.current()).isEmpty();
        assertThat(loop.submit(() -> ServerLoops.current().map(ServerLoops.Loop::eventLoop).orElse(null))
                .get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isSameAs(loop);
        assertThat(ServerLoops.count()).isEqualTo(loops().size());
    }

    @Test
    void aCallFromALoop_isAnsweredOnThatLoop_evenWhenAnotherLoopHasAnIdleConnection() throws Exception {
        List<EventLoop> loops = loops();
        assertThat(loops).hasSizeGreaterThan(1);
        // loop 0 leaves an idle connection in the pool; one pool for all would lend it to loop 1
        assertThat(postFrom(loops.get(0), "/small", HANG_GUARD).value()).isEqualTo("{\"ok\":true}");
        Thread.sleep(200); // the connection back in its pool

        Outcome second = postFrom(loops.get(1), "/small", HANG_GUARD);

        assertThat(second.value()).isEqualTo("{\"ok\":true}");
        assertThat(second.thread()).isSameAs(threadOf(loops.get(1)));
    }

    @Test
    void aCallFromALoop_timesOutOnThatLoop() throws Exception {
        EventLoop loop = loops().get(0);

        Outcome outcome = postFrom(loop, "/held", Duration.ofMillis(200));

        assertThat(outcome.value()).isInstanceOf(TimeoutException.class);
        assertThat(((Throwable) outcome.value()).getMessage()).contains("/held").contains("200 ms");
        assertThat(outcome.thread()).isSameAs(threadOf(loop));
    }

    @Test
    void aCallFromAnyOtherThread_isAnsweredToo() {
        assertThat(client.post(request("/small", HANG_GUARD)).block(HANG_GUARD).body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void theLimitsAreTotals_splitOverTheLoopsAndTheOtherThreads() {
        int pools = ServerLoops.count() + 1;
        LoopPools split = new LoopPools("split", 500, 1000, Duration.ofSeconds(4), false);
        try {
            assertThat(split.maxConnectionsPerPool()).isEqualTo((500 + pools - 1) / pools);
            assertThat(split.maxConnectionsPerPool() * pools).isBetween(500, 500 + pools - 1);
        } finally {
            split.dispose();
        }
        LoopPools one = new LoopPools("one", 1, 1, Duration.ofSeconds(4), false);
        try {
            assertThat(one.maxConnectionsPerPool()).isEqualTo(1);
        } finally {
            one.dispose();
        }
    }
}
