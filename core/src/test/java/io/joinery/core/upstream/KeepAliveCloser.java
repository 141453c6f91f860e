package io.joinery.core.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;

/**
 * Makes an in-process Reactor Netty server close idle keep-alive connections as Node and Express do,
 * with the close reaching the client late, as over a real network.
 *
 * <p>Once a connection has been idle (no request being served) for {@code idle}, the server gives it
 * up: a request that still arrives on it is never processed (the server's socket is closed; the
 * request would be answered with a reset), and the connection is closed. The client learns of the
 * close {@code closeLatency} later, unless a request of its own arrived first. A client that reuses the
 * connection in that window sees it close before any response: the stale-connection race, made wide
 * enough to happen on every such request instead of in a sub-millisecond window on loopback.
 *
 * <p>Install with {@code HttpServer.doOnConnection(closer::install)}. {@link #giveUpIdleConnections()}
 * gives up every currently idle connection at once, without closing it: a deterministic race.
 */
public final class KeepAliveCloser {
    private static final String HANDLER_NAME = "joinery.test.keepAliveCloser";
    private final Duration idle;
    private final Duration closeLatency;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger lostRequests = new AtomicInteger();
    private final List<Handler> handlers = new CopyOnWriteArrayList<>();

    public KeepAliveCloser(Duration idle, Duration closeLatency) {
        this.idle = idle;
        this.closeLatency = closeLatency;
    }

    /** Never gives up on its own: only {@link #giveUpIdleConnections()} does. */
    public static KeepAliveCloser manual() {
        return new KeepAliveCloser(Duration.ofDays(1), Duration.ofDays(1));
    }

    /**
     * For {@code HttpServer.doOnConnection}, which Reactor Netty calls when a request arrives, again for
     * each request of a connection.
     */
    public void install(Connection connection) {
        Channel channel = connection.channel();
        if (channel.pipeline().get(HANDLER_NAME) != null) {
            return;
        }
        Handler handler = new Handler();
        handlers.add(handler);
        channel.closeFuture().addListener(f -> handlers.remove(handler));
        channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, handler);
        connections.incrementAndGet();
    }

    /** Connections the server accepted. */
    public int connections() {
        return connections.get();
    }

    /** Requests that arrived on a connection the server had given up: never processed. */
    public int lostRequests() {
        return lostRequests.get();
    }

    /** Gives up every connection that is idle now (the close is not sent): the next request on it is lost. */
    public void giveUpIdleConnections() {
        for (Handler handler : handlers) {
            Channel channel = handler.channel;
            if (channel != null) {
                channel.eventLoop().submit(handler::giveUpIfIdle).syncUninterruptibly();
            }
        }
    }

    /** Per connection; every method runs on the connection's event loop. */
    private final class Handler extends ChannelDuplexHandler {
        private volatile Channel channel;
        private ScheduledFuture<?> idleTimer;
        private boolean serving;
        private boolean givenUp;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            // installed as the connection's first request arrives: idle from the end of its response
            serving = true;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (givenUp) {
                ReferenceCountUtil.release(msg);
                if (msg instanceof HttpRequest) {
                    lostRequests.incrementAndGet();
                }
                ctx.close();
                return;
            }
            if (msg instanceof HttpRequest) {
                serving = true;
                cancelIdleTimer();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean responseEnds = msg instanceof LastHttpContent;
            ctx.write(msg, promise);
            if (responseEnds) {
                serving = false;
                startIdleTimer(ctx);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancelIdleTimer();
            ctx.fireChannelInactive();
        }

        void giveUpIfIdle() {
            if (!serving) {
                cancelIdleTimer();
                givenUp = true;
            }
        }

        private void startIdleTimer(ChannelHandlerContext ctx) {
            cancelIdleTimer();
            idleTimer = ctx.executor().schedule(() -> {
                givenUp = true;
                ctx.executor().schedule(() -> {
                    ctx.close();
                }, closeLatency.toNanos(), TimeUnit.NANOSECONDS);
            }, idle.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void cancelIdleTimer() {
            if (idleTimer != null) {
                idleTimer.cancel(false);
                idleTimer = null;
            }
        }
    }
}
