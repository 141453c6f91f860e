package io.joinery.core.http;

import reactor.core.publisher.Mono;

/**
 * What a service plugs into `POST /v1/graphql`: one parsed request of a resolved session in, one
 * answer out. Batching, body parsing, session resolution and error bodies are the front door's
 * ({@link GraphqlEndpoint}); a handler may fail with any error, which becomes `{"errors": [...]}`.
 */
@FunctionalInterface
public interface GraphqlHandler {
    Mono<GraphqlAnswer> execute(GraphqlRequest request, SessionVariables session, HttpCall call);
}
