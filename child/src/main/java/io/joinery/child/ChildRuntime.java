package io.joinery.child;

import io.joinery.child.actions.ActionHandlerClient;
import io.joinery.child.actions.AsyncActionWorker;
import io.joinery.child.actions.InvocationQueue;
import io.joinery.child.actions.InvocationRows;
import io.joinery.child.db.CatalogMigrations;
import io.joinery.child.metadata.ChildSnapshot;
import io.joinery.child.metadata.MetadataStore;
import io.joinery.child.db.SqlRunner;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * The child's live state: the metadata store once it has been opened. The HTTP server starts
 * before the database answers (so a Kubernetes liveness probe on the port passes while Postgres is
 * still coming up); until the store is open, requests get a clear `postgres-error` and `/healthz`
 * answers 500. Opening is retried with backoff while the database is unreachable.
 */
public final class ChildRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildRuntime.class);

    private final SqlRunner sql;
    private final InvocationQueue invocations;
    private final AsyncActionWorker asyncWorker;
    private final AtomicReference<MetadataStore> store = new AtomicReference<>();
    private final Sinks.One<MetadataStore> ready = Sinks.one();
    private final Disposable opening;

    public ChildRuntime(SqlRunner sql, Mono<MetadataStore> open) {
        this(sql, sql, open, ChildConfig.DEFAULT_ASYNC_ACTIONS_CONCURRENCY);
    }

    /**
     * @param sql                     for requests and metadata
     * @param backgroundSql           for the asynchronous action worker (the same pool, unobserved)
     * @param asyncActionsConcurrency handler calls of asynchronous actions in flight at once
     */
    public ChildRuntime(SqlRunner sql, SqlRunner backgroundSql, Mono<MetadataStore> open, int asyncActionsConcurrency) {
        this.sql = sql;
        this.invocations = new InvocationQueue(new InvocationRows(sql));
        this.asyncWorker = new AsyncActionWorker(new InvocationRows(backgroundSql), invocations,
                () -> snapshot().model().actions(), ActionHandlerClient.pooled(System::getenv), asyncActionsConcurrency,
                AsyncActionWorker.POLL_INTERVAL);
        this.opening = open
                .doOnError(e -> LOG.warn("could not open the metadata store, retrying: {}", e.getMessage()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(15))
                        .filter(ChildRuntime::isRetryable))
                .subscribe(opened -> {
                    store.set(opened);
                    ready.tryEmitValue(opened);
                    LOG.info("metadata loaded (resource_version {}, {} tracked tables, consistent: {})",
                            opened.current().resourceVersion(), opened.current().model().tables().size(),
                            opened.current().isConsistent());
                    opened.current().inconsistencies().forEach(o ->
                            LOG.warn("inconsistent metadata: {}: {}", o.name(), o.reason()));
                    // the invocations table exists (CatalogMigrations ran first); the worker may start
                    asyncWorker.start();
                }, error -> {
                    LOG.error("cannot load metadata: {}", error.getMessage());
                    ready.tryEmitError(error);
                });
    }

    /** Database problems are retried; invalid metadata (a bad `JOINERY_METADATA` file) is not. */
    private static boolean isRetryable(Throwable error) {
        return !(error instanceof JoineryException joinery) || joinery.code() == ErrorCode.POSTGRES_ERROR;
    }

    public static ChildRuntime open(SqlRunner sql, io.joinery.child.db.RunSqlExecutor runSql,
                                    Optional<JsonNode> fileMetadata) {
        return new ChildRuntime(sql, migrateThenOpen(sql, runSql, fileMetadata));
    }

    /** As {@link #open(SqlRunner, io.joinery.child.db.RunSqlExecutor, Optional)}, with the async worker's own runner. */
    public static ChildRuntime open(SqlRunner sql, SqlRunner backgroundSql, io.joinery.child.db.RunSqlExecutor runSql,
                                    Optional<JsonNode> fileMetadata, int asyncActionsConcurrency) {
        return new ChildRuntime(sql, backgroundSql, migrateThenOpen(sql, runSql, fileMetadata), asyncActionsConcurrency);
    }

    /** Joinery's own tables first (created or upgraded), then the store that reads them. */
    private static Mono<MetadataStore> migrateThenOpen(SqlRunner sql, io.joinery.child.db.RunSqlExecutor runSql,
                                                       Optional<JsonNode> fileMetadata) {
        return Mono.defer(() -> new CatalogMigrations(sql).migrate()
                .then(MetadataStore.open(sql, runSql, fileMetadata)));
    }

    /** Completes when the store is open (or fails when the metadata can never load). */
    public Mono<MetadataStore> ready() {
        return ready.asMono();
    }

    public Optional<MetadataStore> storeIfReady() {
        return Optional.ofNullable(store.get());
    }

    /** The open store; a `postgres-error` request error while the database has not answered yet. */
    public MetadataStore store() {
        MetadataStore current = store.get();
        if (current == null) {
            throw new JoineryException(ErrorCode.POSTGRES_ERROR,
                    "the database is not reachable yet; Joinery keeps retrying", ErrorPath.root(), null, 503);
        }
        return current;
    }

    public ChildSnapshot snapshot() {
        return store().current();
    }

    public SqlRunner sql() {
        return sql;
    }

    /** Where asynchronous action mutations store their calls; the worker is woken by it. */
    public InvocationQueue invocations() {
        return invocations;
    }

    /**
     * Graceful stop of the asynchronous action worker: calls in flight are cancelled and their
     * invocations return to `created` (SPEC §3.9). Completes when the database has them back.
     */
    public Mono<Void> stopAsyncActions() {
        return asyncWorker.stop();
    }

    @Override
    public void close() {
        opening.dispose();
        asyncWorker.abandon();
    }
}
