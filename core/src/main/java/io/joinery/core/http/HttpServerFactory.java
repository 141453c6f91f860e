package io.joinery.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Starts a Reactor Netty server over a fixed route table. Every response gets CORS headers for
 * allowed origins, `OPTIONS` preflights are answered for any path, and unknown paths get Hasura's
 * 404 body.
 */
public final class HttpServerFactory {
    static final String NOT_FOUND_BODY =
            "{\"path\":\"$\",\"error\":\"resource does not exist\",\"code\":\"not-found\"}";

    /** One route: an exact path (query string ignored) and method. */
    public record Route(HttpMethod method, String path,
                        BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        public static Route get(String path, BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> h) {
            return new Route(HttpMethod.GET, path, h);
        }

        public static Route post(String path, BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> h) {
            return new Route(HttpMethod.POST, path, h);
        }
    }

    private HttpServerFactory() {}

    /** Binds and starts the server; blocking, so call it from `main` or a test. */
    public static DisposableServer start(String host, int port, Cors cors, List<Route> routes) {
        List<Route> table = List.copyOf(routes);
        return HttpServer.create()
                .host(host)
                .port(port)
                .handle((request, response) -> dispatch(table, cors, request, response))
                .bindNow(Duration.ofSeconds(30));
    }

    private static Publisher<Void> dispatch(List<Route> routes, Cors cors, HttpServerRequest request,
                                            HttpServerResponse response) {
        cors.apply(request.requestHeaders(), response.responseHeaders());
        String path = pathOf(request.uri());
        if (request.method().equals(HttpMethod.OPTIONS)) {
            return response.status(HttpResponseStatus.NO_CONTENT).send();
        }
        boolean pathKnown = false;
        for (Route route : routes) {
            if (route.path().equals(path)) {
                pathKnown = true;
                if (route.method().equals(request.method())) {
                    return route.handler().apply(request, response);
                }
            }
        }
        if (pathKnown) {
            return HttpResponses.json(response, 405,
                    "{\"path\":\"$\",\"error\":\"method not allowed\",\"code\":\"not-found\"}");
        }
        return HttpResponses.json(response, 404, NOT_FOUND_BODY);
    }

    /** The request body as UTF-8 text ("" when there is none). */
    public static Mono<String> body(HttpServerRequest request) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("");
    }

    /** The value of query parameter {@code name}, or null. */
    public static String queryParam(HttpServerRequest request, String name) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            }
        }
        return null;
    }

    static String pathOf(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

}
