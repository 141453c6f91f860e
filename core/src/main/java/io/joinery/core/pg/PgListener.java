package io.joinery.core.pg;

import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Postgres `LISTEN` on a connection of its own: the payloads of the notifications sent to one
 * channel (SPEC §14: how replicas hear of each other's changes).
 *
 * <p>Invariants: the Flux never ends while subscribed. When the connection drops it reconnects with
 * backoff; every (re)connection first emits {@link #CONNECTED}, because notifications sent while
 * nobody listened are lost and the subscriber must look at the stored state again.
 */
public final class PgListener {
    /** Emitted when listening (re)starts, before any notification. */
    public static final String CONNECTED = "";

    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]*");

    private PgListener() {}

    /** The payloads sent to {@code channel} (a plain lower-case identifier), starting with {@link #CONNECTED}. */
    public static Flux<String> listen(PostgresqlConnectionFactory connections, String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        return Flux.usingWhen(connections.create(),
                        connection -> listenOn(connection, channel),
                        PostgresqlConnection::close)
                .concatWith(Mono.error(() -> new IllegalStateException("the LISTEN connection closed")))
                .doOnError(e -> LOG.warn("listening on {} failed, reconnecting: {}", channel, e.getMessage()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                        .transientErrors(true));
    }

    private static Flux<String> listenOn(PostgresqlConnection connection, String channel) {
        return connection.createStatement("LISTEN " + channel).execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .thenMany(Flux.just(CONNECTED).concatWith(connection.getNotifications()
                        .map(n -> n.getParameter() == null ? "" : n.getParameter())));
    }
}
