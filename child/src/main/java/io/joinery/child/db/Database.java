package io.joinery.child.db;

import io.joinery.core.pg.DatabaseUrl;
import io.joinery.core.pg.PgConnections;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child's database: a pooled r2dbc connection to {@code JOINERY_DATABASE_URL}, or, when none
 * is configured, an embedded Postgres whose data directory survives restarts. Either way every
 * connection of the child (the pool, `LISTEN`) runs with `statement_timeout` set
 * ({@link StatementTimeout}, default 60 s); `run_sql` sets its own per call ({@link RunSqlExecutor}).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseUrl url;
    private final ConnectionPool pool;
    private final EmbeddedPostgres embedded;
    private final Duration statementTimeout;

    private Database(DatabaseUrl url, ConnectionPool pool, EmbeddedPostgres embedded, Duration statementTimeout) {
        this.url = url;
        this.pool = pool;
        this.embedded = embedded;
        this.statementTimeout = statementTimeout;
    }

    /** Connects to an existing database with the default statement timeout; nothing is contacted until the first query. */
    public static Database connect(DatabaseUrl url, int maxConnections) {
        return connect(url, maxConnections, StatementTimeout.DEFAULT);
    }

    /** As {@link #connect(DatabaseUrl, int)}, statements cancelled after {@code statementTimeout} (zero: never). */
    public static Database connect(DatabaseUrl url, int maxConnections, Duration statementTimeout) {
        return new Database(url, pool(url, maxConnections, statementTimeout), null, statementTimeout);
    }

    /**
     * Starts (or restarts) embedded Postgres in {@code dataDir}. Blocking: call it from `main` or a
     * test, never from an event loop.
     */
    public static Database startEmbedded(Path dataDir, int maxConnections, boolean durable) {
        return startEmbedded(dataDir, maxConnections, durable, StatementTimeout.DEFAULT);
    }

    /** As {@link #startEmbedded(Path, int, boolean)}, statements cancelled after {@code statementTimeout} (zero: never). */
    public static Database startEmbedded(Path dataDir, int maxConnections, boolean durable,
                                         Duration statementTimeout) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100");
            if (durable) {
                builder.setServerConfig("fsync", "on");
            }
            LOG.info("starting embedded Postgres in {}", dataDir.toAbsolutePath());
            EmbeddedPostgres pg = builder.start();
            DatabaseUrl url = DatabaseUrl.local(pg.getPort(), "postgres", "postgres");
            return new Database(url, pool(url, maxConnections, statementTimeout), pg, statementTimeout);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the embedded database in " + dataDir.toAbsolutePath()
                    + " is in use by another process (is a child already running?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Postgres in " + dataDir.toAbsolutePath(), e);
        }
    }

    private static ConnectionPool pool(DatabaseUrl url, int maxConnections, Duration statementTimeout) {
        return PgConnections.pool(url, "joinery-child", maxConnections, statementTimeout);
    }

    /** A connection of its own (not pooled) for `LISTEN`: notifications arrive only on the connection that listens. */
    public PostgresqlConnectionFactory listenConnections() {
        return PgConnections.unpooled(url, "joinery-child-listen", statementTimeout);
    }

    public DatabaseUrl url() {
        return url;
    }

    public SqlRunner sqlRunner() {
        return new SqlRunner(pool);
    }

    public RunSqlExecutor runSqlExecutor() {
        return new RunSqlExecutor(url.jdbcUrl(), url.user(), url.password());
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("embedded Postgres did not stop cleanly", e);
            }
        }
    }
}
