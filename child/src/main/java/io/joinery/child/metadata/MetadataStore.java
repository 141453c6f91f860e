package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.metadata.MetadataEngine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Holds the child's current {@link ChildSnapshot}: the child's part of the metadata engine, its
 * commands ({@link ChildCommandParser}, {@link ChildCommandApplier}) kept in one row of its own
 * database ({@link MetadataRow}, through {@link RowPersister}), plus `run_sql` ({@link RunSqlRunner}), which
 * runs in the same queue. Children sharing the database follow each other's changes ({@link #follow}).
 *
 * <pre>
 * load (MetadataLoader, retried while the database does not answer) ─▶ engine with the first snapshot
 * request ─engine: admin, parse, bulk, queue, resource_version→ read catalog ─ChildCommandApplier→
 *         new snapshot ─save row (conditional on resource_version)→ swap
 * </pre>
 *
 * The HTTP server starts before the database answers (so a liveness probe on the port passes while
 * Postgres is still coming up): until {@link #load} has completed, every read and request fails with
 * a 503 `postgres-error`, and `/healthz` answers 500.
 */
public final class MetadataStore {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);

    private final MetadataLoader loader;
    private final ChildCommandApplier applier;
    private final RowPersister persister;
    private final RunSqlRunner runSql;
    private final AtomicReference<MetadataEngine<ChildSnapshot, ChildCommand>> engine = new AtomicReference<>();
    private final Sinks.One<ChildSnapshot> ready = Sinks.one();

    public MetadataStore(MetadataLoader loader, ChildCommandApplier applier, RowPersister persister,
                         RunSqlRunner runSql) {
        this.loader = loader;
        this.applier = applier;
        this.persister = persister;
        this.runSql = runSql;
    }

    /**
     * Loads the first snapshot, retrying with backoff while the database is unreachable (invalid
     * metadata, such as a bad `JOINERY_METADATA` file, is not retried); then the store is ready.
     */
    public Mono<ChildSnapshot> load() {
        return loader.load()
                .doOnError(e -> LOG.warn("could not open the metadata store, retrying: {}", e.getMessage()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(15))
                        .filter(MetadataStore::isRetryable))
                .doOnNext(initial -> {
                    engine.set(new MetadataEngine<>(initial, ChildCommandParser::parse, applier, persister));
                    LOG.info("metadata loaded (resource_version {}, {} tracked tables, consistent: {})",
                            initial.resourceVersion(), initial.model().tables().size(), initial.isConsistent());
                    initial.inconsistencies().forEach(o -> LOG.warn("inconsistent metadata: {}: {}", o.name(), o.reason()));
                    ready.tryEmitValue(initial);
                })
                .doOnError(error -> {
                    LOG.error("cannot load metadata: {}", error.getMessage());
                    ready.tryEmitError(error);
                });
    }

    /** Database problems are retried; invalid metadata is not. */
    private static boolean isRetryable(Throwable error) {
        return !(error instanceof JoineryException joinery) || joinery.code() == ErrorCode.POSTGRES_ERROR;
    }

    /** Completes with the first snapshot once {@link #load} has (or fails when the metadata can never load). */
    public Mono<ChildSnapshot> ready() {
        return ready.asMono();
    }

    /** The current snapshot; empty while the first one is not loaded yet. */
    public Optional<ChildSnapshot> currentIfReady() {
        return Optional.ofNullable(engine.get()).map(MetadataEngine::current);
    }

    /** The current snapshot; a 503 `postgres-error` while the database has not answered yet. */
    public ChildSnapshot current() {
        return engine().current();
    }

    /** `POST /v1/metadata` after authentication: the whole body. Emits the response JSON (HTTP 200). */
    public Mono<JsonNode> metadata(JsonNode body, SessionVariables session) {
        return Mono.defer(() -> engine().run(body, session));
    }

    /** `POST /v2/query`: `run_sql` or a `bulk` of them (SPEC §1.8), admin only; a bulk answers an array. */
    public Mono<JsonNode> query(JsonNode body, SessionVariables session) {
        return Mono.defer(() -> runSql.run(engine(), body, session));
    }

    /**
     * Once loaded, follows the changes other children on the database make (SPEC §14): every
     * notification and every {@code pollInterval}. Subscribe once; dispose at shutdown.
     */
    public Flux<Boolean> follow(Duration pollInterval, Scheduler scheduler) {
        return ready().onErrorResume(e -> Mono.empty())
                .flatMapMany(loaded -> engine().follow(pollInterval, scheduler));
    }

    private MetadataEngine<ChildSnapshot, ChildCommand> engine() {
        MetadataEngine<ChildSnapshot, ChildCommand> current = engine.get();
        if (current == null) {
            throw new JoineryException(ErrorCode.POSTGRES_ERROR,
                    "the database is not reachable yet; Joinery keeps retrying", ErrorPath.root(), null, 503);
        }
        return current;
    }
}
