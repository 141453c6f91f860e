package io.joinery.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

/**
 * What a service plugs into a JSON API endpoint (`/v1/metadata`, `/v2/query`): the parsed body of a
 * resolved session in, the 200 body out. Any error becomes the `{path, error, code}` body with the
 * error's status ({@link ErrorWriter#api}).
 */
@FunctionalInterface
public interface ApiHandler {
    Mono<JsonNode> run(JsonNode body, SessionVariables session);
}
