package io.joinery.core.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one GraphQL request: the JSON `{data, errors?}` (the child splices Postgres' JSON
 * into it undecoded) and the `Set-Cookie` values to pass on (SPEC §3.4).
 *
 * <p>The JSON is held as it was produced ({@link Utf8Body}): UTF-8 bytes ({@link #ofBytes}) or text
 * (the String constructor). {@link #bytes()} is what the front door writes.
 */
public final class GraphqlAnswer {
    private final Utf8Body json;
    private final List<String> setCookies;

    private GraphqlAnswer(Utf8Body json, List<String> setCookies) {
        this.json = json;
        this.setCookies = List.copyOf(setCookies);
    }

    public GraphqlAnswer(String body, List<String> setCookies) {
        this(Utf8Body.ofText(body), setCookies);
    }

    public static GraphqlAnswer of(String body) {
        return new GraphqlAnswer(Utf8Body.ofText(body), List.of());
    }

    /** An answer whose JSON is already UTF-8 bytes; they are written as given, not copied. */
    public static GraphqlAnswer ofBytes(byte[] utf8, List<String> setCookies) {
        return new GraphqlAnswer(Utf8Body.ofBytes(utf8), setCookies);
    }

    /** {@link #ofBytes(byte[], List)} without cookies. */
    public static GraphqlAnswer ofBytes(byte[] utf8) {
        return new GraphqlAnswer(Utf8Body.ofBytes(utf8), List.of());
    }

    /** The JSON as text: decoded from UTF-8 on each call when it was given as bytes. */
    public String body() {
        return json.text();
    }

    /** The JSON as UTF-8: the bytes given (not a copy), or the text encoded on each call. */
    public byte[] bytes() {
        return json.bytes();
    }

    public List<String> setCookies() {
        return setCookies;
    }

    /** The same answer with {@code more} cookies after its own. */
    public GraphqlAnswer withSetCookies(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(setCookies);
        all.addAll(more);
        return new GraphqlAnswer(json, all);
    }

    @Override
    public String toString() {
        return "GraphqlAnswer[body=" + body() + ", setCookies=" + setCookies + "]";
    }
}
