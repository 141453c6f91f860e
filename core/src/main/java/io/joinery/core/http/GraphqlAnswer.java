package io.joinery.core.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one GraphQL request: the JSON text `{data, errors?}` (the child splices Postgres'
 * JSON into it undecoded) and the `Set-Cookie` values to pass on (SPEC §3.4).
 */
public record GraphqlAnswer(String body, List<String> setCookies) {
    public GraphqlAnswer {
        setCookies = List.copyOf(setCookies);
    }

    public static GraphqlAnswer of(String body) {
        return new GraphqlAnswer(body, List.of());
    }

    /** The same answer with {@code more} cookies after its own. */
    public GraphqlAnswer withSetCookies(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(setCookies);
        all.addAll(more);
        return new GraphqlAnswer(body, all);
    }
}
