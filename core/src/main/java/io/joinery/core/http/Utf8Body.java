package io.joinery.core.http;

import java.nio.charset.StandardCharsets;

/**
 * A body as it was produced: UTF-8 bytes (serialized straight to bytes, written as they are, so they
 * must not change afterwards) or text. The one home of that choice for {@link HttpAnswer} and
 * {@link GraphqlAnswer}: {@link #bytes()} is what the front door writes, {@link #text()} decodes on
 * demand (tests, logs, the few routes that read an answer).
 */
final class Utf8Body {
    /** Exactly one of {@code text} and {@code utf8} is set. */
    private final String text;
    private final byte[] utf8;

    private Utf8Body(String text, byte[] utf8) {
        if ((text == null) == (utf8 == null)) {
            throw new IllegalArgumentException("an answer has one body, as text or as bytes");
        }
        this.text = text;
        this.utf8 = utf8;
    }

    static Utf8Body ofText(String text) {
        return new Utf8Body(text, null);
    }

    /** Bytes that are used as given, not copied. */
    static Utf8Body ofBytes(byte[] utf8) {
        return new Utf8Body(null, utf8);
    }

    /** The body as text: decoded from UTF-8 on each call when it was given as bytes. */
    String text() {
        return text != null ? text : new String(utf8, StandardCharsets.UTF_8);
    }

    /** The body as UTF-8: the bytes given (not a copy), or the text encoded on each call. */
    byte[] bytes() {
        return utf8 != null ? utf8 : text.getBytes(StandardCharsets.UTF_8);
    }
}
