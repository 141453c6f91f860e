package io.joinery.child.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.ChildRuntime;
import io.joinery.core.http.SessionVariables;
import reactor.core.publisher.Mono;

/**
 * `POST /v1/metadata` and `POST /v2/query` (SPEC §1): the parsed body goes to the metadata store,
 * which checks that the caller is admin; while the database has not answered yet the store is
 * missing and the request fails with 503.
 */
final class MetadataRoute {
    private final ChildRuntime runtime;

    MetadataRoute(ChildRuntime runtime) {
        this.runtime = runtime;
    }

    Mono<JsonNode> metadata(JsonNode body, SessionVariables session) {
        return runtime.store().metadata(body, session);
    }

    Mono<JsonNode> query(JsonNode body, SessionVariables session) {
        return runtime.store().query(body, session);
    }
}
