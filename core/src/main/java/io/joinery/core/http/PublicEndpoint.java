package io.joinery.core.http;

import io.joinery.core.auth.SessionResolver;
import io.joinery.core.error.JoineryException;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An endpoint that needs no session (`/healthz`, `/v1/version`; SPEC §8: no auth required). Its
 * handler builds the whole answer; a failure is written as an API error.
 */
final class PublicEndpoint implements Endpoint {
    private final Function<HttpCall, Mono<HttpAnswer>> handler;

    PublicEndpoint(Function<HttpCall, Mono<HttpAnswer>> handler) {
        this.handler = handler;
    }

    @Override
    public Mono<HttpAnswer> answer(HttpCall call, SessionResolver sessions) {
        return Mono.defer(() -> handler.apply(call)).onErrorResume(e -> Mono.just(ErrorWriter.api(e, false)));
    }

    @Override
    public HttpAnswer stopped(JoineryException error) {
        return ErrorWriter.api(error, false);
    }
}
