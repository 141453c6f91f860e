package io.joinery.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/** A blocking HTTP client for tests: POST/GET against a server on 127.0.0.1. */
public final class TestHttp {
    private static final HttpClient CLIENT = HttpClient.create().responseTimeout(Duration.ofSeconds(60));

    /** A whole response. */
    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            return Json.parseBody(body);
        }
    }

    private final String base;

    public TestHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response post(String path, String body) {
        return post(path, body, Map.of());
    }

    public Response post(String path, String body, Map<String, String> headers) {
        return CLIENT.headers(h -> {
                    h.set("Content-Type", "application/json");
                    headers.forEach(h::set);
                })
                .post().uri(base + path)
                .send(ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8, io.netty.buffer.ByteBufAllocator.DEFAULT))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(), text, response.responseHeaders())))
                .block(Duration.ofSeconds(90));
    }

    public Response get(String path) {
        return get(path, Map.of());
    }

    public Response get(String path, Map<String, String> headers) {
        return CLIENT.headers(h -> headers.forEach(h::set))
                .get().uri(base + path)
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(), text, response.responseHeaders())))
                .block(Duration.ofSeconds(90));
    }

    /** Any method, with optional headers and body (null = none): for OPTIONS, wrong methods and the like. */
    public Response send(HttpMethod method, String path, Map<String, String> headers, String body) {
        return CLIENT.headers(h -> headers.forEach(h::set))
                .request(method).uri(base + path)
                .send(body == null ? Mono.empty()
                        : ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8, io.netty.buffer.ByteBufAllocator.DEFAULT))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(), text, response.responseHeaders())))
                .block(Duration.ofSeconds(90));
    }

    /** POST `{"query": ..., "variables": ...}` to /v1/graphql. */
    public Response graphql(String query, String variablesJson, Map<String, String> headers) {
        String body = "{\"query\":" + Json.write(query)
                + (variablesJson == null ? "" : ",\"variables\":" + variablesJson) + "}";
        return post("/v1/graphql", body, headers);
    }

    public Response graphql(String query) {
        return graphql(query, null, Map.of());
    }

    /** POST a metadata command to /v1/metadata. */
    public Response metadata(String body) {
        return post("/v1/metadata", body);
    }

    /** POST a run_sql to /v2/query. */
    public Response runSql(String sql) {
        return post("/v2/query", "{\"type\":\"run_sql\",\"args\":{\"sql\":" + Json.write(sql) + "}}");
    }
}
