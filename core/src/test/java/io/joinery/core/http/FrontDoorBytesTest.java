package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.json.JsonBodyParser;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;

/**
 * The front door reads bodies and writes answers as bytes: non-ASCII text arrives and leaves
 * byte-exact with a `Content-Length` in bytes, and a body that is not UTF-8 is treated as it was
 * when bodies were decoded to text first (malformed bytes read as U+FFFD, the same errors).
 */
class FrontDoorBytesTest {
    private DisposableServer server;

    /** One response: status, Content-Length as sent, body bytes as received. */
    private record Raw(int status, String contentLength, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() {
        GraphqlHandler graphql = (request, session, call) -> Mono.just(GraphqlAnswer.ofBytes(
                Json.writeBytes(Json.object().set("data", Json.object().put("q", request.query())
                        .set("v", request.variables())))));
        ApiHandler api = (body, session) -> Mono.just(Json.object().set("echo", body));
        server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")),
                SessionResolver.create(AuthConfig.open(), HttpClient.create(), Clock.systemUTC()),
                List.of(Route.graphql("/graphql", graphql), Route.api("/api", api),
                        Route.get("/text", call -> Mono.just(HttpAnswer.text(200, "Grüße 🎉")))));
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    private Raw post(String path, byte[] body) {
        return HttpClient.create()
                .headers(h -> h.set("Content-Type", "application/json"))
                .post().uri("http://127.0.0.1:" + server.port() + path)
                .send(Mono.just(Unpooled.wrappedBuffer(body)))
                .responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new Raw(response.status().code(),
                                response.responseHeaders().get("Content-Length"), bytes)))
                .block(Duration.ofSeconds(30));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nonAsciiQueryAndVariables_roundTripByteExact() {
        byte[] sent = utf8("{\"query\":\"{ zoë }\",\"variables\":{\"name\":\"日本語 🎉 \\u00e9\"}}");
        Raw answer = post("/graphql", sent);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(utf8("{\"data\":{\"q\":\"{ zoë }\",\"v\":{\"name\":\"日本語 🎉 é\"}}}"));
        assertThat(answer.contentLength()).isEqualTo(Integer.toString(answer.body().length));
    }

    @Test
    void apiBody_roundTripsByteExact() {
        Raw answer = post("/api", utf8("{\"ü\":[\"ß\",\"𝄞\"]}"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(utf8("{\"echo\":{\"ü\":[\"ß\",\"𝄞\"]}}"));
        assertThat(answer.contentLength()).isEqualTo(Integer.toString(answer.body().length));
    }

    @Test
    void textAnswer_isWrittenAsUtf8_withItsLengthInBytes() {
        byte[] body = HttpClient.create().get().uri("http://127.0.0.1:" + server.port() + "/text")
                .responseSingle((response, content) -> {
                    assertThat(response.responseHeaders().get("Content-Length")).isEqualTo("12");
                    return content.asByteArray();
                })
                .block(Duration.ofSeconds(30));
        assertThat(body).isEqualTo(utf8("Grüße 🎉"));
    }

    @Test
    void malformedUtf8_inAString_readsAsReplacementCharacter() {
        byte[] sent = HexFormat.of().parseHex("7b227175657279223a2271ff227d"); // {"query":"q<FF>"}
        Raw answer = post("/graphql", sent);
        assertThat(Json.parseBody(answer.text()).at("/data/q").asText()).isEqualTo("q\ufffd");
    }

    @Test
    void malformedUtf8_outsideAString_isTheInvalidJsonErrorOfItsText() {
        byte[] sent = HexFormat.of().parseHex("7b227175657279223aff7d"); // {"query":<FF>}
        String expected = messageOf(new String(sent, StandardCharsets.UTF_8));
        JsonNode graphql = Json.parseBody(post("/graphql", sent).text());
        assertThat(graphql.at("/errors/0/extensions/code").asText()).isEqualTo("invalid-json");
        assertThat(graphql.at("/errors/0/message").asText()).isEqualTo(expected);
        Raw api = post("/api", sent);
        assertThat(api.status()).isEqualTo(400);
        assertThat(Json.parseBody(api.text()).get("error").asText()).isEqualTo(expected);
    }

    private static String messageOf(String text) {
        try {
            JsonBodyParser.DEFAULT.parse(text);
            throw new AssertionError("parsed: " + text);
        } catch (JoineryException e) {
            return e.getMessage();
        }
    }
}
