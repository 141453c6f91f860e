package io.joinery.examples.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The HTTP side: one POST route per action, plus `GET /healthz`. The child POSTs
 * `{"action": {"name"}, "input": {...}, "session_variables": {...}}`; a route answers the action's
 * output as JSON, or `{"message", "code"}` with a 4xx/5xx status.
 */
public final class HandlerServer {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerServer.class);

    private HandlerServer() {}

    public static DisposableServer start(HandlerConfig config) {
        ObjectMapper json = new ObjectMapper();
        ChildGraphqlClient child = new ChildGraphqlClient(json, config);
        UpdateAuthorAction updateAuthor = new UpdateAuthorAction(json, child);
        AuthorStatsAction authorStats = new AuthorStatsAction(json, child);
        return HttpServer.create().host(config.host()).port(config.port())
                .route(routes -> routes
                        .post("/update-author", (request, response) -> action(json, request, response, updateAuthor::handle))
                        .post("/author-stats", (request, response) -> action(json, request, response, authorStats::handle))
                        .get("/healthz", (request, response) -> response.sendString(Mono.just("OK"))))
                .bindNow();
    }

    private static Mono<Void> action(ObjectMapper json, HttpServerRequest request, HttpServerResponse response,
                                     Function<JsonNode, Mono<JsonNode>> handler) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8)
                .switchIfEmpty(Mono.just(""))
                .map(body -> input(json, body))
                .flatMap(handler)
                .map(output -> new Reply(200, output))
                .onErrorResume(error -> Mono.just(Reply.of(json, error, request.uri())))
                .flatMap(reply -> response.status(reply.status())
                        .header("Content-Type", "application/json")
                        .sendString(Mono.fromCallable(() -> json.writeValueAsString(reply.body())))
                        .then());
    }

    private static JsonNode input(ObjectMapper json, String body) {
        try {
            JsonNode input = json.readTree(body).path("input");
            if (!input.isObject()) {
                throw new HandlerError(400, "the request has no \"input\" object", "invalid-request");
            }
            return input;
        } catch (java.io.IOException e) {
            throw new HandlerError(400, "the request body is not JSON", "invalid-request");
        }
    }

    private record Reply(int status, JsonNode body) {
        static Reply of(ObjectMapper json, Throwable error, String uri) {
            if (error instanceof HandlerError known) {
                return new Reply(known.status(), json.createObjectNode()
                        .put("message", known.getMessage()).put("code", known.code()));
            }
            LOG.error("{} failed", uri, error);
            return new Reply(500, json.createObjectNode()
                    .put("message", "internal error: " + error).put("code", "unexpected"));
        }
    }
}
