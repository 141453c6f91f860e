package io.joinery.core.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.auth.RequestHeaders;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.observe.Logs;
import io.joinery.core.observe.RequestObservation;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * `POST /v1/graphql` for both services (SPEC §7): always HTTP 200, except the 400 of a refused simple
 * cross-site request ({@link CsrfCheck}). The session is resolved (a POST auth webhook gets the
 * parsed body as `request`, SPEC §9), then the body is parsed; a JSON array is a batch answered with
 * an array, element by element in order (at most {@link HardLimits#maxBatch()} elements, else one
 * `validation-failed` error). Every request error, including an authentication failure
 * or a body that is not JSON, becomes `{"errors": [one error]}` with no `data`, `internal` only for
 * admins. The session's response cookies (an auth webhook's `Set-Cookie`) go on every answer after it.
 */
final class GraphqlEndpoint implements Endpoint {
    private final GraphqlHandler handler;
    private final RequestLimits limiter;

    /**
     * @param limiter the API limits checked here (SPEC §11.1): rate and batch once the session and
     *                body are known (a refused rate is HTTP 429 with `Retry-After`), time around each
     *                operation; depth and nodes are the handler's, after parsing
     */
    GraphqlEndpoint(GraphqlHandler handler, RequestLimits limiter) {
        this.handler = handler;
        this.limiter = limiter;
    }

    @Override
    public Mono<HttpAnswer> answer(HttpCall call, SessionResolver sessions) {
        Optional<JoineryException> refused = CsrfCheck.refusal(call.headers());
        if (refused.isPresent()) {
            return Mono.just(HttpAnswer.jsonBytes(400, ErrorWriter.graphql(refused.get(), false).bytes()));
        }
        Optional<JsonNode> body = parsed(call);
        return Mono.defer(() -> sessions.resolve(RequestHeaders.from(call.headers()), body))
                .flatMap(session -> Mono.defer(() -> {
                            JsonNode request = body.orElseGet(call::jsonBody);
                            limiter.admit(session.variables(), call.clientAddress(),
                                    request.isArray() ? request.size() : 1, request.isArray());
                            return answer(request, session.variables(), call);
                        })
                        .map(GraphqlEndpoint::ok)
                        .onErrorResume(e -> refusal(e, session.isAdmin()))
                        .map(answer -> answer.withSetCookies(session.responseCookies())))
                .onErrorResume(e -> refusal(e, false));
    }

    private static HttpAnswer ok(GraphqlAnswer answer) {
        return HttpAnswer.jsonBytes(200, answer.bytes(), answer.setCookies());
    }

    /** A request error: HTTP 200 with `{"errors": [...]}`, except a refused rate: 429 with `Retry-After`. */
    private static Mono<HttpAnswer> refusal(Throwable error, boolean admin) {
        return error(error, admin).map(answer -> {
            if (error instanceof RateLimitExceeded rate) {
                return HttpAnswer.jsonBytes(RateLimitExceeded.STATUS, answer.bytes(), answer.setCookies())
                        .withHeader("Retry-After", Long.toString(rate.retryAfterSeconds()));
            }
            return ok(answer);
        });
    }

    /**
     * The body as JSON, for the session resolver; empty when it is not JSON. That error is not
     * lost: it is raised again, by parsing once more, after the session is resolved (as Hasura
     * does, authentication comes first).
     */
    private static Optional<JsonNode> parsed(HttpCall call) {
        try {
            return Optional.of(call.jsonBody());
        } catch (JoineryException notJson) {
            return Optional.empty();
        }
    }

    @Override
    public HttpAnswer stopped(JoineryException error) {
        return HttpAnswer.jsonBytes(200, ErrorWriter.graphql(error, false).bytes());
    }

    private Mono<GraphqlAnswer> answer(JsonNode body, SessionVariables session, HttpCall call) {
        if (!body.isArray()) {
            return one(body, session, call);
        }
        int max = call.limits().maxBatch();
        if (body.size() > max) {
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, "a batch may hold at most " + max
                    + " operations, this one holds " + body.size(), ErrorPath.root());
        }
        return Flux.fromIterable(body)
                .concatMap(element -> one(element, session, call))
                .collectList()
                .map(GraphqlEndpoint::batch);
    }

    private Mono<GraphqlAnswer> one(JsonNode body, SessionVariables session, HttpCall call) {
        return limiter.timed(session, Mono.defer(() -> {
                    GraphqlRequest request = GraphqlRequest.parse(body);
                    if (Logs.QUERY.isDebugEnabled()) {
                        Logs.QUERY.atDebug().addKeyValue("request_id", call.requestId())
                                .addKeyValue("query", new QueryLog(request.operationName(), request.query()))
                                .log("");
                    }
                    return handler.execute(request, session, call);
                }))
                .onErrorResume(e -> error(e, session.isAdmin()));
    }

    /** `query` of a `query-log` line (Hasura's names); never the variables, which may carry user data. */
    record QueryLog(@JsonProperty("operationName") String operationName, @JsonProperty("query") String query) {}

    /** A request error's answer, counted by its code in `joinery_graphql_errors_total`. */
    private static Mono<GraphqlAnswer> error(Throwable e, boolean includeInternal) {
        return Mono.deferContextual(context -> {
            JoineryException error = ErrorWriter.asJoinery(e);
            RequestObservation.in(context).ifPresent(o -> o.graphqlError(
                    error.toGraphqlError(false).path("extensions").path("code").asText(error.code().wire())));
            return Mono.just(ErrorWriter.graphql(error, includeInternal));
        });
    }

    private static GraphqlAnswer batch(List<GraphqlAnswer> answers) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        List<String> cookies = new ArrayList<>();
        for (GraphqlAnswer answer : answers) {
            if (body.size() > 1) {
                body.write(',');
            }
            body.writeBytes(answer.bytes());
            cookies.addAll(answer.setCookies());
        }
        body.write(']');
        return GraphqlAnswer.ofBytes(body.toByteArray(), cookies);
    }
}
