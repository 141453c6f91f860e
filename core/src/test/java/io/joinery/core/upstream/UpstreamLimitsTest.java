package io.joinery.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;

/**
 * SPEC §11.2 on outbound calls: a response body past the limit (counted after decompression) is
 * abandoned while it arrives, and a full queue for pooled connections fails at once. Time bounds
 * are hang guards only.
 */
class UpstreamLimitsTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final int LIMIT = 1024 * 1024;

    private final Sinks.Empty<Void> release = Sinks.empty();
    private final AtomicInteger held = new AtomicInteger();
    private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes
                    .post("/small", (request, response) -> request.receive().then(
                            response.header("Content-Type", "application/json").sendString(Mono.just("{\"ok\":true}"))
                                    .then()))
                    .post("/gzip-bomb", (request, response) -> request.receive().then(
                            response.header("Content-Encoding", "gzip")
                                    .sendByteArray(Mono.just(gzip(new byte[4 * LIMIT]))).then()))
                    .post("/chunked", (request, response) -> request.receive().then(
                            response.sendString(Flux.range(0, 200).map(i -> i + ":" + "y".repeat(i * 37 % 5000) + ";"))
                                    .then()))
                    .post("/endless", (request, response) -> request.receive().then(
                            response.sendString(Flux.range(0, Integer.MAX_VALUE).map(i -> "x".repeat(8192))).then()))
                    .post("/held", (request, response) -> request.receive().doOnComplete(held::incrementAndGet)
                            .then(release.asMono())
                            .then(response.sendString(Mono.just("{\"held\":true}")).then())))
            .bindNow();
    private final UpstreamClient client = UpstreamClient.pooled("limits", 1, true,
            UpstreamSettings.DEFAULTS.withMaxResponseBytes(LIMIT).withMaxPending(1));

    @AfterEach
    void stop() {
        release.tryEmitEmpty();
        client.dispose();
        server.disposeNow();
    }

    private Mono<UpstreamResponse> post(String path) {
        return client.post(new UpstreamRequest(URI.create("http://127.0.0.1:" + server.port() + path),
                List.of(Map.entry("Content-Type", "application/json")), "{}", Duration.ofSeconds(60),
                Idempotency.NON_IDEMPOTENT));
    }

    private void stillAnswersANormalCall() {
        assertThat(post("/small").block(HANG_GUARD).body()).isEqualTo("{\"ok\":true}");
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void compressedResponseLargerThanTheLimitOnceDecompressed_fails() {
        Throwable error = assertTimeoutPreemptively(HANG_GUARD, () -> catchThrowable(() -> post("/gzip-bomb").block()));

        assertThat(Exceptions.unwrap(error)).isInstanceOf(UpstreamResponseTooLarge.class)
                .hasMessage("the response is larger than the limit of 1048576 bytes");
        stillAnswersANormalCall();
    }

    @Test
    void bodyInManyChunks_underTheLimit_arrivesWhole() {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            expected.append(i).append(':').append("y".repeat(i * 37 % 5000)).append(';');
        }

        assertThat(post("/chunked").block(HANG_GUARD).body()).isEqualTo(expected.toString());
    }

    @Test
    void endlessResponse_failsOnceItPassesTheLimit() {
        Throwable error = assertTimeoutPreemptively(HANG_GUARD, () -> catchThrowable(() -> post("/endless").block()));

        assertThat(Exceptions.unwrap(error)).isInstanceOf(UpstreamResponseTooLarge.class);
        stillAnswersANormalCall();
    }

    @Test
    void fullQueueForThePool_failsAtOnce() {
        Mono<UpstreamResponse> first = post("/held").cache();
        Mono<UpstreamResponse> second = post("/held").cache();
        first.subscribe();
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            while (held.get() < 1) {
                Thread.onSpinWait();
            }
        });
        // the one connection is busy with the first call, the second waits: the queue (1) is full
        second.subscribe();

        Throwable third = assertTimeoutPreemptively(HANG_GUARD, () -> catchThrowable(() -> post("/small").block()));

        assertThat(Exceptions.unwrap(third)).isInstanceOf(PoolAcquirePendingLimitException.class);
        release.tryEmitEmpty();
        assertThat(first.block(HANG_GUARD).body()).isEqualTo("{\"held\":true}");
        assertThat(second.block(HANG_GUARD).body()).isEqualTo("{\"held\":true}");
        stillAnswersANormalCall();
    }
}
