package io.joinery.child.http;

import io.joinery.child.ChildRuntime;
import io.joinery.child.metadata.MetadataStore;
import io.joinery.core.http.HttpResponses;
import io.joinery.core.http.HttpServerFactory;
import java.time.Duration;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * `GET /healthz` (SPEC §8): 500 `ERROR` while the database does not answer, `WARN: inconsistent
 * objects in schema` (500 `ERROR: ...` with `?strict=true`) while metadata is inconsistent, else `OK`.
 */
final class HealthRoute {
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final ChildRuntime runtime;

    HealthRoute(ChildRuntime runtime) {
        this.runtime = runtime;
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        boolean strict = "true".equalsIgnoreCase(HttpServerFactory.queryParam(request, "strict"));
        Optional<MetadataStore> store = runtime.storeIfReady();
        if (store.isEmpty()) {
            return HttpResponses.text(response, 500, "ERROR");
        }
        return runtime.sql().ping()
                .timeout(PING_TIMEOUT)
                .map(ok -> store.get().current().isConsistent())
                .map(consistent -> consistent ? new Status(200, "OK")
                        : strict ? new Status(500, "ERROR: inconsistent objects in schema")
                        : new Status(200, "WARN: inconsistent objects in schema"))
                .onErrorResume(e -> Mono.just(new Status(500, "ERROR")))
                .flatMap(status -> Mono.from(HttpResponses.text(response, status.code(), status.text())));
    }

    private record Status(int code, String text) {}
}
