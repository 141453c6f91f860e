package io.joinery.gateway.http;

import io.joinery.core.error.ApiError;
import io.joinery.core.http.Cors;
import io.joinery.core.http.HttpResponses;
import io.joinery.core.json.Json;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The gateway's HTTP surface: `POST /v1/graphql`, `POST /v1/metadata`, `GET /healthz` (and
 * `/hasura/healthz`), `GET /v1/version`, CORS preflight; anything else is Hasura's 404 body.
 */
public final class GatewayServer {
    public static final String SERVER_NAME = "joinery-gateway";

    private GatewayServer() {}

    /** The routes; tests start a server with exactly these. */
    public static BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> routes(
            GraphqlRoute graphql, MetadataRoute metadata, HealthRoute health, String version, Cors cors) {
        String versionBody = Json.write(Json.object().put("version", version).put("server", SERVER_NAME));
        String notFound = Json.write(new ApiError("not-found", "resource does not exist", "$", null)
                .toMetadataBody(false));
        return (request, response) -> {
            cors.apply(request.requestHeaders(), response.responseHeaders());
            String uri = request.uri();
            int query = uri.indexOf('?');
            String path = query < 0 ? uri : uri.substring(0, query);
            String queryString = query < 0 ? "" : uri.substring(query + 1);
            HttpMethod method = request.method();
            if (method.equals(HttpMethod.OPTIONS)) {
                return response.status(HttpResponseStatus.NO_CONTENT).send();
            }
            if (method.equals(HttpMethod.POST) && path.equals("/v1/graphql")) {
                return graphql.handle(request, response);
            }
            if (method.equals(HttpMethod.POST) && path.equals("/v1/metadata")) {
                return metadata.handle(request, response);
            }
            if (method.equals(HttpMethod.GET) && (path.equals("/healthz") || path.equals("/hasura/healthz"))) {
                boolean strict = java.util.Arrays.asList(queryString.split("&")).contains("strict=true");
                return health.handle(strict, response);
            }
            if (method.equals(HttpMethod.GET) && path.equals("/v1/version")) {
                return HttpResponses.json(response, 200, versionBody);
            }
            return HttpResponses.json(response, 404, notFound);
        };
    }

    /** Binds {@code host:port} (port 0 = any free port). */
    public static DisposableServer start(String host, int port,
                                         BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> routes) {
        return HttpServer.create().host(host).port(port).compress(true).handle(routes).bindNow();
    }
}
