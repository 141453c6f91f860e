package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.db.Database;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import io.joinery.core.upstream.UpstreamSettings;
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
        this(database, new ChildConfig(0, "127.0.0.1", adminSecret, Optional.empty(), Path.of("unused"),
                Optional.empty(), "*", 8, asyncActionsConcurrency, System::getenv));
    }

    /** With the connections to action handlers as {@code upstream} says. */
    ChildTestServer(Database database, UpstreamSettings upstream) {
        this(database, new ChildConfig(0, "127.0.0.1", Optional.empty(), Optional.empty(), Path.of("unused"),
                Optional.empty(), "*", 8, ChildConfig.DEFAULT_ASYNC_ACTIONS_CONCURRENCY, upstream));
    }

    ChildTestServer(Database database, ChildConfig config) {
        this.app = ChildApp.start(config, database, Optional.empty(), statements::add).awaitReady(Duration.ofSeconds(60));
        this.http = new TestHttp(app.port());
    }

    /** A child on a fresh database, without an admin secret. */
    static ChildTestServer onFreshDatabase() {
        return new ChildTestServer(TestDatabase.fresh(), Optional.empty());
    }

    /** {@link #onFreshDatabase()}, set up with {@link #setUp}: what most route tests start from. */
    static ChildTestServer started(String sql, String metadata) {
        return onFreshDatabase().setUp(sql, metadata);
    }

    /**
     * Runs {@code sql} through `/v2/query`, then sends {@code metadata} (one call or a `bulk`) to
     * `/v1/metadata`; both must answer 200.
     */
    ChildTestServer setUp(String sql, String metadata) {
        TestHttp.Response ran = http.runSql(sql);
        assertThat(ran.status()).as(ran.body()).isEqualTo(200);
        TestHttp.Response applied = http.metadata(metadata);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        return this;
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
