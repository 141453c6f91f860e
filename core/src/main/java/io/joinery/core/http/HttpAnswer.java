package io.joinery.core.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole response as a value: what every route returns and the front door writes, in one go,
 * with `Content-Length`. `setCookies` are `Set-Cookie` values passed on from upstreams (SPEC §3.4)
 * and from an auth webhook (SPEC §9); `headers` are any other response headers of the route's own
 * (`Cache-Control` of the console's files), written as given.
 *
 * <p>The body is held as it was produced: UTF-8 bytes ({@link #jsonBytes}, the hot paths, which
 * serialize straight to bytes) or text (the String constructors). {@link #bytes()} is what the
 * front door writes; bytes given are written as they are, without a copy, so they must not change
 * afterwards. {@link #body()} decodes them for whoever wants text (tests, mostly).
 */
public final class HttpAnswer {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    private final int status;
    private final String contentType;
    /** Exactly one of {@code text} and {@code utf8} is set. */
    private final String text;
    private final byte[] utf8;
    private final List<String> setCookies;
    private final Map<String, String> headers;

    private HttpAnswer(int status, String contentType, String text, byte[] utf8, List<String> setCookies,
                       Map<String, String> headers) {
        if ((text == null) == (utf8 == null)) {
            throw new IllegalArgumentException("an answer has one body, as text or as bytes");
        }
        this.status = status;
        this.contentType = contentType;
        this.text = text;
        this.utf8 = utf8;
        this.setCookies = List.copyOf(setCookies);
        this.headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public HttpAnswer(int status, String contentType, String body, List<String> setCookies,
                      Map<String, String> headers) {
        this(status, contentType, body, null, setCookies, headers);
    }

    /** Without headers of its own. */
    public HttpAnswer(int status, String contentType, String body, List<String> setCookies) {
        this(status, contentType, body, null, setCookies, Map.of());
    }

    public static HttpAnswer json(int status, String body) {
        return new HttpAnswer(status, JSON, body, List.of());
    }

    /** A JSON answer whose body is already UTF-8 bytes; they are written as given, not copied. */
    public static HttpAnswer jsonBytes(int status, byte[] utf8) {
        return jsonBytes(status, utf8, List.of());
    }

    /** {@link #jsonBytes(int, byte[])} with {@code setCookies}. */
    public static HttpAnswer jsonBytes(int status, byte[] utf8, List<String> setCookies) {
        return new HttpAnswer(status, JSON, null, utf8, setCookies, Map.of());
    }

    /** An answer of any content type whose body is already bytes (a file), written as given. */
    public static HttpAnswer ofBytes(int status, String contentType, byte[] body) {
        return new HttpAnswer(status, contentType, null, body, List.of(), Map.of());
    }

    public static HttpAnswer text(int status, String body) {
        return new HttpAnswer(status, TEXT, body, List.of());
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** The body as text: decoded from UTF-8 on each call when it was given as bytes. */
    public String body() {
        return text != null ? text : new String(utf8, StandardCharsets.UTF_8);
    }

    /** The body as UTF-8, what is written: the bytes given (not a copy), or the text encoded on each call. */
    public byte[] bytes() {
        return utf8 != null ? utf8 : text.getBytes(StandardCharsets.UTF_8);
    }

    public List<String> setCookies() {
        return setCookies;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The same answer with {@code more} cookies after its own. */
    public HttpAnswer withSetCookies(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(setCookies);
        all.addAll(more);
        return new HttpAnswer(status, contentType, text, utf8, all, headers);
    }

    /** This answer with response header {@code name} set to {@code value} (replacing one of that name). */
    public HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, contentType, text, utf8, setCookies, more);
    }

    @Override
    public String toString() {
        return "HttpAnswer[status=" + status + ", contentType=" + contentType + ", body=" + body() + "]";
    }
}
