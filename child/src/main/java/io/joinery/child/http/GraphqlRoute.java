package io.joinery.child.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.graphql.GraphqlExecutor;
import io.joinery.core.http.ExplainRequest;
import io.joinery.core.http.GraphqlAnswer;
import io.joinery.core.http.GraphqlRequest;
import io.joinery.core.http.HttpCall;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.limits.ApiLimiter;
import reactor.core.publisher.Mono;

/**
 * `POST /v1/graphql` (SPEC §7): one request to the {@link GraphqlExecutor}; the handlers' cookies
 * reach the client (SPEC §3.4). The front door resolves the session, splits batches and writes
 * request errors, an action's error with its own `extensions` (SPEC §3.7). `POST /v1/graphql/explain`
 * (SPEC §13) goes the same way to {@link GraphqlExecutor#explain}.
 */
public final class GraphqlRoute {
    private final GraphqlExecutor executor;
    private final ApiLimiter limiter;

    /** Without API limits at the front door. */
    public GraphqlRoute(GraphqlExecutor executor) {
        this(executor, ApiLimiter.NONE);
    }

    /** @param limiter the rate, batch and time limits the front door checks (SPEC §11.1) */
    public GraphqlRoute(GraphqlExecutor executor, ApiLimiter limiter) {
        this.executor = executor;
        this.limiter = limiter;
    }

    ApiLimiter limiter() {
        return limiter;
    }

    Mono<GraphqlAnswer> execute(GraphqlRequest request, SessionVariables session, HttpCall call) {
        return executor.execute(request, session, call.headerEntries());
    }

    /** `POST /v1/graphql/explain` (SPEC §13): admins only; the query explained for the body's `user`. */
    Mono<JsonNode> explain(JsonNode body, SessionVariables session) {
        return Mono.defer(() -> {
            ExplainRequest request = ExplainRequest.parse(body, session);
            return executor.explain(request.query(), request.user());
        });
    }
}
