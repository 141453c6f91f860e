package io.joinery.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The gateway's upstream during the benchmark: an in-process Reactor Netty server on 127.0.0.1
 * serving two remote schemas, `POST /shop` and `POST /crm` (see {@link StubRemote}).
 */
final class UpstreamStub implements AutoCloseable {
    private final StubRemote shop = StubRemote.shop();
    private final StubRemote crm = StubRemote.crm();
    private final DisposableServer server;

    private UpstreamStub() {
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .post("/shop", (request, response) -> answer(shop, request, response))
                        .post("/crm", (request, response) -> answer(crm, request, response)))
                .bindNow();
    }

    static UpstreamStub start() {
        return new UpstreamStub();
    }

    String url(String remote) {
        return "http://127.0.0.1:" + server.port() + "/" + remote;
    }

    /** Requests received so far by both remotes (introspection included). */
    long requests() {
        return shop.requests() + crm.requests();
    }

    private static Mono<Void> answer(StubRemote remote, HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .sendByteArray(Mono.just(remote.answer(body))).then());
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
