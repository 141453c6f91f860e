package io.joinery.core.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one GraphQL request: the JSON `{data, errors?}` (the child splices Postgres' JSON
 * into it undecoded) and the `Set-Cookie` values to pass on (SPEC §3.4).
 *
 * <p>The JSON is held as it was produced: UTF-8 bytes ({@link #ofBytes}: serialized straight to
 * bytes, written as they are, so they must not change afterwards) or text (the String constructor).
 * {@link #bytes()} is what the front door writes; {@link #body()} is the text, decoded on demand.
 */
public final class GraphqlAnswer {
    /** Exactly one of {@code text} and {@code utf8} is set. */
    private final String text;
    private final byte[] utf8;
    private final List<String> setCookies;

    private GraphqlAnswer(String text, byte[] utf8, List<String> setCookies) {
        if ((text == null) == (utf8 == null)) {
            throw new IllegalArgumentException("an answer has one body, as text or as bytes");
        }
        this.text = text;
        this.utf8 = utf8;
        this.setCookies = List.copyOf(setCookies);
    }

    public GraphqlAnswer(String body, List<String> setCookies) {
        this(body, null, setCookies);
    }

    public static GraphqlAnswer of(String body) {
        return new GraphqlAnswer(body, null, List.of());
    }

    /** An answer whose JSON is already UTF-8 bytes; they are written as given, not copied. */
    public static GraphqlAnswer ofBytes(byte[] utf8, List<String> setCookies) {
        return new GraphqlAnswer(null, utf8, setCookies);
    }

    /** {@link #ofBytes(byte[], List)} without cookies. */
    public static GraphqlAnswer ofBytes(byte[] utf8) {
        return new GraphqlAnswer(null, utf8, List.of());
    }

    /** The JSON as text: decoded from UTF-8 on each call when it was given as bytes. */
    public String body() {
        return text != null ? text : new String(utf8, StandardCharsets.UTF_8);
    }

    /** The JSON as UTF-8: the bytes given (not a copy), or the text encoded on each call. */
    public byte[] bytes() {
        return utf8 != null ? utf8 : text.getBytes(StandardCharsets.UTF_8);
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
        return new GraphqlAnswer(text, utf8, all);
    }

    @Override
    public String toString() {
        return "GraphqlAnswer[body=" + body() + ", setCookies=" + setCookies + "]";
    }
}
