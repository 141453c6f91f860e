package io.joinery.gateway.remote;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** {@link RemoteClient} over one pooled, non-blocking Reactor Netty {@link HttpClient}. */
public final class HttpRemoteClient implements RemoteClient {
    private final ConnectionProvider connections;
    private final HttpClient client;

    public HttpRemoteClient() {
        this.connections = ConnectionProvider.builder("joinery-remotes")
                .maxConnections(500)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.client = HttpClient.create(connections).compress(true);
    }

    @Override
    public Mono<RemoteResponse> send(RemoteRequest request) {
        byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
        return client
                .headers(h -> {
                    request.headers().forEach(h::set);
                    h.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                })
                .responseTimeout(request.timeout())
                .post()
                .uri(request.url())
                .send(ByteBufFlux.fromInbound(Mono.just(body)))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .map(text -> new RemoteResponse(response.status().code(), text,
                                response.responseHeaders().getAll(HttpHeaderNames.SET_COOKIE))))
                .timeout(request.timeout());
    }

    /** Closes pooled connections (tests and shutdown). */
    public void dispose() {
        connections.dispose();
    }
}
