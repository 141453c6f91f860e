package io.joinery.child.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.metadata.MetadataStore;
import io.joinery.core.http.SessionVariables;
import reactor.core.publisher.Mono;

/**
 * `POST /v1/metadata` and `POST /v2/query` (SPEC §1): the parsed body goes to the metadata store,
 * which checks that the caller is admin; while the database has not answered yet the store is
 * missing and the request fails with 503.
 */
public final class MetadataRoute {
    private final MetadataStore store;

    public MetadataRoute(MetadataStore store) {
        this.store = store;
    }

    Mono<JsonNode> metadata(JsonNode body, SessionVariables session) {
        return store.metadata(body, session);
    }

    Mono<JsonNode> query(JsonNode body, SessionVariables session) {
        return store.query(body, session);
    }
}
