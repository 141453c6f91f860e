package io.joinery.core.upstream;

import io.joinery.core.http.ServerLoops;
import io.joinery.core.observe.RequestObservation;
import io.joinery.core.observe.Tracing;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AttributeKey;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * POSTs to upstream HTTP servers (remote schemas, action handlers) over a pool of keep-alive
 * connections: the one outbound HTTP mechanism of both services.
 *
 * <p>Connection policy, for servers that close idle connections (Node and Express after 5 s):
 * <ul>
 *   <li>an idle connection is reused only within {@link UpstreamSettings#idleTimeout()}, checked
 *   when a connection is taken from the pool; idle connections are also closed in the background
 *   (every half idle timeout);
 *   <li>the most recently used idle connection is taken first (LIFO), so surplus connections age
 *   out instead of every connection being kept barely alive;
 *   <li>a request that fails on a stale connection is sent again at most once, per
 *   {@link StaleConnectionRetry};
 *   <li>a call made on one of the servers' event loops takes a connection of that loop's own
 *   pool, so it never hops between threads ({@link LoopPools}).
 * </ul>
 *
 * <p>Limits (SPEC §11.2): a response body is counted as it arrives, after decompression, and the
 * exchange abandoned with {@link UpstreamResponseTooLarge} as soon as it passes
 * {@link UpstreamSettings#maxResponseBytes()}; at most {@link UpstreamSettings#maxPending()} calls
 * in all wait for a pooled connection (split over the pools), and one more fails at once (Reactor Netty's
 * {@code PoolAcquirePendingLimitException}) rather than queueing without bound.
 *
 * <p>A request sent while answering a client's request (its {@link RequestObservation} is in the
 * Reactor context) carries that request's `x-request-id`, so remotes and handlers log the same id,
 * and the W3C `traceparent` of the current span (or of the client's trace when none is exported).
 *
 * <p>Any HTTP status is a response; the Mono fails on transport errors, on a response past the
 * limit, and when the request's timeout passes.
 */
public final class UpstreamClient {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);
    /** Set on a channel once it has carried a request: a later request on it is on a reused connection. */
    private static final AttributeKey<Boolean> CARRIED_A_REQUEST = AttributeKey.valueOf("joinery.upstream.used");

    private static final byte[] NO_BYTES = new byte[0];
    /** URLs whose request sender is kept (remote schemas and action handlers: a few). */
    private static final int MAX_SENDERS = 256;

    /** The pooled connections, one pool per event loop; null with no idle timeout (no connection kept). */
    private final LoopPools pools;
    private final LoopPools.Pool fresh;
    private final int maxResponseBytes;

    private UpstreamClient(LoopPools pools, HttpClient fresh, int maxResponseBytes) {
        this.pools = pools;
        this.fresh = new LoopPools.Pool(null, fresh, false);
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * A client with its own pools named {@code name} (at most {@code maxConnections} per server in
     * all, {@link LoopPools}). {@code acceptGzip} asks servers for compressed responses (decompressed here).
     */
    public static UpstreamClient pooled(String name, int maxConnections, boolean acceptGzip,
                                        UpstreamSettings settings) {
        Duration idle = settings.idleTimeout();
        // Reactor Netty's retry of requests of which nothing was written stays on (the default):
        // StaleConnectionRetry's rule 1
        HttpClient fresh = HttpClient.newConnection().compress(acceptGzip);
        LoopPools pools = idle.isZero() ? null
                : new LoopPools(name, maxConnections, settings.maxPending(), idle, acceptGzip);
        return new UpstreamClient(pools, fresh, settings.maxResponseBytes());
    }

    public Mono<UpstreamResponse> post(UpstreamRequest request) {
        return Mono.deferContextual(context -> {
            AttemptRecorder first = new AttemptRecorder();
            List<Map.Entry<String, String>> observed = new ArrayList<>(3);
            RequestObservation.in(context)
                    .ifPresent(o -> observed.add(Map.entry(RequestObservation.REQUEST_ID_HEADER, o.requestId())));
            Tracing.inject(Tracing.current(context), observed);
            LoopPools.Pool pool = pools == null ? fresh : pools.current();
            Mono<UpstreamResponse> sent = exchange(pool, request, observed, first)
                    .onErrorResume(error -> StaleConnectionRetry.allows(request.idempotency(), first.observed(), error),
                            error -> {
                                LOG.debug("sending {} again on a new connection: the reused one closed before the response ({})",
                                        request.url(), error.toString());
                                return exchange(fresh, request, observed, new AttemptRecorder());
                            });
            if (Tracing.inClientSpan(context)) {
                sent = sent.doOnNext(response -> Tracing.httpExchange(context, "POST", request.url(), response.status()));
            }
            // with a fallback: Reactor's own timeout names its source for the message, a regex per call
            return sent.timeout(request.timeout(), Mono.error(() -> new TimeoutException("no response from "
                    + request.url() + " within " + request.timeout().toMillis() + " ms")),
                    ServerLoops.timer());
        });
    }

    /**
     * The POST to {@code url} through {@code pool}, made once per URL: Reactor Netty copies its whole
     * configuration for every step of building a request, so the steps that do not depend on the
     * request are taken once; headers and the response timeout are set on each request itself.
     */
    private static HttpClient.RequestSender sender(LoopPools.Pool pool, URI url) {
        HttpClient.RequestSender sender = pool.senders.get(url);
        if (sender == null) {
            sender = pool.http.post().uri(url);
            if (pool.senders.size() < MAX_SENDERS) {
                pool.senders.put(url, sender);
            }
        }
        return sender;
    }

    /** @param observed headers of the request being answered (its id), replacing any of the same name */
    private Mono<UpstreamResponse> exchange(LoopPools.Pool pool, UpstreamRequest request,
                                            List<Map.Entry<String, String>> observed, AttemptRecorder attempt) {
        byte[] body = request.bodyBytes();
        return sender(pool, request.url())
                .send((outgoing, outbound) -> {
                    headers(outgoing.requestHeaders(), request.headers(), observed, body.length);
                    if (!pool.onLoop) {
                        // also on the channel: the exchange still times out if no Reactor timer thread runs
                        outgoing.responseTimeout(request.timeout());
                    }
                    outbound.withConnection(connection -> attempt.started(connection.channel()));
                    // one Mono: headers and body leave in one write
                    return outbound.send(Mono.fromSupplier(() -> {
                        attempt.written();
                        return Unpooled.wrappedBuffer(body);
                    }));
                })
                .response((response, content) -> {
                    attempt.responded();
                    // a list of its own already (copied once more by the response)
                    List<Map.Entry<String, String>> headers = response.responseHeaders().entries();
                    // counted while it arrives: a body past the limit is never held whole
                    return content.asByteArray()
                            .reduceWith(() -> new Received(maxResponseBytes), Received::add)
                            .map(Received::bytes)
                            .defaultIfEmpty(NO_BYTES)
                            .map(bytes -> new UpstreamResponse(response.status().code(), headers, bytes));
                })
                .single();
    }

    /**
     * The request's headers as they were when set on the client before each request: the client's
     * defaults (`Accept-Encoding`), the listed ones, the observed ones replacing any of the same
     * name, `Content-Length` (a known length rather than chunked encoding: what simple servers
     * expect), then Reactor Netty's `User-Agent`, `Host` and `Accept` unless listed. Reactor Netty
     * has set its own and, not knowing the length yet, chunked encoding when this runs.
     */
    private static void headers(HttpHeaders h, List<Map.Entry<String, String>> listed,
                                List<Map.Entry<String, String>> observed, int length) {
        String agent = h.get(HttpHeaderNames.USER_AGENT);
        String host = h.get(HttpHeaderNames.HOST);
        String accept = h.get(HttpHeaderNames.ACCEPT);
        h.remove(HttpHeaderNames.USER_AGENT).remove(HttpHeaderNames.HOST).remove(HttpHeaderNames.ACCEPT)
                .remove(HttpHeaderNames.TRANSFER_ENCODING);
        for (Map.Entry<String, String> e : listed) {
            h.add(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : observed) {
            h.set(e.getKey(), e.getValue());
        }
        h.set(HttpHeaderNames.CONTENT_LENGTH, length);
        if (agent != null && !h.contains(HttpHeaderNames.USER_AGENT)) {
            h.set(HttpHeaderNames.USER_AGENT, agent);
        }
        if (host != null && !h.contains(HttpHeaderNames.HOST)) {
            h.set(HttpHeaderNames.HOST, host);
        }
        if (accept != null && !h.contains(HttpHeaderNames.ACCEPT)) {
            h.set(HttpHeaderNames.ACCEPT, accept);
        }
    }

    /** Closes pooled connections (shutdown and tests). */
    public void dispose() {
        if (pools != null) {
            pools.dispose();
        }
    }

    /**
     * A body's chunks as they arrive: most bodies come in one, which is then the body without a
     * copy; the others are copied once, into a body of their total size.
     */
    private static final class Received {
        private final int max;
        private final List<byte[]> chunks = new ArrayList<>(4);
        private long size;

        Received(int max) {
            this.max = max;
        }

        Received add(byte[] chunk) {
            size += chunk.length;
            if (size > max) {
                throw new UpstreamResponseTooLarge(max);
            }
            chunks.add(chunk);
            return this;
        }

        byte[] bytes() {
            if (chunks.size() <= 1) {
                return chunks.isEmpty() ? NO_BYTES : chunks.get(0);
            }
            byte[] body = new byte[(int) size];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, body, at, chunk.length);
                at += chunk.length;
            }
            return body;
        }
    }

    /**
     * What the latest attempt of one exchange saw; written on the connection's event loop. Reactor
     * Netty's own retry runs the send function again, which starts the record over.
     */
    private static final class AttemptRecorder {
        private volatile boolean reused;
        private volatile boolean written;
        private volatile boolean responded;

        void started(Channel channel) {
            reused = channel.attr(CARRIED_A_REQUEST).getAndSet(Boolean.TRUE) != null;
            written = false;
            responded = false;
        }

        void written() {
            written = true;
        }

        void responded() {
            responded = true;
        }

        StaleConnectionRetry.Attempt observed() {
            return new StaleConnectionRetry.Attempt(reused, written, responded);
        }
    }
}
