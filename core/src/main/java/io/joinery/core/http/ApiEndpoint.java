package io.joinery.core.http;

import io.joinery.core.auth.RequestHeaders;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * A JSON API endpoint (`POST /v1/metadata`, `POST /v2/query`; SPEC §1.1): a simple cross-site
 * request is refused (400, {@link CsrfCheck}), the session is resolved (a bad secret: 401; JWT and
 * webhook failures: their status, SPEC §9), the body parsed (not JSON: 400 `invalid-json`), the
 * handler's result written with 200; any error is `{path, error, code, internal?}` with its status.
 * The session's response cookies (an auth webhook's `Set-Cookie`) go on every answer after it.
 */
final class ApiEndpoint implements Endpoint {
    private final ApiHandler handler;

    ApiEndpoint(ApiHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<HttpAnswer> answer(HttpCall call, SessionResolver sessions) {
        Optional<HttpAnswer> refused = CsrfCheck.refusal(call.headers()).map(e -> ErrorWriter.api(e, false));
        if (refused.isPresent()) {
            return Mono.just(refused.get());
        }
        return Mono.defer(() -> sessions.resolve(RequestHeaders.from(call.headers()), Optional.empty()))
                .flatMap(session -> Mono.defer(() -> handler.run(call.jsonBody(), session.variables()))
                        .map(result -> HttpAnswer.jsonBytes(200, Json.writeBytes(result)))
                        .onErrorResume(e -> Mono.just(ErrorWriter.api(e, session.isAdmin())))
                        .map(answer -> answer.withSetCookies(session.responseCookies())))
                .onErrorResume(e -> Mono.just(ErrorWriter.api(e, false)));
    }

    @Override
    public HttpAnswer stopped(JoineryException error) {
        return ErrorWriter.api(error, false);
    }
}
