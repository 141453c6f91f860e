package io.joinery.core.http;

import io.joinery.core.json.Json;
import reactor.core.publisher.Mono;

/**
 * A JSON API endpoint (`POST /v1/metadata`, `POST /v2/query`; SPEC §1.1): the session is resolved
 * (a bad secret: 401), the body parsed (not JSON: 400 `invalid-json`), the handler's result written
 * with 200; any error is `{path, error, code, internal?}` with its status.
 */
final class ApiEndpoint implements Endpoint {
    private final ApiHandler handler;

    ApiEndpoint(ApiHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<HttpAnswer> answer(HttpCall call, SessionResolver sessions) {
        return Mono.defer(() -> sessions.resolve(call))
                .flatMap(session -> Mono.defer(() -> handler.run(Json.parseBody(call.body()), session))
                        .map(result -> HttpAnswer.json(200, Json.write(result)))
                        .onErrorResume(e -> Mono.just(ErrorWriter.api(e, session.isAdmin()))))
                .onErrorResume(e -> Mono.just(ErrorWriter.api(e, false)));
    }
}
