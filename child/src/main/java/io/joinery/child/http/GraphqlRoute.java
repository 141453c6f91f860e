package io.joinery.child.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.actions.ActionErrorException;
import io.joinery.child.graphql.GraphqlExecutor;
import java.util.List;
import java.util.Map;
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
                .flatMap(answer -> {
                    // handlers' cookies reach the client (SPEC §3.4)
                    answer.setCookies().forEach(cookie -> response.addHeader("Set-Cookie", cookie));
                    return Mono.from(HttpResponses.json(response, 200, answer.body()));
                });
    }

    private Mono<GraphqlExecutor.Response> answer(HttpServerRequest request, String body) {
        SessionVariables session;
        try {
            session = auth.resolve(request.requestHeaders());
        } catch (JoineryException e) {
            return Mono.just(bodyOnly(errorBody(e, false)));
        }
        JsonNode parsed;
        try {
            parsed = Json.parseBody(body);
        } catch (JoineryException e) {
            return Mono.just(bodyOnly(errorBody(e, session.isAdmin())));
        }
        List<Map.Entry<String, String>> headers = request.requestHeaders().entries();
        if (parsed.isArray()) {
            return Flux.fromIterable(parsed)
                    .concatMap(item -> one(item, session, headers))
                    .collectList()
                    .map(answers -> new GraphqlExecutor.Response(
                            "[" + String.join(",", answers.stream().map(GraphqlExecutor.Response::body).toList()) + "]",
                            answers.stream().flatMap(a -> a.setCookies().stream()).toList()));
        }
        return one(parsed, session, headers);
    }

    private Mono<GraphqlExecutor.Response> one(JsonNode body, SessionVariables session,
                                               List<Map.Entry<String, String>> headers) {
        return Mono.defer(() -> executor.execute(GraphqlRequest.parse(body), session, headers))
                .onErrorResume(e -> Mono.just(bodyOnly(errorBody(asJoinery(e), session.isAdmin()))));
    }

    private static GraphqlExecutor.Response bodyOnly(String body) {
        return new GraphqlExecutor.Response(body, List.of());
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
        if (e instanceof ActionErrorException action) {
            errors.add(action.error().toGraphqlError(includeInternal));
        } else {
            errors.add(e.toApiError().toGraphqlError(includeInternal));
        }
        return Json.write(body);
    }
}
