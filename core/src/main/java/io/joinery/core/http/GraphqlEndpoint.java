package io.joinery.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * `POST /v1/graphql` for both services (SPEC §7): always HTTP 200. The session is resolved, the
 * body parsed; a JSON array is a batch answered with an array, element by element in order. Every
 * request error, including a bad secret or a body that is not JSON, becomes `{"errors": [one
 * error]}` with no `data`, `internal` only for admins.
 */
final class GraphqlEndpoint implements Endpoint {
    private final GraphqlHandler handler;

    GraphqlEndpoint(GraphqlHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<HttpAnswer> answer(HttpCall call, SessionResolver sessions) {
        return Mono.defer(() -> sessions.resolve(call))
                .flatMap(session -> Mono.defer(() -> answer(call, session))
                        .onErrorResume(e -> Mono.just(ErrorWriter.graphql(e, session.isAdmin()))))
                .onErrorResume(e -> Mono.just(ErrorWriter.graphql(e, false)))
                .map(answer -> new HttpAnswer(200, HttpAnswer.JSON, answer.body(), answer.setCookies()));
    }

    private Mono<GraphqlAnswer> answer(HttpCall call, SessionVariables session) {
        JsonNode body = Json.parseBody(call.body());
        if (!body.isArray()) {
            return one(body, session, call);
        }
        return Flux.fromIterable(body)
                .concatMap(element -> one(element, session, call))
                .collectList()
                .map(GraphqlEndpoint::batch);
    }

    private Mono<GraphqlAnswer> one(JsonNode body, SessionVariables session, HttpCall call) {
        return Mono.defer(() -> handler.execute(GraphqlRequest.parse(body), session, call))
                .onErrorResume(e -> Mono.just(ErrorWriter.graphql(e, session.isAdmin())));
    }

    private static GraphqlAnswer batch(List<GraphqlAnswer> answers) {
        StringBuilder body = new StringBuilder("[");
        List<String> cookies = new ArrayList<>();
        for (GraphqlAnswer answer : answers) {
            body.append(body.length() > 1 ? "," : "").append(answer.body());
            cookies.addAll(answer.setCookies());
        }
        return new GraphqlAnswer(body.append(']').toString(), cookies);
    }
}
