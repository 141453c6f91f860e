package io.joinery.core.upstream;

import io.joinery.core.http.ServerLoops;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * An {@link UpstreamClient}'s keep-alive connections, one pool per event loop of the servers.
 *
 * <p>Design note: both services answer clients on Reactor Netty's shared event loops and call
 * upstreams from the loop the client's request is on. With one pool for all loops, an idle
 * connection is usually another loop's: the request is handed to that loop, and its answer back
 * to the client's loop (two hand-offs between threads per call; 24 % of the gateway's CPU in a
 * pass-through profile ran as such hand-offs, issue 16). Here a call made on a loop takes a
 * connection of that loop's own pool, opened on that loop, so the request, the answer and the
 * client's response stay on one thread. Calls from any other thread (start-up, tests, a
 * database driver's threads) share one more pool.
 *
 * <p>The limits stay totals: the connections per server and the calls that may wait for one are
 * split evenly over the pools (at least one each); a busy loop waits for its own connections even
 * when another loop has idle ones, as in Envoy's per-worker pools.
 */
final class LoopPools {
    private final String name;
    private final int maxConnections;
    private final int maxPending;
    private final Duration idle;
    private final boolean acceptGzip;
    private final Pool others;
    private final Map<EventLoop, Pool> byLoop = new ConcurrentHashMap<>();
    private final List<Pool> all = new CopyOnWriteArrayList<>();

    /**
     * {@code maxConnections} per server and {@code maxPending} waiting calls in all; idle
     * connections are closed after {@code idle} (also in the background, every half of it).
     */
    LoopPools(String name, int maxConnections, int maxPending, Duration idle, boolean acceptGzip) {
        int pools = ServerLoops.count() + 1;
        this.name = name;
        this.maxConnections = share(maxConnections, pools);
        this.maxPending = share(maxPending, pools);
        this.idle = idle;
        this.acceptGzip = acceptGzip;
        this.others = open(name, null);
    }

    /** The pool of the loop this runs on, or the one of every other thread. */
    Pool current() {
        Optional<ServerLoops.Loop> loop = ServerLoops.current();
        if (loop.isEmpty()) {
            return others;
        }
        Pool pool = byLoop.get(loop.get().eventLoop()); // no lambda to build once the loop has its pool
        return pool != null ? pool
                : byLoop.computeIfAbsent(loop.get().eventLoop(), l -> open(name + "-" + l.hashCode(), l));
    }

    /** The connections per server of each pool (the total split evenly, at least one). */
    int maxConnectionsPerPool() {
        return maxConnections;
    }

    void dispose() {
        all.forEach(pool -> pool.provider.dispose());
    }

    /** A pool whose connections are opened on {@code loop}, or on any loop when it is null. */
    private Pool open(String poolName, EventLoop loop) {
        ConnectionProvider provider = ConnectionProvider.builder(poolName)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(maxPending)
                .maxIdleTime(idle)
                .evictInBackground(idle.dividedBy(2))
                .lifo()
                .build();
        HttpClient http = HttpClient.create(provider).compress(acceptGzip);
        Pool pool = new Pool(provider, loop == null ? http : http.runOn(new OneLoop(loop)), loop != null);
        all.add(pool);
        return pool;
    }

    private static int share(int total, int pools) {
        return Math.max(1, (total + pools - 1) / pools);
    }

    /**
     * One pool and the POSTs made through it, one per URL ({@link UpstreamClient#sender}).
     * {@code onLoop}: a loop's own pool, used only on that loop, whose calls time out on the loop's
     * timer ({@link ServerLoops#timer()}).
     */
    static final class Pool {
        private final ConnectionProvider provider;
        final HttpClient http;
        final boolean onLoop;
        final Map<URI, HttpClient.RequestSender> senders = new ConcurrentHashMap<>();

        Pool(ConnectionProvider provider, HttpClient http, boolean onLoop) {
            this.provider = provider;
            this.http = http;
            this.onLoop = onLoop;
        }
    }

    /** One event loop as a client's loops: connections are opened on it; never shut down from here. */
    private record OneLoop(EventLoop loop) implements LoopResources {
        @Override
        public EventLoopGroup onServer(boolean useNative) {
            return loop;
        }
    }
}
