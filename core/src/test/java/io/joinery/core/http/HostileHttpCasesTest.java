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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;

/**
 * Issue 15: requests the HTTP decoder cannot read, sent as raw bytes. Each is answered 400 in the API
 * error shape (Reactor Netty's own answer has no body) and its connection closed, before any route
 * runs; a query string with a malformed escape is no failure of ours. The server answers a normal
 * request right after. Time bounds are hang guards only.
 */
class HostileHttpCasesTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final String MALFORMED =
            "{\"path\":\"$\",\"error\":\"the request is not valid HTTP/1.1\",\"code\":\"validation-failed\"}";
    private static final String QUERY = "{\"query\":\"hello\"}";

    private final AtomicInteger executed = new AtomicInteger();
    private DisposableServer server;

    @BeforeEach
    void start() {
        GraphqlHandler graphql = (request, session, call) -> {
            executed.incrementAndGet();
            return Mono.just(GraphqlAnswer.of("{\"data\":{\"q\":" + Json.write(request.query()) + "}}"));
        };
        server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")),
                SessionResolver.create(AuthConfig.adminSecretOnly("s3cret"), HttpClient.create(), Clock.systemUTC()),
                List.of(Route.graphql("/graphql", graphql),
                        Route.get("/hello", call -> Mono.just(HttpAnswer.text(200, "hi " + call.queryParam("name"))))));
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    private void stillAnswersANormalRequest() {
        TestHttp.Response ok = new TestHttp(server.port()).post("/graphql", QUERY, Map.of("X-Hasura-Admin-Secret", "s3cret"));
        assertThat(ok.json()).isEqualTo(Json.parseBody("{\"data\":{\"q\":\"hello\"}}"));
    }

    private static String post(String extraHeaders, String body) {
        return "POST /graphql HTTP/1.1\r\nHost: x\r\nX-Hasura-Admin-Secret: s3cret\r\nContent-Type: application/json\r\n"
                + extraHeaders + "\r\n" + body;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "duplicate Content-Length",
        "Content-Length beside chunked",
        "Content-Length not a number",
        "negative Content-Length",
        "bad chunk size",
        "header line without colon",
        "header name with a space",
        "NUL in a header value",
        "garbage request line",
        "request line without version",
        "TLS handshake"})
    void requestTheDecoderCannotRead_is400InTheApiShape_andClosed(String which) {
        String request = switch (which) {
            case "duplicate Content-Length" -> post("Content-Length: 5\r\nContent-Length: 17\r\n", QUERY);
            case "Content-Length beside chunked" ->
                    post("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", "11\r\n" + QUERY + "\r\n0\r\n\r\n");
            case "Content-Length not a number" -> post("Content-Length: abc\r\n", QUERY);
            case "negative Content-Length" -> post("Content-Length: -5\r\n", QUERY);
            case "bad chunk size" -> post("Transfer-Encoding: chunked\r\n", "zz\r\nabc\r\n0\r\n\r\n");
            case "header line without colon" -> post("this line has no colon\r\nContent-Length: 17\r\n", QUERY);
            case "header name with a space" -> post("X-Bad Name : v\r\nContent-Length: 17\r\n", QUERY);
            case "NUL in a header value" -> post("X-Hasura-Role: us\0er\r\nContent-Length: 17\r\n", QUERY);
            case "garbage request line" -> "GARBAGE\r\n\r\n";
            case "request line without version" -> "GET /hello\r\n\r\n";
            case "TLS handshake" -> "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003" + "\0".repeat(160);
            default -> throw new IllegalArgumentException(which);
        };
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

            RawHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD, raw::read);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.head().toLowerCase()).contains("connection: close")
                    .contains("content-type: application/json");
            assertThat(refused.body()).isEqualTo(MALFORMED);
            assertThat(assertTimeoutPreemptively(HANG_GUARD, raw::readUntilClosed)).isEmpty();
        }
        assertThat(executed).hasValue(0);
        stillAnswersANormalRequest();
    }

    @Test
    void badChunkAfterTheHeadersArrived_is400InTheApiShape_andClosed() {
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.write(post("Transfer-Encoding: chunked\r\n", ""));
            raw.write("5\r\n{\"que\r\n");
            raw.write("zz\r\nabc\r\n0\r\n\r\n");

            RawHttp.Response refused = assertTimeoutPreemptively(HANG_GUARD, raw::read);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo(MALFORMED);
            assertThat(assertTimeoutPreemptively(HANG_GUARD, raw::readUntilClosed)).isEmpty();
        }
        assertThat(executed).hasValue(0);
        stillAnswersANormalRequest();
    }

    @Test
    void queryStringWithAMalformedEscape_isTakenAsSent() {
        TestHttp http = new TestHttp(server.port());

        TestHttp.Response answer = http.get("/hello?name=%zz");
        TestHttp.Response lonePercent = http.get("/hello?name=100%");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("hi %zz");
        assertThat(lonePercent.body()).isEqualTo("hi 100%");
        assertThat(http.get("/hello?name=a%20b").body()).isEqualTo("hi a b");
        stillAnswersANormalRequest();
    }
}
