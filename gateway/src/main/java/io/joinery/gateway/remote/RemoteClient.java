package io.joinery.gateway.remote;

import reactor.core.publisher.Mono;

/**
 * Sends one request to a remote GraphQL server. The Mono fails on transport errors and when the
 * request's timeout passes; any HTTP status is a successful {@link RemoteResponse}.
 */
@FunctionalInterface
public interface RemoteClient {
    Mono<RemoteResponse> send(RemoteRequest request);
}
