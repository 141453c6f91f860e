package io.joinery.child.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.graphql.GraphqlExecutor;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.AdminSecretCheck;
import io.joinery.core.http.GraphqlRequest;
import io.joinery.core.http.HttpResponses;
import io.joinery.core.http.HttpServerFactory;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * `POST /v1/graphql`: always HTTP 200 (SPEC §7). Request errors become `{"errors": [one error]}`
 * with no `data`; `internal` only for admins. A JSON array body is a batch answered with an array.
 */
final class GraphqlRoute {
    private static final Logger LOG = LoggerFactory.getLogger(GraphqlRoute.class);

    private final GraphqlExecutor executor;
    private final AdminSecretCheck auth;

    GraphqlRoute(GraphqlExecutor executor, AdminSecretCheck auth) {
        this.executor = executor;
        this.auth = auth;
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return HttpServerFactory.body(request)
                .flatMap(body -> answer(request, body))
                .flatMap(json -> Mono.from(HttpResponses.json(response, 200, json)));
    }

    private Mono<String> answer(HttpServerRequest request, String body) {
        SessionVariables session;
        try {
            session = auth.resolve(request.requestHeaders());
        } catch (JoineryException e) {
            return Mono.just(errorBody(e, false));
        }
        JsonNode parsed;
        try {
            parsed = Json.parseBody(body);
        } catch (JoineryException e) {
            return Mono.just(errorBody(e, session.isAdmin()));
        }
        if (parsed.isArray()) {
            return Flux.fromIterable(parsed)
                    .concatMap(item -> one(item, session))
                    .collectList()
                    .map(answers -> "[" + String.join(",", answers) + "]");
        }
        return one(parsed, session);
    }

    private Mono<String> one(JsonNode body, SessionVariables session) {
        return Mono.defer(() -> executor.execute(GraphqlRequest.parse(body), session))
                .onErrorResume(e -> Mono.just(errorBody(asJoinery(e), session.isAdmin())));
    }

    static JoineryException asJoinery(Throwable e) {
        if (e instanceof JoineryException joinery) {
            return joinery;
        }
        LOG.error("unexpected failure while answering a GraphQL request", e);
        return new JoineryException(ErrorCode.UNEXPECTED, "an unexpected error occurred: " + e.getClass().getSimpleName(),
                ErrorPath.root());
    }

    private static String errorBody(JoineryException e, boolean includeInternal) {
        ObjectNode body = Json.object();
        ArrayNode errors = body.putArray("errors");
        errors.add(e.toApiError().toGraphqlError(includeInternal));
        return Json.write(body);
    }
}
