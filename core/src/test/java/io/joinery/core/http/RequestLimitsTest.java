package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;

/**
 * The front door's hard guards on how requests arrive (SPEC §11.2): body and header size, the read
 * deadline and the idle keep-alive timeout. Every refusal is followed by a normal request on a new
 * connection, which must be answered. Time bounds here are hang guards, not performance assertions.
 */
class RequestLimitsTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final String ECHO = "{\"text\":\"hello\"}";

    private final AtomicInteger routeRuns = new AtomicInteger();
    private final List<Route> routes = List.of(Route.api("/echo", (body, session) -> {
        routeRuns.incrementAndGet();
        return Mono.just(Json.object().put("size", body.path("text").asText().length()));
    }));
    private DisposableServer server;

    private int start(HardLimits limits) {
        server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")).withLimits(limits),
                SessionResolver.create(AuthConfig.adminSecretOnly("secret"), HttpClient.create(), Clock.systemUTC()),
                routes);
        return server.port();
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    private void servesANormalRequest(int port) {
        TestHttp.Response ok = new TestHttp(port).post("/echo", ECHO, Map.of("x-hasura-admin-secret", "secret"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"size\":5}");
    }

    @Test
    void declaredBodyOverTheLimit_is413_beforeTheBodyIsSentOrTheSecretChecked() {
        int port = start(HardLimits.DEFAULTS.withMaxBodyBytes(1024));

        try (RawHttp raw = new RawHttp(port)) {
            // no secret, and not one byte of the announced body: the answer must not wait for either
            raw.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10000000\r\n\r\n");
            RawHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD, raw::read);

            assertThat(refused.status()).isEqualTo(413);
            assertThat(Json.parseBody(refused.body())).isEqualTo(Json.parseBody(
                    "{\"path\":\"$\",\"error\":\"request body is larger than the limit of 1024 bytes\","
                            + "\"code\":\"validation-failed\"}"));
        }
        assertThat(routeRuns).hasValue(0);
        servesANormalRequest(port);
    }

    @Test
    void chunkedBodyOverTheLimit_is413_whileItIsStillArriving() {
        int port = start(HardLimits.DEFAULTS.withMaxBodyBytes(1024));

        try (RawHttp raw = new RawHttp(port)) {
            raw.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            String chunk = "x".repeat(4096);
            raw.write(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            // the body never ends: the refusal comes from counting, not from the end of the body
            RawHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD, raw::read);

            assertThat(refused.status()).isEqualTo(413);
            assertThat(Json.parseBody(refused.body()).get("code").asText()).isEqualTo("validation-failed");
            assertThat(Json.parseBody(refused.body()).get("error").asText())
                    .isEqualTo("request body is larger than the limit of 1024 bytes");
        }
        assertThat(routeRuns).hasValue(0);
        servesANormalRequest(port);
    }

    @Test
    void defaultBodyLimit_isFourMebibytes() {
        int port = start(HardLimits.DEFAULTS);
        String body = "{\"text\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}";

        TestHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD,
                () -> new TestHttp(port).post("/echo", body, Map.of("x-hasura-admin-secret", "secret")));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().get("error").asText())
                .isEqualTo("request body is larger than the limit of 4194304 bytes");
        servesANormalRequest(port);
    }

    @Test
    void headerBlockOverTheLimit_is431WithAnApiError() {
        int port = start(HardLimits.DEFAULTS);

        try (RawHttp raw = new RawHttp(port)) {
            raw.write("POST /echo HTTP/1.1\r\nHost: x\r\nX-Padding: " + "p".repeat(70 * 1024)
                    + "\r\nContent-Length: 2\r\n\r\n{}");
            RawHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD, raw::read);

            assertThat(refused.status()).isEqualTo(431);
            assertThat(refused.head().toLowerCase()).contains("connection: close");
            assertThat(Json.parseBody(refused.body())).isEqualTo(Json.parseBody(
                    "{\"path\":\"$\",\"error\":\"the request headers are larger than the limit of 65536 bytes\","
                            + "\"code\":\"validation-failed\"}"));
        }
        assertThat(routeRuns).hasValue(0);
        servesANormalRequest(port);
    }

    @Test
    void clientThatNeverFinishesItsHeaders_isDisconnectedAfterTheReadTimeout() {
        int port = start(HardLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(60)));

        try (RawHttp raw = new RawHttp(port)) {
            raw.write("POST /echo HTTP/1.1\r\nHost: x\r\n");
            // the slow client keeps sending, just never enough: only the read deadline ends it
            Thread trickle = new Thread(() -> {
                while (raw.write("X-Slow: y\r\n")) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            trickle.start();
            String seen = assertTimeoutPreemptively(HANG_GUARD, raw::readUntilClosed);
            trickle.interrupt();

            assertThat(seen).isEmpty();
        }
        servesANormalRequest(port);
    }

    @Test
    void clientThatNeverFinishesItsBody_isDisconnectedAfterTheReadTimeout() {
        int port = start(HardLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(60)));

        try (RawHttp raw = new RawHttp(port)) {
            raw.write("POST /echo HTTP/1.1\r\nHost: x\r\nx-hasura-admin-secret: secret\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\":");
            assertTimeoutPreemptively(HANG_GUARD, raw::readUntilClosed);
        }
        assertThat(routeRuns).hasValue(0);
        servesANormalRequest(port);
    }

    @Test
    void idleKeepAliveConnection_isClosedAfterTheIdleTimeout() {
        int port = start(HardLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofSeconds(60)));

        try (RawHttp raw = new RawHttp(port)) {
            raw.write("POST /echo HTTP/1.1\r\nHost: x\r\nx-hasura-admin-secret: secret\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + ECHO.length() + "\r\n\r\n" + ECHO);
            RawHttp.Response first = raw.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.head().toLowerCase()).doesNotContain("connection: close");

            // kept alive, then idle: the server closes it
            assertThat(assertTimeoutPreemptively(HANG_GUARD, raw::readUntilClosed)).isEmpty();
        }
        servesANormalRequest(port);
    }
}
