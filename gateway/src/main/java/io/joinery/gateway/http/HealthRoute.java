package io.joinery.gateway.http;

import io.joinery.core.http.HttpAnswer;
import io.joinery.core.http.HttpCall;
import io.joinery.gateway.snapshot.MetadataStore;
import reactor.core.publisher.Mono;

/**
 * `GET /healthz` (SPEC §8): `OK`, or `WARN: inconsistent objects in schema` (200); with
 * `?strict=true` the inconsistent case is `ERROR: inconsistent objects in schema` (500).
 */
public final class HealthRoute {
    private final MetadataStore store;

    public HealthRoute(MetadataStore store) {
        this.store = store;
    }

    public Mono<HttpAnswer> answer(HttpCall call) {
        if (store.current().isConsistent()) {
            return Mono.just(HttpAnswer.text(200, "OK"));
        }
        boolean strict = "true".equalsIgnoreCase(call.queryParam("strict"));
        return Mono.just(strict ? HttpAnswer.text(500, "ERROR: inconsistent objects in schema")
                : HttpAnswer.text(200, "WARN: inconsistent objects in schema"));
    }
}
