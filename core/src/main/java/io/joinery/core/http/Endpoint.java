package io.joinery.core.http;

import io.joinery.core.auth.SessionResolver;
import io.joinery.core.error.JoineryException;
import reactor.core.publisher.Mono;

/**
 * How one kind of route answers a call: whether it needs a session and how its failures are
 * written. Services do not implement it; they plug handlers into {@link Route}'s factories.
 */
public sealed interface Endpoint permits GraphqlEndpoint, ApiEndpoint, PublicEndpoint {
    /** Never fails: every error is already an answer. */
    Mono<HttpAnswer> answer(HttpCall call, SessionResolver sessions);

    /**
     * The answer to a call the front door stopped (the request deadline) with {@code error}: this
     * endpoint's own error shape, as for an error of its own before any session was known.
     */
    HttpAnswer stopped(JoineryException error);
}
