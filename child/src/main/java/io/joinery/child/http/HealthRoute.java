package io.joinery.child.http;

import io.joinery.child.db.SqlRunner;
import io.joinery.child.metadata.ChildSnapshot;
import io.joinery.child.metadata.MetadataStore;
import io.joinery.core.http.HttpAnswer;
import io.joinery.core.http.HttpCall;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * `GET /healthz` (SPEC §8): 500 `ERROR` while the database does not answer, `WARN: inconsistent
 * objects in schema` (500 `ERROR: ...` with `?strict=true`) while metadata is inconsistent, else `OK`.
 */
public final class HealthRoute {
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final MetadataStore store;
    private final SqlRunner sql;

    public HealthRoute(MetadataStore store, SqlRunner sql) {
        this.store = store;
        this.sql = sql;
    }

    Mono<HttpAnswer> answer(HttpCall call) {
        boolean strict = "true".equalsIgnoreCase(call.queryParam("strict"));
        Optional<ChildSnapshot> loaded = store.currentIfReady();
        if (loaded.isEmpty()) {
            return Mono.just(HttpAnswer.text(500, "ERROR"));
        }
        return sql.ping()
                .timeout(PING_TIMEOUT)
                .map(ok -> store.current().isConsistent())
                .map(consistent -> consistent ? HttpAnswer.text(200, "OK")
                        : strict ? HttpAnswer.text(500, "ERROR: inconsistent objects in schema")
                        : HttpAnswer.text(200, "WARN: inconsistent objects in schema"))
                .onErrorResume(e -> Mono.just(HttpAnswer.text(500, "ERROR")));
    }
}
