package io.joinery.gateway.execute;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import io.joinery.gateway.plan.RootEntry;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Copies the values of an upstream answer as runs of the answer's own bytes, when the answer is
 * already written as the gateway's generator writes it: no whitespace between tokens, no escape in
 * any text, valid UTF-8 (what graphql-java, Jackson, Hasura and most servers send). Jackson still
 * reads every token, so what is checked (keys twice, numbers the tree cannot read, the plan's
 * keys) is checked as on the token-by-token path, but nothing is decoded and encoded again: a value
 * costs its tokenizing and one array copy (issue 16). A number the tree writes otherwise (`25.0` as
 * `25`) is edited in place; where the answer turns out not to be compact (whitespace, a long
 * integer) {@link NotCompact} says so and the caller copies it token by token with the generator
 * ({@link PassThroughWriter#copy}), which writes the same bytes ({@code CompactCopyTest}).
 *
 * <p>Positions come from Jackson's parser ({@link ParserBase#getTokenCharacterOffset}: one past
 * the start of the current token, of the value at a key); each one is checked against the byte
 * there, so a parser that counted otherwise would make every answer "not compact", never wrong.
 * Whitespace between tokens shows as a space before a token or before its comma, so each token's
 * start is checked for that.
 */
final class CompactCopy {
    private static final byte[] DATA = "{\"data\":{".getBytes(StandardCharsets.US_ASCII);

    /** Eight bytes at a time, for {@link #of}'s look at every byte. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final byte[] in;
    /** Whether {@link #in} is all ASCII (a key's length in bytes is its length). */
    private final boolean ascii;
    private final AnswerBuffer out;
    private final Keys keys = new Keys();
    /** Where the bytes of {@link #in} not yet copied (or passed over) start. */
    private int from;

    private CompactCopy(byte[] in, boolean ascii, AnswerBuffer out) {
        this.in = in;
        this.ascii = ascii;
        this.out = out;
    }

    /** The answer is not written as the generator would write it: copy it token by token. */
    static final class NotCompact extends IOException {
        NotCompact() {
            super("not compact", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a signal, not an error: no stack to walk
        }
    }

    /** A copier of {@code in} to {@code out}, or null when {@code in} has an escape or is not valid UTF-8. */
    static CompactCopy of(byte[] in, AnswerBuffer out) {
        long high = 0;
        int i = 0;
        for (; i + Long.BYTES <= in.length; i += Long.BYTES) {
            long word = (long) LONGS.get(in, i);
            high |= word;
            long x = word ^ BACKSLASHES;
            if (((x - ONES) & ~x & HIGH_BITS) != 0) {
                return null; // a byte of x is zero: a backslash
            }
        }
        boolean ascii = (high & HIGH_BITS) == 0;
        for (; i < in.length; i++) {
            if (in[i] == '\\') {
                return null;
            }
            ascii &= in[i] >= 0;
        }
        if (!ascii) {
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(in));
            } catch (CharacterCodingException e) {
                return null; // the parser says what is wrong with it
            }
        }
        return new CompactCopy(in, ascii, out);
    }

    /** Copies one root field's value, at its first token: where the value ends in the answer. */
    @FunctionalInterface
    interface ValueCopier {
        int copy(RootEntry.Remote entry, JsonParser parser, PassThroughWriter.Names names) throws IOException;
    }

    /**
     * Writes the client's body `{"data": ...}` as {@link PassThroughWriter#writeBody} does, each root
     * field's value by {@code copier}; false when the answer is not a plain success of the plan.
     */
    boolean body(List<RootEntry.Remote> entries, ValueCopier copier) throws IOException {
        out.write(DATA, 0, DATA.length);
        boolean read = PassThroughWriter.readPlainAnswer(in, parser -> {
            PassThroughWriter.Names names = new PassThroughWriter.Names();
            int i = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                RootEntry.Remote entry = PassThroughWriter.entry(entries, i, parser);
                if (entry == null) {
                    return false;
                }
                int at = start(parser);
                if (i++ > 0) {
                    out.write(',');
                }
                writeKey(entry.responseKey());
                from = at;
                copyTo(copier.copy(entry, parser, names));
            }
            return i == entries.size();
        });
        out.write('}');
        out.write('}');
        return read;
    }

    /** Where the parser's current token starts; at a key, where its value starts. */
    int start(JsonParser parser) throws NotCompact {
        if (!(parser instanceof ParserBase base)) {
            throw new NotCompact();
        }
        return (int) base.getTokenCharacterOffset() - 1;
    }

    /** Copies the answer's bytes up to {@code at} (exclusive). */
    void copyTo(int at) {
        if (at > from) {
            out.write(in, from, at - from);
            from = at;
        }
    }

    /** Passes over the answer's bytes up to {@code at} (exclusive): they are not copied. */
    void skipTo(int at) {
        from = Math.max(from, at);
    }

    /** The number of bytes written to the client's body so far. */
    int written() {
        return out.size();
    }

    void write(byte b) {
        out.write(b);
    }

    /** Writes `"key":` (a GraphQL name, nothing to escape; anything else is left to the generator). */
    void writeKey(String key) throws NotCompact {
        write(keyBytes(key));
    }

    /** {@link #writeKey}'s bytes for {@code key}. */
    static byte[] keyBytes(String key) throws NotCompact {
        byte[] bytes = new byte[key.length() + 3];
        bytes[0] = '"';
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                throw new NotCompact();
            }
            bytes[i + 1] = (byte) c;
        }
        bytes[key.length() + 1] = '"';
        bytes[key.length() + 2] = ':';
        return bytes;
    }

    void write(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }

    /**
     * Checks the value at the parser's current token and passes over it, numbers the tree writes
     * otherwise edited: where it ends. {@code names} and {@code depth} as in {@link PassThroughWriter#copy}.
     */
    int value(JsonParser parser, PassThroughWriter.Names names, int depth) throws IOException {
        int at = start(parser);
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                expect(at, '{');
                names.start(depth);
                names.reach(depth);
                int index = 0;
                while (keys.next(parser, depth, index++)) {
                    String name = parser.currentName();
                    names.add(depth, name);
                    keyAt(name, start(parser));
                    parser.nextToken();
                    value(parser, names, depth + 1);
                }
                return end(parser, '}');
            }
            case START_ARRAY -> {
                expect(at, '[');
                names.reach(depth);
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    element(parser);
                    value(parser, names, depth + 1);
                }
                return end(parser, ']');
            }
            case VALUE_STRING -> {
                expect(at, '"');
                int end = at + 1;
                while (end < in.length && in[end] != '"') {
                    end++; // no escape in the answer: the next quote closes the text
                }
                if (end == in.length) {
                    throw new NotCompact(); // not closed: the parser says so
                }
                return end + 1;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                int length = parser.getTextLength();
                expect(at, parser.getTextCharacters()[parser.getTextOffset()]);
                if (length > 18 && parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                    throw new NotCompact(); // long integers token by token, as the tree reads them
                }
                int kept = PassThroughWriter.keptLength(parser);
                if (kept < 0) {
                    edit(at, length, PassThroughWriter.numberText(parser).getBytes(StandardCharsets.US_ASCII));
                } else if (kept < length) {
                    copyTo(at + kept);
                    skipTo(at + length);
                }
                return at + length;
            }
            case VALUE_TRUE -> {
                expect(at, 't');
                return at + 4;
            }
            case VALUE_FALSE -> {
                expect(at, 'f');
                return at + 5;
            }
            case VALUE_NULL -> {
                expect(at, 'n');
                return at + 4;
            }
            default -> throw new IOException("unexpected token " + parser.currentToken());
        }
    }

    /** Checks the key {@code name}, whose value starts at {@code valueAt}, is written tight: where the key starts. */
    int keyAt(String name, int valueAt) throws NotCompact {
        int at = valueAt - 3 - (ascii ? name.length() : utf8Length(name));
        if (at < 1 || in[valueAt - 1] != ':' || in[valueAt - 2] != '"' || in[at] != '"') {
            throw new NotCompact();
        }
        tight(at);
        return at;
    }

    /** Checks the array element at the parser's current token comes right after `[` or `,`. */
    void element(JsonParser parser) throws NotCompact {
        tight(start(parser));
    }

    /** Checks the end of an object or array at the parser's current token: where the value ends. */
    int end(JsonParser parser, char c) throws NotCompact {
        int at = start(parser);
        expect(at, c);
        tight(at);
        return at + 1;
    }

    void expect(int at, char c) throws NotCompact {
        if (at < 1 || at >= in.length || in[at] != c) {
            throw new NotCompact();
        }
    }

    /** Replaces the {@code length} bytes at {@code at} by {@code bytes}. */
    private void edit(int at, int length, byte[] bytes) {
        copyTo(at);
        out.write(bytes, 0, bytes.length);
        skipTo(at + length);
    }

    /** No whitespace before the token at {@code at}, nor before the comma right before it. */
    private void tight(int at) throws NotCompact {
        byte before = in[at - 1];
        if (isSpace(before) || (before == ',' && isSpace(in[at - 2]))) {
            throw new NotCompact();
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** The number of UTF-8 bytes of {@code text}. */
    static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
