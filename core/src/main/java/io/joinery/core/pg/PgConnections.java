package io.joinery.core.pg;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import java.time.Duration;
import java.util.Locale;

/**
 * r2dbc connections to a {@link DatabaseUrl}, configured one way for both services: the child's
 * database and the gateway's metadata database (`JOINERY_METADATA_DATABASE_URL`).
 */
public final class PgConnections {
    private PgConnections() {}

    /** Single connections, not pooled: what `LISTEN` needs ({@link PgListener}). */
    public static PostgresqlConnectionFactory unpooled(DatabaseUrl url, String applicationName) {
        PostgresqlConnectionConfiguration.Builder config = PostgresqlConnectionConfiguration.builder()
                .host(url.host())
                .port(url.port())
                .database(url.database())
                .username(url.user())
                .applicationName(applicationName)
                .connectTimeout(Duration.ofSeconds(10))
                .sslMode(SSLMode.fromValue(url.sslMode().toLowerCase(Locale.ROOT)));
        if (url.password() != null) {
            config.password(url.password());
        }
        return new PostgresqlConnectionFactory(config.build());
    }

    /** A pool of at most {@code maxConnections}; nothing is contacted until the first query. */
    public static ConnectionPool pool(DatabaseUrl url, String applicationName, int maxConnections) {
        ConnectionPoolConfiguration poolConfig = ConnectionPoolConfiguration
                .builder(unpooled(url, applicationName))
                .name("joinery")
                .initialSize(0)
                .maxSize(maxConnections)
                .maxIdleTime(Duration.ofMinutes(10))
                .maxAcquireTime(Duration.ofSeconds(30))
                .validationQuery("SELECT 1")
                .build();
        return new ConnectionPool(poolConfig);
    }
}
