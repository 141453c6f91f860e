package io.joinery.core.http;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.net.SocketAddress;
import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableChannel;
import reactor.netty.DisposableServer;

/**
 * The server {@link FrontDoor#start} returns: Reactor Netty's, whose {@link #disposeNow} waits for the
 * requests in flight (its channel group) and then closes every connection still open. Reactor Netty
 * closes an idle keep-alive connection itself, but not one whose last exchange is still finishing
 * when the server stops (seen as a rare hang of a client reading from it), so the group is closed
 * once more at the end.
 */
final class StoppableServer implements DisposableServer {
    private final DisposableServer server;
    private final ChannelGroup connections;

    StoppableServer(DisposableServer server, ChannelGroup connections) {
        this.server = server;
        this.connections = connections;
    }

    @Override
    public Channel channel() {
        return server.channel();
    }

    @Override
    public SocketAddress address() {
        return server.address();
    }

    @Override
    public String host() {
        return server.host();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String path() {
        return server.path();
    }

    @Override
    public void dispose() {
        server.dispose();
    }

    @Override
    public void disposeNow(Duration timeout) {
        try {
            server.disposeNow(timeout);
        } finally {
            connections.close().awaitUninterruptibly(timeout.toMillis());
        }
    }

    @Override
    public boolean isDisposed() {
        return server.isDisposed();
    }

    @Override
    public Mono<Void> onDispose() {
        return server.onDispose();
    }

    @Override
    public DisposableChannel onDispose(Disposable onDispose) {
        server.onDispose(onDispose);
        return this;
    }
}
