package io.joinery.child.http;

import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.db.Database;
import io.joinery.child.db.SqlStatement;
import io.joinery.core.http.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A child on port 0 over a given database, recording every SQL statement it sends. BlockHound is
 * installed for every child test ({@link io.joinery.child.testing.BlockHoundInstaller}), so any
 * blocking call on an event-loop thread fails the request under test.
 */
final class ChildTestServer implements AutoCloseable {

    final ChildApp app;
    final TestHttp http;
    final List<SqlStatement> statements = new CopyOnWriteArrayList<>();

    ChildTestServer(Database database, Optional<String> adminSecret) {
        this(database, adminSecret, ChildConfig.DEFAULT_ASYNC_ACTIONS_CONCURRENCY);
    }

    ChildTestServer(Database database, Optional<String> adminSecret, int asyncActionsConcurrency) {
        ChildConfig config = new ChildConfig(0, "127.0.0.1", adminSecret, Optional.empty(), Path.of("unused"),
                Optional.empty(), "*", 8, asyncActionsConcurrency, System::getenv);
        this.app = ChildApp.start(config, database, Optional.empty(), statements::add).awaitReady(Duration.ofSeconds(60));
        this.http = new TestHttp(app.port());
    }

    /** Statements sent since the last call, then forgets them. */
    List<SqlStatement> takeStatements() {
        List<SqlStatement> taken = List.copyOf(statements);
        statements.clear();
        return taken;
    }

    @Override
    public void close() {
        app.close();
    }
}
