package io.joinery.core.http;

import io.joinery.core.json.Json;
import io.netty.handler.codec.http.HttpMethod;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One entry of a service's route table: an exact path (query string and one trailing slash
 * ignored), a method, and the endpoint that answers. A service lists its routes
 * (`GatewayServer.routes`, `ChildServer.routes`) and the {@link FrontDoor} does the rest.
 */
public record Route(HttpMethod method, String path, Endpoint endpoint) {

    /** `POST path` speaking GraphQL over HTTP (SPEC §7). */
    public static Route graphql(String path, GraphqlHandler handler) {
        return new Route(HttpMethod.POST, path, new GraphqlEndpoint(handler));
    }

    /** `POST path` with a JSON body, answering JSON or an API error (SPEC §1.1). */
    public static Route api(String path, ApiHandler handler) {
        return new Route(HttpMethod.POST, path, new ApiEndpoint(handler));
    }

    /** `GET path`, open to everyone: no session is resolved. */
    public static Route get(String path, Function<HttpCall, Mono<HttpAnswer>> handler) {
        return new Route(HttpMethod.GET, path, new PublicEndpoint(handler));
    }

    /** `GET path` answering `{"version": ..., "server": ...}` (SPEC §8). */
    public static Route version(String path, String server, String version) {
        HttpAnswer answer = HttpAnswer.json(200, Json.write(Json.object().put("version", version).put("server", server)));
        return get(path, call -> Mono.just(answer));
    }
}
