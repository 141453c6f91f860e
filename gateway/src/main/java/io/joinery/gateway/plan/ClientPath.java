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
public final class ClientPath {
    public static final ClientPath ROOT = new ClientPath(null, null, 0);

    /**
     * The path without its last segment, and that segment: extending a path (once per row and step of
     * every walk over an answer) allocates one small object, and the list of segments is made only
     * when something reads it (an error's path, a comparison).
     */
    private final ClientPath parent;
    private final Object last;
    private final int size;
    /** {@link #segments()}, made on first use (immutable, so a race only makes it twice). */
    private List<Object> segments;

    public ClientPath(List<Object> segments) {
        ClientPath path = ROOT;
        for (Object segment : segments) {
            path = path.with(segment);
        }
        this.parent = path.parent;
        this.last = path.last;
        this.size = path.size;
    }

    private ClientPath(ClientPath parent, Object last, int size) {
        this.parent = parent;
        this.last = last;
        this.size = size;
    }

    /** The path of the value under {@code keys}, from `data`. */
    public static ClientPath of(String... keys) {
        return new ClientPath(List.of((Object[]) keys));
    }

    /** Response keys and list indices, from `data`. */
    public List<Object> segments() {
        List<Object> made = segments;
        if (made == null) {
            Object[] out = new Object[size];
            ClientPath at = this;
            for (int i = size - 1; i >= 0; i--) {
                out[i] = at.last;
                at = at.parent;
            }
            made = List.of(out);
            segments = made;
        }
        return made;
    }

    public ClientPath key(String key) {
        return with(key);
    }

    public ClientPath index(int index) {
        return with(index);
    }

    /** This path without its last segment (the root stays the root). */
    public ClientPath parent() {
        return size == 0 ? this : parent;
    }

    /** The last segment, a response key. */
    public String lastKey() {
        if (size == 0) {
            throw new IndexOutOfBoundsException("the root path has no segment");
        }
        return (String) last;
    }

    public ArrayNode toJson() {
        ArrayNode out = Json.array();
        for (Object segment : segments()) {
            if (segment instanceof Integer index) {
                out.add(index);
            } else {
                out.add((String) segment);
            }
        }
        return out;
    }

    private ClientPath with(Object segment) {
        if (!(segment instanceof String) && !(segment instanceof Integer)) {
            throw new IllegalArgumentException("a client path holds response keys and list indices: " + segment);
        }
        return new ClientPath(this, segment, size + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientPath path && path.size == size && path.segments().equals(segments());
    }

    @Override
    public int hashCode() {
        return segments().hashCode();
    }

    @Override
    public String toString() {
        return "ClientPath[segments=" + segments() + "]";
    }
}
