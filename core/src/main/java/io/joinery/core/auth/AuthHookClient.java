package io.joinery.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.http.JoineryVersion;
import io.joinery.core.json.Json;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Calls the authentication webhook over a non-blocking Reactor Netty client (SPEC §9 step 3) and
 * reports what came back. Any HTTP status is an answer; only a transport failure or the hook's
 * timeout makes the Mono fail (with the underlying exception), so no call outlives the timeout.
 * <pre>
 * GET  hook   headers: the client's, minus hop-by-hop ones and the admin secret
 * POST hook   {"headers": {"authorization": "…", …}, "request": &lt;the GraphQL request body as the client sent it&gt;}
 * </pre>
 */
public final class AuthHookClient {
    /** Headers that describe one HTTP hop or the client's own body, never the user; plus the secrets. */
    static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade",
            "host", "content-length", "content-type", "expect", "http2-settings",
            "x-hasura-admin-secret", "x-hasura-access-key");

    /**
     * What is sent: the forwarded headers and, in POST mode, the GraphQL request body exactly as the
     * client sent it (an object, a batch array, or even an invalid request: the hook still decides).
     */
    public record HookRequest(List<Map.Entry<String, String>> headers, Optional<JsonNode> request) {
        public HookRequest {
            headers = List.copyOf(headers);
        }

        /** The client's headers that the hook gets. */
        public static HookRequest of(RequestHeaders client, Optional<JsonNode> request) {
            List<Map.Entry<String, String>> forwarded = new ArrayList<>();
            for (Map.Entry<String, String> header : client.entries()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    forwarded.add(Map.entry(header.getKey(), header.getValue()));
                }
            }
            return new HookRequest(forwarded, request);
        }

        /** The POST body: headers by lower-cased name (repeated ones joined by ", "), then the request. */
        ObjectNode postBody() {
            ObjectNode body = Json.object();
            ObjectNode headerObject = body.putObject("headers");
            for (Map.Entry<String, String> header : headers) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                String previous = headerObject.has(name) ? headerObject.get(name).asText() + ", " : "";
                headerObject.put(name, previous + header.getValue());
            }
            body.set("request", request.orElse(null));
            return body;
        }
    }

    /** The hook's answer: status, body text, the caching headers it sent, and its `Set-Cookie` values. */
    public record HookAnswer(int status, String body, Optional<String> cacheControl, Optional<String> expires,
                             List<String> setCookies) {
        public HookAnswer {
            setCookies = List.copyOf(setCookies);
        }
    }

    private final AuthHook hook;
    private final HttpClient http;

    public AuthHookClient(AuthHook hook, HttpClient http) {
        this.hook = hook;
        this.http = http;
    }

    public AuthHook hook() {
        return hook;
    }

    public Mono<HookAnswer> call(HookRequest request) {
        return Mono.defer(() -> {
            HttpClient client = http.responseTimeout(hook.timeout());
            Mono<HookAnswer> exchange;
            if (hook.mode() == AuthHook.Mode.GET) {
                exchange = client.headers(h -> {
                            request.headers().forEach(e -> h.add(e.getKey(), e.getValue()));
                            if (!h.contains("User-Agent")) {
                                h.set("User-Agent", JoineryVersion.userAgent());
                            }
                        })
                        .get()
                        .uri(hook.url())
                        .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                                .defaultIfEmpty("")
                                .map(text -> answer(response.status().code(), text, response.responseHeaders())));
            } else {
                byte[] body = Json.write(request.postBody()).getBytes(StandardCharsets.UTF_8);
                exchange = client.headers(h -> {
                            h.set("Content-Type", "application/json");
                            h.set("User-Agent", JoineryVersion.userAgent());
                            h.set("Content-Length", body.length);
                        })
                        .post()
                        .uri(hook.url())
                        .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                        .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                                .defaultIfEmpty("")
                                .map(text -> answer(response.status().code(), text, response.responseHeaders())));
            }
            // also on the exchange: a hook that accepts the connection and never answers still ends
            return exchange.timeout(hook.timeout());
        });
    }

    private static HookAnswer answer(int status, String body, io.netty.handler.codec.http.HttpHeaders headers) {
        return new HookAnswer(status, body, Optional.ofNullable(headers.get("Cache-Control")),
                Optional.ofNullable(headers.get("Expires")), headers.getAll("Set-Cookie"));
    }
}
