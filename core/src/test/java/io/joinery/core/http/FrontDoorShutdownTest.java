package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;

/**
 * Stopping a server (SIGTERM, or a test closing its server): requests in flight are answered, and
 * idle keep-alive connections are closed, so no client is left talking to a server that is gone
 * (a pooled connection to a stopped server once made a later test on a reused port hang).
 */
class FrontDoorShutdownTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final String REQUEST = "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 2\r\n\r\n{}";

    private final CountDownLatch entered = new CountDownLatch(1);

    private DisposableServer start() {
        List<Route> routes = List.of(Route.api("/slow", (body, session) -> {
            entered.countDown();
            return Mono.<com.fasterxml.jackson.databind.JsonNode>just(Json.object().put("done", true))
                    .delayElement(Duration.ofMillis(500));
        }));
        return FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")),
                SessionResolver.create(AuthConfig.open(), HttpClient.create(), Clock.systemUTC()), routes);
    }

    @Test
    void requestInFlight_isAnsweredBeforeTheServerStops() throws Exception {
        DisposableServer server = start();
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.write(REQUEST);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.disposeNow(Duration.ofSeconds(10)));

            RawHttp.Response answer = assertTimeoutPreemptively(HANG_GUARD, raw::read);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"done\":true}");
            stopping.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void idleKeepAliveConnection_isClosedWhenTheServerStops() {
        DisposableServer server = start();
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.write(REQUEST);
            assertThat(raw.read().status()).isEqualTo(200);

            server.disposeNow(Duration.ofSeconds(10));

            assertThat(assertTimeoutPreemptively(HANG_GUARD, raw::readUntilClosed)).isEmpty();
        }
    }
}
