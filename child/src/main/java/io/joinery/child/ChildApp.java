package io.joinery.child;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.Database;
import io.joinery.child.http.ChildServer;
import io.joinery.core.http.AdminSecretCheck;
import io.joinery.core.http.Cors;
import io.joinery.core.http.FrontDoor;
import io.joinery.core.http.FrontDoorConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import io.joinery.child.db.SqlStatement;
import reactor.netty.DisposableServer;

/**
 * A running child: database, metadata runtime and HTTP server, wired with plain constructors.
 * `ChildMain` starts one from the environment; tests start one on port 0.
 */
public final class ChildApp implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChildApp.class);
    private final Database database;
    private final ChildRuntime runtime;
    private final DisposableServer server;

    private ChildApp(Database database, ChildRuntime runtime, DisposableServer server) {
        this.database = database;
        this.runtime = runtime;
        this.server = server;
    }

    /** Binds the server at once; the metadata store opens in the background ({@link #awaitReady}). */
    public static ChildApp start(ChildConfig config, Database database, Optional<JsonNode> fileMetadata) {
        return start(config, database, fileMetadata, statement -> { });
    }

    /** As {@link #start(ChildConfig, Database, Optional)}, with {@code observer} seeing every SQL statement sent. */
    public static ChildApp start(ChildConfig config, Database database, Optional<JsonNode> fileMetadata,
                                 Consumer<SqlStatement> observer) {
        ChildRuntime runtime = ChildRuntime.open(database.sqlRunner().observed(observer), database.sqlRunner(),
                database.runSqlExecutor(), fileMetadata, config.asyncActionsConcurrency());
        DisposableServer server = FrontDoor.start(FrontDoorConfig.of(config.host(), config.port(),
                Cors.parse(config.corsDomain())), new AdminSecretCheck(config.adminSecret()), ChildServer.routes(runtime));
        return new ChildApp(database, runtime, server);
    }

    /** Blocks until metadata is loaded; for `main` logging and tests. */
    public ChildApp awaitReady(Duration timeout) {
        runtime.ready().block(timeout);
        return this;
    }

    public int port() {
        return server.port();
    }

    public ChildRuntime runtime() {
        return runtime;
    }

    /**
     * Graceful stop: in-flight requests finish (up to 10 s); asynchronous action calls in flight are
     * cancelled and return to the queue; then the pool and database close.
     */
    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(10));
        try {
            runtime.stopAsyncActions().block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // the next start queues them again anyway (they are found `processing`)
            LOG.warn("could not return in-flight asynchronous action calls to the queue: {}", e.getMessage());
        }
        runtime.close();
        database.close();
    }
}
