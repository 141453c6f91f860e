package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.joinery.core.json.Json;
import java.util.List;

/**
 * A place in the client's response as a GraphQL error's `path` shows it (SPEC §0.1): response keys
 * and list indices from `data`. The gateway's one type for client paths: the planner gives a root
 * field's, the executor extends it while it walks answers, and every field error carries one.
 *
 * <pre>
 * { shop { orders { customer { name } } } }   →   ["shop", "orders", 3, "customer"]
 * </pre>
 */
public record ClientPath(List<Object> segments) {
    public static final ClientPath ROOT = new ClientPath(List.of());

    public ClientPath {
        for (Object segment : segments) {
            if (!(segment instanceof String) && !(segment instanceof Integer)) {
                throw new IllegalArgumentException("a client path holds response keys and list indices: " + segment);
            }
        }
        segments = List.copyOf(segments);
    }

    /** The path of the value under {@code keys}, from `data`. */
    public static ClientPath of(String... keys) {
        return new ClientPath(List.of((Object[]) keys));
    }

    public ClientPath key(String key) {
        return with(key);
    }

    public ClientPath index(int index) {
        return with(index);
    }

    /** This path without its last segment (the root stays the root). */
    public ClientPath parent() {
        return segments.isEmpty() ? this : new ClientPath(segments.subList(0, segments.size() - 1));
    }

    /** The last segment, a response key. */
    public String lastKey() {
        return (String) segments.get(segments.size() - 1);
    }

    public ArrayNode toJson() {
        ArrayNode out = Json.array();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                out.add(index);
            } else {
                out.add((String) segment);
            }
        }
        return out;
    }

    private ClientPath with(Object segment) {
        Object[] next = segments.toArray(new Object[segments.size() + 1]);
        next[next.length - 1] = segment;
        // an immutable list: the constructor's copy keeps it as it is
        return new ClientPath(List.of(next));
    }
}
