package io.joinery.gateway.http;

import io.joinery.core.http.HttpResponses;
import io.joinery.gateway.metadata.MetadataStore;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerResponse;

/**
 * `GET /healthz` (SPEC §8): `OK`, or `WARN: inconsistent objects in schema` (200); with
 * `?strict=true` the inconsistent case is `ERROR: inconsistent objects in schema` (500).
 */
public final class HealthRoute {
    private final MetadataStore store;

    public HealthRoute(MetadataStore store) {
        this.store = store;
    }

    public Publisher<Void> handle(boolean strict, HttpServerResponse response) {
        if (store.current().isConsistent()) {
            return HttpResponses.text(response, 200, "OK");
        }
        return strict ? HttpResponses.text(response, 500, "ERROR: inconsistent objects in schema")
                : HttpResponses.text(response, 200, "WARN: inconsistent objects in schema");
    }
}
