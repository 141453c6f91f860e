package io.joinery.child.db;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ValidationDepth;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child's database: a pooled r2dbc connection to {@code JOINERY_DATABASE_URL}, or, when none
 * is configured, an embedded Postgres whose data directory survives restarts.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Prepared statements kept per pooled connection (the driver evicts the least recently used). */
    static final int PREPARED_STATEMENTS_PER_CONNECTION = 256;

    private final DatabaseUrl url;
    private final ConnectionPool pool;
    private final EmbeddedPostgres embedded;

    private Database(DatabaseUrl url, ConnectionPool pool, EmbeddedPostgres embedded) {
        this.url = url;
        this.pool = pool;
        this.embedded = embedded;
    }

    /** Connects to an existing database; nothing is contacted until the first query. */
    public static Database connect(DatabaseUrl url, int maxConnections) {
        return new Database(url, pool(url, maxConnections), null);
    }

    /**
     * Starts (or restarts) embedded Postgres in {@code dataDir}. Blocking: call it from `main` or a
     * test, never from an event loop.
     */
    public static Database startEmbedded(Path dataDir, int maxConnections, boolean durable) {
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
            return new Database(url, pool(url, maxConnections), pg);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the embedded database in " + dataDir.toAbsolutePath()
                    + " is in use by another process (is a child already running?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Postgres in " + dataDir.toAbsolutePath(), e);
        }
    }

    private static ConnectionPool pool(DatabaseUrl url, int maxConnections) {
        PostgresqlConnectionConfiguration.Builder config = PostgresqlConnectionConfiguration.builder()
                .host(url.host())
                .port(url.port())
                .database(url.database())
                .username(url.user())
                .applicationName("joinery-child")
                .connectTimeout(Duration.ofSeconds(10))
                // Statements with parameters are prepared once per connection and reused; bounded, as
                // every distinct query text (a plan-cache entry) would otherwise stay prepared for good.
                .preparedStatementCacheQueries(PREPARED_STATEMENTS_PER_CONNECTION)
                .sslMode(SSLMode.fromValue(url.sslMode().toLowerCase(Locale.ROOT)));
        if (url.password() != null) {
            config.password(url.password());
        }
        ConnectionPoolConfiguration poolConfig = ConnectionPoolConfiguration
                .builder(new PostgresqlConnectionFactory(config.build()))
                .name("joinery")
                .initialSize(0)
                .maxSize(maxConnections)
                .maxIdleTime(Duration.ofMinutes(10))
                .maxAcquireTime(Duration.ofSeconds(30))
                // No validation query: a query per acquire doubled the statements of every request
                // (issue 16). The LOCAL check costs no round trip (is the socket still open?); a
                // connection Postgres closed is dropped there, and idle ones are evicted in the background.
                .validationDepth(ValidationDepth.LOCAL)
                .backgroundEvictionInterval(Duration.ofSeconds(30))
                .build();
        return new ConnectionPool(poolConfig);
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
