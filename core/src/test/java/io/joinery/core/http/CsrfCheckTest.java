package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.json.Json;
import io.netty.handler.codec.http.HttpMethod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * SPEC §9.2: a POST a cross-site page could send without a preflight (a simple content type, or
 * none, and no Authorization / X-Hasura-* header) is refused with 400 before anything runs, on an
 * open development server too.
 */
class CsrfCheckTest {
    private final AtomicInteger ran = new AtomicInteger();
    private DisposableServer server;
    private TestHttp http;

    @BeforeEach
    void start() {
        server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")),
                SessionResolver.create(AuthConfig.open()), List.of(
                        Route.graphql("/v1/graphql", (request, session, call) -> {
                            ran.incrementAndGet();
                            return Mono.just(GraphqlAnswer.of("{\"data\":{}}"));
                        }),
                        Route.api("/v2/query", (body, session) -> {
                            ran.incrementAndGet();
                            return Mono.just(Json.object().put("result_type", "CommandOk"));
                        })));
        http = new TestHttp(server.port());
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    private TestHttp.Response post(String path, String contentType, String... headers) {
        Map<String, String> all = new HashMap<>();
        if (contentType != null) {
            all.put("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        return http.send(HttpMethod.POST, path, all, "{\"query\":\"{ q }\",\"type\":\"run_sql\",\"args\":{}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
            "Multipart/Form-Data; boundary=x"})
    void simpleContentType_isRefusedWith400_andNothingRuns(String contentType) {
        TestHttp.Response api = post("/v2/query", contentType);
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.json().get("code").asText()).isEqualTo("invalid-headers");
        assertThat(api.json().get("error").asText()).startsWith("send Content-Type: application/json");

        TestHttp.Response graphql = post("/v1/graphql", contentType);
        assertThat(graphql.status()).isEqualTo(400);
        JsonNode error = graphql.json().get("errors").get(0);
        assertThat(error.get("message").asText()).startsWith("send Content-Type: application/json");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("invalid-headers");
        assertThat(ran).hasValue(0);
    }

    @Test
    void missingContentType_isRefused() {
        TestHttp.Response missing = post("/v2/query", null);

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).contains("no Content-Type");
        assertThat(ran).hasValue(0);
    }

    @Test
    void json_orAPreflightedHeader_isServed() {
        assertThat(post("/v2/query", "application/json").status()).isEqualTo(200);
        assertThat(post("/v2/query", "application/json; charset=utf-8").status()).isEqualTo(200);
        assertThat(post("/v1/graphql", "application/graphql+json").status()).isEqualTo(200);
        assertThat(post("/v2/query", "text/plain", "Authorization", "Bearer x").status()).isEqualTo(200);
        assertThat(post("/v2/query", null, "X-Hasura-Role", "admin").status()).isEqualTo(200);
        assertThat(post("/v1/graphql", "text/plain", "x-hasura-admin-secret", "s").status()).isEqualTo(200);
        assertThat(ran).hasValue(6);
    }
}
