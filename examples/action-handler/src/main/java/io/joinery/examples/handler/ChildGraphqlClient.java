package io.joinery.examples.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * Sends GraphQL to the child, the way any client would: `POST {query, variables}`, with the
 * admin secret when one is configured. Answers the `data` object; GraphQL errors fail the Mono.
 */
public final class ChildGraphqlClient {
    private final ObjectMapper json;
    private final HttpClient http;
    private final String url;

    public ChildGraphqlClient(ObjectMapper json, HandlerConfig config) {
        this.json = json;
        this.url = config.childGraphqlUrl();
        this.http = HttpClient.create()
                .responseTimeout(Duration.ofSeconds(20))
                .headers(headers -> {
                    headers.set("Content-Type", "application/json");
                    config.childAdminSecret().ifPresent(secret -> headers.set("X-Hasura-Admin-Secret", secret));
                });
    }

    public Mono<JsonNode> send(String query, ObjectNode variables) {
        ObjectNode request = json.createObjectNode().put("query", query);
        request.set("variables", variables);
        return http.post().uri(url)
                .send(ByteBufFlux.fromString(Mono.fromCallable(() -> json.writeValueAsString(request))))
                .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
                        .switchIfEmpty(Mono.just(""))
                        .map(text -> dataOf(response.status().code(), text)));
    }

    private JsonNode dataOf(int status, String text) {
        JsonNode answer;
        try {
            answer = json.readTree(text);
        } catch (java.io.IOException e) {
            throw new HandlerError(502, "the child answered " + status + " with a body that is not JSON", "child-error");
        }
        JsonNode errors = answer.path("errors");
        if (status != 200 || errors.size() > 0 || !answer.path("data").isObject()) {
            String message = errors.path(0).path("message").asText("the child answered " + status);
            throw new HandlerError(502, "the child refused the request: " + message, "child-error");
        }
        return answer.get("data");
    }
}
