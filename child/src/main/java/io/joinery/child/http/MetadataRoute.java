package io.joinery.child.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.AdminSecretCheck;
import io.joinery.core.http.HttpResponses;
import io.joinery.core.http.HttpServerFactory;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * `POST /v1/metadata` and `POST /v2/query`: a bad secret is HTTP 401, other errors carry their own
 * status (400 for nearly all) with the `{path, error, code}` body (SPEC §1.1).
 */
final class MetadataRoute {
    private final AdminSecretCheck auth;
    private final BiFunction<JsonNode, SessionVariables, Mono<JsonNode>> commands;

    MetadataRoute(AdminSecretCheck auth, BiFunction<JsonNode, SessionVariables, Mono<JsonNode>> commands) {
        this.auth = auth;
        this.commands = commands;
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return HttpServerFactory.body(request)
                .flatMap(body -> {
                    SessionVariables session;
                    try {
                        session = auth.resolve(request.requestHeaders());
                    } catch (JoineryException e) {
                        return Mono.just(new Answer(e.httpStatus(), Json.write(e.toApiError().toMetadataBody(false))));
                    }
                    return Mono.defer(() -> commands.apply(Json.parseBody(body), session))
                            .map(result -> new Answer(200, Json.write(result)))
                            .onErrorResume(e -> {
                                JoineryException error = GraphqlRoute.asJoinery(e);
                                return Mono.just(new Answer(error.httpStatus(),
                                        Json.write(error.toApiError().toMetadataBody(session.isAdmin()))));
                            });
                })
                .flatMap(answer -> Mono.from(HttpResponses.json(response, answer.status(), answer.body())));
    }

    private record Answer(int status, String body) {}
}
