package io.joinery.child;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.actions.ActionExecutor;
import io.joinery.child.actions.ActionHandlerClient;
import io.joinery.child.actions.ActionJoinExecutor;
import io.joinery.child.actions.ActionOutputJoin;
import io.joinery.child.actions.AsyncActionWorker;
import io.joinery.child.actions.AsyncResultReader;
import io.joinery.child.actions.InvocationQueue;
import io.joinery.child.actions.InvocationRows;
import io.joinery.child.db.CatalogMigrations;
import io.joinery.child.db.Database;
import io.joinery.child.db.PgCatalogReader;
import io.joinery.child.db.SqlRunner;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.graphql.GraphqlExecutor;
import io.joinery.child.graphql.OperationExplainer;
import io.joinery.child.graphql.OperationRunner;
import io.joinery.child.http.ChildServer;
import io.joinery.child.http.GraphqlRoute;
import io.joinery.child.http.HealthRoute;
import io.joinery.child.http.MetadataRoute;
import io.joinery.child.metadata.ChildCommandApplier;
import io.joinery.child.metadata.MetadataLoader;
import io.joinery.child.metadata.MetadataResolver;
import io.joinery.child.metadata.MetadataRow;
import io.joinery.child.metadata.MetadataStore;
import io.joinery.child.metadata.RowPersister;
import io.joinery.child.metadata.RunSqlRunner;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.sql.PermissionExpParser;
import io.joinery.core.graphql.OperationPreparer;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.config.Environment;
import io.joinery.core.http.FrontDoor;
import io.joinery.core.http.FrontDoorConfig;
import io.joinery.core.http.HardLimits;
import io.joinery.core.limits.ApiLimiter;
import io.joinery.core.http.MetricsRoute;
import io.joinery.core.graphql.PreparedOperation;
import io.joinery.core.http.JoineryVersion;
import io.joinery.core.observe.Logs;
import io.joinery.core.observe.ObservabilityConfig;
import io.joinery.core.observe.Telemetry;
import io.joinery.core.observe.Tracing;
import io.joinery.core.pg.PgListener;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;

/**
 * A running child, and the ONE place its parts are built: plain constructors, no container, no
 * reflection, in pipeline order (db, metadata, schema, sql, actions, graphql, http). `ChildMain`
 * starts one from the environment; tests start one on port 0.
 */
public final class ChildApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildApp.class);
    private static final int PREPARED_OPERATIONS = 2_000;

    private final Database database;
    private final MetadataStore store;
    private final AsyncActionWorker asyncWorker;
    private final ActionHandlerClient handlers;
    private final Disposable loading;
    private final DisposableServer server;
    private final Telemetry telemetry;

    private ChildApp(Database database, MetadataStore store, AsyncActionWorker asyncWorker,
                     ActionHandlerClient handlers, Disposable loading, DisposableServer server, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.database = database;
        this.store = store;
        this.asyncWorker = asyncWorker;
        this.handlers = handlers;
        this.loading = loading;
        this.server = server;
    }

    /** Binds the server at once; the metadata store loads in the background ({@link #awaitReady}). */
    public static ChildApp start(ChildConfig config, Database database, Optional<JsonNode> fileMetadata) {
        return start(config, database, fileMetadata, statement -> { });
    }

    /**
     * As {@link #start(ChildConfig, Database, Optional)}, with {@code observer} seeing every SQL
     * statement sent for requests and metadata (not the asynchronous action worker's).
     */
    public static ChildApp start(ChildConfig config, Database database, Optional<JsonNode> fileMetadata,
                                 Consumer<SqlStatement> observer) {
        ObservabilityConfig observability = ObservabilityConfig.fromEnv(config.env());
        Telemetry telemetry = Telemetry.create(observability,
                Tracing.fromEnv(config.env(), ChildServer.SERVER_NAME, observability.tracePropagation()));
        SqlRunner sql = database.sqlRunner().observed(observer).withTelemetry(telemetry);
        MetadataStore store = metadataStore(config.env(), sql, database, fileMetadata);

        InvocationRows invocationRows = new InvocationRows(sql, telemetry);
        InvocationQueue invocations = new InvocationQueue(invocationRows);
        ActionHandlerClient handlers = ActionHandlerClient.pooled(config.upstream(), config.env(), telemetry);
        ActionOutputJoin outputJoin = new ActionOutputJoin(sql);
        ActionExecutor actions = new ActionExecutor(handlers, outputJoin, invocations,
                new AsyncResultReader(invocationRows, outputJoin));
        // the worker's statements are not request statements: its own, unobserved runner
        // (nor timed in joinery_sql_statements_seconds: its polls would drown the requests' statements)
        AsyncActionWorker asyncWorker = new AsyncActionWorker(new InvocationRows(database.sqlRunner(), telemetry),
                invocations,
                () -> store.current().model().actions(), handlers, config.asyncActionsConcurrency(),
                AsyncActionWorker.POLL_INTERVAL, config.replicas().asyncActionsLease());

        ApiLimiter limiter = ApiLimiter.of(() -> store.current().metadata().policy().limits(),
                (limit, role) -> telemetry.rateLimitRefused(limit));
        GraphqlExecutor graphql = new GraphqlExecutor(store::current, telemetry.tracing(),
                new OperationPreparer(telemetry.<Object, PreparedOperation>planCache("operations", PREPARED_OPERATIONS),
                        config.documentLimits()),
                new OperationRunner(sql, actions,
                        new ActionJoinExecutor(handlers, outputJoin, config.actionJoinConcurrency()), telemetry),
                new OperationExplainer(sql), limiter);
        DisposableServer server = FrontDoor.start(
                FrontDoorConfig.of(config.host(), config.port(), config.cors())
                        .withLimits(HardLimits.fromEnvironment(Environment.of(config.env()))),
                SessionResolver.create(config.auth(), telemetry),
                ChildServer.routes(new GraphqlRoute(graphql, limiter), new MetadataRoute(store), new HealthRoute(store, sql),
                        config.consoleEnabled(), MetricsRoute.route(telemetry, config.auth(), observability)),
                telemetry);
        // the invocations table exists once metadata is loaded (CatalogMigrations ran first)
        // a failure is logged by the store and reported through ready(), which `main` watches
        Disposable loading = store.load().subscribe(loaded -> asyncWorker.start(), error -> { });
        // changes other children on the database make (SPEC §14)
        Disposable following = store.follow(config.replicas().metadataPollInterval(), Schedulers.parallel()).subscribe();
        Logs.STARTUP.atInfo().addKeyValue("kind", "server_configuration")
                .addKeyValue("server", ChildServer.SERVER_NAME).addKeyValue("version", JoineryVersion.current())
                .addKeyValue("host", config.host()).addKeyValue("port", server.port())
                .addKeyValue("database", database.isEmbedded() ? "embedded" : database.url().redacted())
                .log("joinery-child listening on http://{}:{} (GraphQL /v1/graphql, metadata /v1/metadata)",
                        config.host(), server.port());
        return new ChildApp(database, store, asyncWorker, handlers, Disposables.composite(loading, following), server,
                telemetry);
    }

    /**
     * The metadata half of the wiring: Joinery's own tables, the stored metadata, the catalog it is
     * resolved against, `run_sql`. Not loaded yet ({@link MetadataStore#load}); metadata tests use it alone.
     *
     * @param env how actions' `{{VAR}}` and `value_from_env` are read (ChildConfig.env)
     */
    public static MetadataStore metadataStore(Function<String, String> env, SqlRunner sql, Database database,
                                              Optional<JsonNode> fileMetadata) {
        // the periodic check of other children's changes is not a request statement: its own, unobserved runner
        MetadataRow row = new MetadataRow(sql, database.sqlRunner());
        PgCatalogReader catalog = new PgCatalogReader(sql);
        MetadataResolver resolver = new MetadataResolver(env, ChildSchemaBuilder::check, PermissionExpParser::check);
        Flux<String> changes = PgListener.listen(database.listenConnections(), MetadataRow.CHANNEL);
        return new MetadataStore(
                new MetadataLoader(new CatalogMigrations(sql), row, catalog, resolver, fileMetadata),
                new ChildCommandApplier(catalog, resolver), new RowPersister(row, catalog, resolver, changes),
                new RunSqlRunner(database.runSqlExecutor(), row, catalog, resolver));
    }

    /** Blocks until metadata is loaded; for `main` logging and tests. */
    public ChildApp awaitReady(Duration timeout) {
        store.ready().block(timeout);
        return this;
    }

    public int port() {
        return server.port();
    }

    public MetadataStore store() {
        return store;
    }

    /** The owner of this child's asynchronous action leases (`claimed_by`), for logs and tests. */
    public UUID asyncWorkerId() {
        return asyncWorker.id();
    }

    /**
     * Graceful stop (SIGTERM): the port stops accepting, in-flight requests finish (up to
     * {@link FrontDoor#DRAIN_TIMEOUT}); asynchronous action calls in flight are
     * cancelled and return to the queue; then the handlers' connection pool and the database close.
     */
    @Override
    public void close() {
        server.disposeNow(FrontDoor.DRAIN_TIMEOUT);
        try {
            asyncWorker.stop().block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // the next start queues them again anyway (they are found `processing`)
            LOG.warn("could not return in-flight asynchronous action calls to the queue: {}", e.getMessage());
        }
        loading.dispose();
        asyncWorker.abandon();
        handlers.dispose();
        database.close();
        telemetry.close();
    }
}
