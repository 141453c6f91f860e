package io.joinery.core.pg;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.Locale;

/**
 * r2dbc connections to a {@link DatabaseUrl}, configured one way for both services: the child's
 * database and the gateway's metadata database (`JOINERY_METADATA_DATABASE_URL`).
 */
public final class PgConnections {
    /** Prepared statements kept per connection (the driver evicts the least recently used). */
    public static final int PREPARED_STATEMENTS_PER_CONNECTION = 256;

    private PgConnections() {}

    /** Single connections, not pooled: what `LISTEN` needs ({@link PgListener}). */
    public static PostgresqlConnectionFactory unpooled(DatabaseUrl url, String applicationName) {
        return unpooled(url, applicationName, Duration.ZERO);
    }

    /**
     * As {@link #unpooled(DatabaseUrl, String)}, every connection with Postgres's
     * `statement_timeout` set to {@code statementTimeout} (zero: none set, the database's own applies).
     */
    public static PostgresqlConnectionFactory unpooled(DatabaseUrl url, String applicationName,
                                                       Duration statementTimeout) {
        PostgresqlConnectionConfiguration.Builder config = PostgresqlConnectionConfiguration.builder()
                .host(url.host())
                .port(url.port())
                .database(url.database())
                .username(url.user())
                .applicationName(applicationName)
                .connectTimeout(Duration.ofSeconds(10))
                // Statements with parameters are prepared once per connection and reused; bounded, as
                // every distinct query text (a plan-cache entry) would otherwise stay prepared for good.
                .preparedStatementCacheQueries(PREPARED_STATEMENTS_PER_CONNECTION)
                // The driver sends a statement without parameters as a simple query (parsed and planned
                // again every time) unless it has a fetch size; with one, outside a transaction and in
                // this mode, it takes the extended protocol's fetch-all path, prepared and cached like
                // the others (SqlRunner gives autocommit statements a fetch size). The mode changes
                // nothing else: it is about cursored fetches, which Joinery does not use.
                .compatibilityMode(true)
                .sslMode(SSLMode.fromValue(url.sslMode().toLowerCase(Locale.ROOT)));
        if (url.password() != null) {
            config.password(url.password());
        }
        if (!statementTimeout.isZero()) {
            config.statementTimeout(statementTimeout);
        }
        return new PostgresqlConnectionFactory(config.build());
    }

    /** A pool of at most {@code maxConnections}; nothing is contacted until the first query. */
    public static ConnectionPool pool(DatabaseUrl url, String applicationName, int maxConnections) {
        return pool(url, applicationName, maxConnections, Duration.ZERO);
    }

    /** As {@link #pool(DatabaseUrl, String, int)}, with {@code statementTimeout} on every connection (zero: none). */
    public static ConnectionPool pool(DatabaseUrl url, String applicationName, int maxConnections,
                                      Duration statementTimeout) {
        ConnectionPoolConfiguration poolConfig = ConnectionPoolConfiguration
                .builder(unpooled(url, applicationName, statementTimeout))
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
}
