package io.joinery.gateway;

import io.joinery.core.auth.SessionResolver;
import io.joinery.core.http.FrontDoor;
import io.joinery.core.http.FrontDoorConfig;
import io.joinery.gateway.execute.PlanExecutor;
import io.joinery.gateway.http.GatewayServer;
import io.joinery.gateway.http.GraphqlRoute;
import io.joinery.gateway.http.HealthRoute;
import io.joinery.gateway.http.MetadataRoute;
import io.joinery.gateway.metadata.GatewayMetadata;
import io.joinery.gateway.metadata.MetadataFile;
import io.joinery.gateway.remote.HttpRemoteClient;
import io.joinery.gateway.schema.RemoteLoader;
import io.joinery.gateway.schema.RemoteSchemaIntrospector;
import io.joinery.gateway.snapshot.MetadataStore;
import io.joinery.gateway.snapshot.RemoteRetrier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import reactor.core.Disposable;
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
    private final Disposable retries;

    private Gateway(DisposableServer server, MetadataStore store, HttpRemoteClient client, Disposable retries) {
        this.server = server;
        this.store = store;
        this.client = client;
        this.retries = retries;
    }

    public static Gateway start(GatewayConfig config) {
        return start(config, MetadataFile.at(config.metadataFile()));
    }

    /** Starts with an explicit metadata file (tests use a read-only one). */
    public static Gateway start(GatewayConfig config, MetadataFile file) {
        GatewayMetadata metadata = file.read().orElse(GatewayMetadata.EMPTY);
        HttpRemoteClient client = new HttpRemoteClient(config.upstream());
        String userAgent = "joinery/" + VERSION;
        RemoteLoader loader = new RemoteLoader(new RemoteSchemaIntrospector(client, userAgent), config.env());
        MetadataStore store = MetadataStore.start(metadata, file, loader).block();
        GraphqlRoute.warmUp(store.current().supergraph().schema());
        GraphqlRoute graphql = new GraphqlRoute(store, new PlanExecutor(client, userAgent, config.joinMaxKeys()), 10_000);
        DisposableServer server = FrontDoor.start(
                FrontDoorConfig.of(config.host(), config.port(), config.cors()).withCompression(true),
                SessionResolver.create(config.auth()),
                GatewayServer.routes(graphql, new MetadataRoute(store), new HealthRoute(store), VERSION,
                        config.consoleEnabled()));
        Disposable retries = new RemoteRetrier(store::retryFailedRemotes, config.retryInitialDelay(), config.retryMaxDelay(),
                Schedulers.parallel()).loop().subscribe();
        return new Gateway(server, store, client, retries);
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

    @Override
    public void close() {
        retries.dispose();
        server.disposeNow();
        client.dispose();
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
