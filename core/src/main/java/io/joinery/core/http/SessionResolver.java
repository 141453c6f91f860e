package io.joinery.core.http;

import reactor.core.publisher.Mono;

/**
 * Who is calling: the one place a request's credentials become its session (SPEC §6, STYLE §11).
 * The front door asks it for every route that needs a session; every later stage reads the
 * resulting {@link SessionVariables} and never the raw headers.
 *
 * <p>Today's implementation is {@link AdminSecretCheck}. JWT, webhook and the unauthorized role
 * (SPEC §9) are further implementations of this interface; they may do I/O (JWKS, the hook), hence
 * the {@code Mono}.
 */
@FunctionalInterface
public interface SessionResolver {
    /**
     * The session of {@code call}, or an error: a {@link io.joinery.core.error.JoineryException}
     * carrying the status the API endpoints answer with (401 for a bad admin secret).
     */
    Mono<SessionVariables> resolve(HttpCall call);
}
