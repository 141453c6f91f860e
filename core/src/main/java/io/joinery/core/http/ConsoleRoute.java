package io.joinery.core.http;

import io.joinery.core.config.HasuraBooleans;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * `GET /console` on both services (SPEC §13): GraphiQL, served from files inside the jar
 * ({@link ConsoleAssets}), sending its requests to this server's `/v1/graphql` with the headers
 * typed into its headers editor (pre-filled with an empty `x-hasura-admin-secret` and
 * `Authorization`; empty headers are not sent). The page has no privileges of its own: it can do
 * exactly what a client holding those headers can do with `/v1/graphql`.
 *
 * <p>On by default; `JOINERY_ENABLE_CONSOLE=false` (or Hasura's `HASURA_GRAPHQL_ENABLE_CONSOLE`)
 * turns it off, and then every `/console` path answers 404 like a path no route serves.
 */
public final class ConsoleRoute {
    public static final String ENABLE_VAR = "JOINERY_ENABLE_CONSOLE";
    public static final String HASURA_ENABLE_VAR = "HASURA_GRAPHQL_ENABLE_CONSOLE";

    private final Map<String, HttpAnswer> files;

    private ConsoleRoute(Map<String, HttpAnswer> files) {
        this.files = files;
    }

    /** The route table entry: `GET /console` and the files under it, or 404 for all of them when disabled. */
    public static Route route(boolean enabled) {
        Function<HttpCall, Mono<HttpAnswer>> handler = enabled
                ? new ConsoleRoute(ConsoleAssets.load())::answer
                : call -> Mono.error(FrontDoor.notFound());
        return Route.getTree(ConsoleAssets.PAGE_PATH, handler);
    }

    /**
     * Whether the console is on: `JOINERY_ENABLE_CONSOLE`, else `HASURA_GRAPHQL_ENABLE_CONSOLE`, else
     * on. Values as Hasura reads booleans: true/t/yes/y or false/f/no/n, in any case.
     *
     * @throws IllegalArgumentException for any other value, naming the variable
     */
    public static boolean isEnabled(Function<String, String> env) {
        String own = env.apply(ENABLE_VAR);
        String name = own == null || own.isBlank() ? HASURA_ENABLE_VAR : ENABLE_VAR;
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return true;
        }
        return HasuraBooleans.parse(value).orElseThrow(() ->
                new IllegalArgumentException(name + " must be true or false, got \"" + value + "\""));
    }

    private Mono<HttpAnswer> answer(HttpCall call) {
        HttpAnswer file = files.get(call.path());
        return file == null ? Mono.error(FrontDoor.notFound()) : Mono.just(file);
    }
}
