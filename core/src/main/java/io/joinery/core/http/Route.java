package io.joinery.core.http;

import io.joinery.core.json.Json;
import io.netty.handler.codec.http.HttpMethod;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One entry of a service's route table: a path (query string and one trailing slash ignored), a
 * method, and the endpoint that answers. A service lists its routes (`GatewayServer.routes`,
 * `ChildServer.routes`) and the {@link FrontDoor} does the rest.
 *
 * <p>A path is matched exactly, except one ending in {@code /**} ({@link #getTree}): it serves its
 * base path and every path under it, for routes that serve a set of files (the console).
 */
public record Route(HttpMethod method, String path, Endpoint endpoint) {
    private static final String TREE = "/**";

    /** Whether this route answers requests to {@code requestPath} (already normalized by the front door). */
    public boolean serves(String requestPath) {
        if (!path.endsWith(TREE)) {
            return path.equals(requestPath);
        }
        String base = path.substring(0, path.length() - TREE.length());
        return requestPath.equals(base) || requestPath.startsWith(base + "/");
    }

    /** `POST path` speaking GraphQL over HTTP (SPEC §7), without API limits. */
    public static Route graphql(String path, GraphqlHandler handler) {
        return graphql(path, handler, RequestLimits.NONE);
    }

    /** `POST path` speaking GraphQL over HTTP (SPEC §7), with the rate, batch and time limits of {@code limiter}. */
    public static Route graphql(String path, GraphqlHandler handler, RequestLimits limiter) {
        return new Route(HttpMethod.POST, path, new GraphqlEndpoint(handler, limiter));
    }

    /** `POST path` with a JSON body, answering JSON or an API error (SPEC §1.1). */
    public static Route api(String path, ApiHandler handler) {
        return new Route(HttpMethod.POST, path, new ApiEndpoint(handler));
    }

    /** `GET path`, open to everyone: no session is resolved. */
    public static Route get(String path, Function<HttpCall, Mono<HttpAnswer>> handler) {
        return new Route(HttpMethod.GET, path, new PublicEndpoint(handler));
    }

    /** `GET base` and `GET base/anything`, open to everyone; the handler reads {@link HttpCall#path()}. */
    public static Route getTree(String base, Function<HttpCall, Mono<HttpAnswer>> handler) {
        return get(base + TREE, handler);
    }

    /** `GET path` answering `{"version": ..., "server": ...}` (SPEC §8). */
    public static Route version(String path, String server, String version) {
        HttpAnswer answer = HttpAnswer.jsonBytes(200, Json.writeBytes(Json.object().put("version", version).put("server", server)));
        return get(path, call -> Mono.just(answer));
    }
}
