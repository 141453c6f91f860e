package io.joinery.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.SessionVariables;
import io.joinery.gateway.snapshot.MetadataStore;
import reactor.core.publisher.Mono;

/** `POST /v1/metadata` (SPEC §1): the parsed body → {@link MetadataStore} (admin check, commands, errors with paths). */
public final class MetadataRoute {
    private final MetadataStore store;

    public MetadataRoute(MetadataStore store) {
        this.store = store;
    }

    public Mono<JsonNode> run(JsonNode body, SessionVariables session) {
        return store.metadata(body, session);
    }
}
