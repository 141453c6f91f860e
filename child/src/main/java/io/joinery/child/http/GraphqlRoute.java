package io.joinery.child.http;

import io.joinery.child.graphql.GraphqlExecutor;
import io.joinery.core.http.GraphqlAnswer;
import io.joinery.core.http.GraphqlRequest;
import io.joinery.core.http.HttpCall;
import io.joinery.core.http.SessionVariables;
import reactor.core.publisher.Mono;

/**
 * `POST /v1/graphql` (SPEC §7): one request to the {@link GraphqlExecutor}; the handlers' cookies
 * reach the client (SPEC §3.4). The front door resolves the session, splits batches and writes
 * request errors, an action's error with its own `extensions` (SPEC §3.7).
 */
public final class GraphqlRoute {
    private final GraphqlExecutor executor;

    public GraphqlRoute(GraphqlExecutor executor) {
        this.executor = executor;
    }

    Mono<GraphqlAnswer> execute(GraphqlRequest request, SessionVariables session, HttpCall call) {
        return executor.execute(request, session, call.headerEntries());
    }
}
