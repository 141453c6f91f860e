package io.joinery.gateway;

import io.joinery.core.auth.SessionResolver;
import io.joinery.core.config.Environment;
import io.joinery.core.http.FrontDoor;
import io.joinery.core.http.FrontDoorConfig;
import io.joinery.core.http.HardLimits;
import io.joinery.core.limits.ApiLimiter;
import io.joinery.core.http.MetricsRoute;
import io.joinery.core.observe.Logs;
import io.joinery.core.observe.ObservabilityConfig;
import io.joinery.core.observe.Telemetry;
import io.joinery.core.observe.Tracing;
import io.joinery.core.pg.DatabaseUrl;
import io.joinery.core.pg.PgConnections;
import io.joinery.core.pg.PgListener;
import io.joinery.gateway.execute.PlanExecutor;
import io.joinery.gateway.http.GatewayServer;
import io.joinery.gateway.http.GraphqlRoute;
import io.joinery.gateway.http.HealthRoute;
import io.joinery.gateway.http.MetadataRoute;
import io.joinery.gateway.metadata.GatewayMetadata;
import io.joinery.gateway.metadata.MetadataFile;
import io.joinery.gateway.metadata.MetadataTable;
import io.joinery.gateway.remote.HttpRemoteClient;
import io.joinery.gateway.schema.RemoteLoader;
import io.joinery.gateway.schema.RemoteSchemaIntrospector;
import io.joinery.gateway.snapshot.MetadataStore;
import io.joinery.gateway.snapshot.RemoteRetrier;
import io.r2dbc.pool.ConnectionPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;

/**
 * A running gateway: plain constructor wiring of every stage (no container). {@link #start}
 * blocks while reading the metadata file and introspecting remotes, so call it from `main` or a
 * test, never from an event loop.
 */
public final class Gateway implements AutoCloseable {
    public static final String VERSION = readVersion();

    private final DisposableServer server;
    private final MetadataStore store;
    private final HttpRemoteClient client;
    private final Disposable background;
    private final Telemetry telemetry;

    private Gateway(DisposableServer server, MetadataStore store, HttpRemoteClient client, Disposable background,
                    Telemetry telemetry) {
        this.server = server;
        this.store = store;
        this.client = client;
        this.background = background;
        this.telemetry = telemetry;
    }

    public static Gateway start(GatewayConfig config) {
        return start(config, MetadataFile.at(config.metadataFile()));
    }

    /**
     * Starts with an explicit metadata file (tests use a read-only one). With a metadata database
     * (SPEC §14) the file only seeds an empty store, and the store follows the other replicas.
     */
    public static Gateway start(GatewayConfig config, MetadataFile file) {
        GatewayMetadata metadata = file.read().orElse(GatewayMetadata.EMPTY);
        ObservabilityConfig observability = ObservabilityConfig.fromEnv(config.env());
        Telemetry telemetry = Telemetry.create(observability,
                Tracing.fromEnv(config.env(), GatewayServer.SERVER_NAME, observability.tracePropagation()));
        HttpRemoteClient client = new HttpRemoteClient(config.upstream(), telemetry);
        String userAgent = "joinery/" + VERSION;
        RemoteLoader loader = new RemoteLoader(new RemoteSchemaIntrospector(client, userAgent), config.env());
        Disposable.Composite background = Disposables.composite();
        boolean rolePermissions = RemoteSchemaPermissionsConfig.fromEnv(config.env()).enabled();
        MetadataStore store;
        if (config.metadataDatabaseUrl().isPresent()) {
            DatabaseUrl url = DatabaseUrl.parse(config.metadataDatabaseUrl().get(), "JOINERY_METADATA_DATABASE_URL");
            ConnectionPool pool = PgConnections.pool(url, "joinery-gateway", 4);
            background.add(() -> pool.disposeLater().subscribe());
            store = MetadataStore.startShared(metadata, new MetadataTable(pool),
                    PgListener.listen(PgConnections.unpooled(url, "joinery-gateway-listen"), MetadataTable.CHANNEL),
                    loader, "metadata database " + url.redacted(), rolePermissions).block();
            background.add(store.follow(config.metadataPollInterval(), Schedulers.parallel()).subscribe());
        } else {
            store = MetadataStore.start(metadata, file, loader, rolePermissions).block();
        }
        GraphqlRoute.warmUp(store.current().supergraph().schema());
        MetadataStore current = store;
        ApiLimiter limiter = ApiLimiter.of(() -> current.current().metadata().policy().limits(),
                (limit, role) -> telemetry.rateLimitRefused(limit));
        GraphqlRoute graphql = new GraphqlRoute(store, new PlanExecutor(client, userAgent, config.joinMaxKeys()), 10_000,
                config.documentLimits(), limiter, telemetry);
        DisposableServer server = FrontDoor.start(
                FrontDoorConfig.of(config.host(), config.port(), config.cors()).withCompression(true)
                        .withLimits(HardLimits.fromEnvironment(Environment.of(config.env()))),
                SessionResolver.create(config.auth(), telemetry),
                GatewayServer.routes(graphql, new MetadataRoute(store), new HealthRoute(store), VERSION,
                        config.consoleEnabled(), MetricsRoute.route(telemetry, config.auth(), observability)),
                telemetry);
        background.add(new RemoteRetrier(store::retryFailedRemotes, config.retryInitialDelay(), config.retryMaxDelay(),
                Schedulers.parallel()).loop().subscribe());
        Logs.STARTUP.atInfo().addKeyValue("kind", "server_configuration")
                .addKeyValue("server", GatewayServer.SERVER_NAME).addKeyValue("version", VERSION)
                .addKeyValue("host", config.host()).addKeyValue("port", server.port())
                .addKeyValue("metadata_storage", store.storage())
                .log("joinery-gateway {} listening on port {} ({})", VERSION, server.port(), store.storage());
        return new Gateway(server, store, client, background, telemetry);
    }

    public int port() {
        return server.port();
    }

    public MetadataStore store() {
        return store;
    }

    public void onDispose() {
        server.onDispose().block();
    }

    /**
     * Graceful stop (SIGTERM): the port stops accepting, requests in flight finish (up to
     * {@link FrontDoor#DRAIN_TIMEOUT}), then background work and connections end.
     */
    @Override
    public void close() {
        server.disposeNow(FrontDoor.DRAIN_TIMEOUT);
        background.dispose();
        client.dispose();
        telemetry.close();
    }

    private static String readVersion() {
        try (InputStream in = Gateway.class.getResourceAsStream("/joinery-gateway.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
