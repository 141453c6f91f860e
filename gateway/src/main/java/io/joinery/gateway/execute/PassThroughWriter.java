package io.joinery.gateway.execute;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.joinery.core.json.Json;
import io.joinery.gateway.plan.QueryPlan;
import io.joinery.gateway.plan.RootEntry;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The client's body for a plan that only passes one remote's answer on, written token by token
 * from the upstream's bytes, without a tree (issue 16).
 *
 * <p>A plan {@link #applies} when it has one root fetch, no joins, and every entry is a remote
 * field of that fetch with no `@skip` / `@include` and no `__typename` to translate. The answer is
 * copied when it is a plain success: an object whose `data` is an object with exactly the plan's
 * upstream keys in the plan's order (each written under its client key), no non-null field null,
 * `errors` absent, null or empty, nothing after the object, no key twice in an object of `data`. Anything else returns
 * null and the caller takes the tree path ({@link PlanExecutor#read}, {@link ResponseMerger}),
 * which handles every case; so the bytes are the tree path's bytes: values are written as the
 * tree path writes them (strings re-escaped, decimals as {@code BigDecimal}s without trailing zeros).
 */
final class PassThroughWriter {
    private PassThroughWriter() {}

    /** The plan's entries when it can be passed through, else null. */
    static List<RootEntry.Remote> applies(QueryPlan plan) {
        return plan.joins().isEmpty() ? copiedEntries(plan) : null;
    }

    /**
     * The plan's entries when its one root fetch's answer can be copied field by field (every entry a
     * remote field of that fetch, without `@skip` / `@include` or `__typename` to translate), else
     * null; the plan may have joins ({@link StreamedJoinWriter} fills them in).
     */
    static List<RootEntry.Remote> copiedEntries(QueryPlan plan) {
        if (plan.roots().size() != 1 || plan.entries().isEmpty()) {
            return null;
        }
        List<RootEntry.Remote> remotes = new ArrayList<>(plan.entries().size());
        for (RootEntry entry : plan.entries()) {
            if (!(entry instanceof RootEntry.Remote remote) || remote.fetch() != 0 || remote.conditional()
                    || !remote.typenames().isEmpty()) {
                return null;
            }
            remotes.add(remote);
        }
        return remotes;
    }

    /** Copies one root field's value, at its first token, under the client's key already written. */
    @FunctionalInterface
    interface FieldCopier {
        void copy(RootEntry.Remote entry, JsonParser parser, JsonGenerator generator, Names names) throws IOException;
    }

    /** The client's body `{"data": ...}` copied from {@code upstream}, or null: take the tree path. */
    static byte[] write(List<RootEntry.Remote> entries, byte[] upstream) {
        AnswerBuffer out = AnswerBuffer.get();
        try {
            CompactCopy runs = CompactCopy.of(upstream, out);
            if (runs != null) {
                try {
                    return runs.body(entries, (entry, parser, names) -> runs.value(parser, names, 0))
                            ? out.toByteArray() : null;
                } catch (CompactCopy.NotCompact e) {
                    out.truncate(0); // token by token, below
                }
            }
            try (JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
                if (!writeBody(entries, upstream, generator,
                        (entry, parser, into, names) -> copy(parser, into, names, 0))) {
                    return null;
                }
                generator.flush();
                return out.toByteArray();
            }
        } catch (IOException | RuntimeException e) {
            return null; // not JSON, a key twice, a number too large to convert, ...: the tree path says what
        } finally {
            out.release();
        }
    }

    /**
     * Writes the client's body `{"data": ...}` from {@code upstream} to {@code generator}, each root
     * field's value by {@code copier}; false (or an {@link IOException}) when the answer is not a
     * plain success of the plan: then what was written is to be dropped.
     */
    static boolean writeBody(List<RootEntry.Remote> entries, byte[] upstream, JsonGenerator generator,
                             FieldCopier copier) throws IOException {
        generator.writeStartObject();
        generator.writeFieldName("data");
        if (!readPlainAnswer(upstream, parser -> data(parser, generator, entries, copier))) {
            return false;
        }
        generator.writeEndObject();
        return true;
    }

    /** Reads an upstream answer's `data` object, the parser at its START_OBJECT; false: not the expected one. */
    @FunctionalInterface
    interface DataReader {
        boolean read(JsonParser parser) throws IOException;
    }

    /**
     * Whether {@code upstream} is a plain success, `{"data": {...}}` with `errors` absent, null or
     * empty, other keys skipped, nothing after it, its `data` read by {@code data} (which says
     * whether it was as expected).
     */
    static boolean readPlainAnswer(byte[] upstream, DataReader data) throws IOException {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(upstream)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            boolean read = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("data")) {
                    if (read || value != JsonToken.START_OBJECT || !data.read(parser)) {
                        return false;
                    }
                    read = true;
                } else if (name.equals("errors")) {
                    if (!isNoErrors(parser)) {
                        return false;
                    }
                } else {
                    skip(parser);
                }
            }
            return read && parser.nextToken() == null;
        }
    }

    /** Reads values as the tree path does, only to find out whether it can (trailing tokens are the caller's). */
    private static final ObjectReader SKIPPED = Json.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Passes over the value at the parser's current token, reading it as the tree path reads it, so
     * that what the tree path cannot read (a number too large to convert) is not passed over here either.
     */
    static void skip(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY || token == JsonToken.VALUE_NUMBER_FLOAT
                || token == JsonToken.VALUE_NUMBER_INT) {
            SKIPPED.readTree(parser);
        }
    }

    /** Whether `errors` (the parser at its value) says there are none: null or `[]`. */
    private static boolean isNoErrors(JsonParser parser) throws IOException {
        JsonToken value = parser.currentToken();
        return value == JsonToken.VALUE_NULL
                || (value == JsonToken.START_ARRAY && parser.nextToken() == JsonToken.END_ARRAY);
    }

    /** Copies `data` (at its START_OBJECT) under the client's keys; false when it is not the plan's. */
    private static boolean data(JsonParser parser, JsonGenerator generator, List<RootEntry.Remote> entries,
                                FieldCopier copier) throws IOException {
        Names names = new Names();
        generator.writeStartObject();
        int i = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            RootEntry.Remote entry = entry(entries, i++, parser);
            if (entry == null) {
                return false;
            }
            generator.writeFieldName(entry.responseKey());
            copier.copy(entry, parser, generator, names);
        }
        generator.writeEndObject();
        return i == entries.size();
    }

    /**
     * The plan's entry {@code i} when the key at the parser's FIELD_NAME is its upstream key, the
     * parser moved on to its value; null when the answer is not the plan's (a key it did not ask
     * for, in another order, or null for a non-null field).
     */
    static RootEntry.Remote entry(List<RootEntry.Remote> entries, int i, JsonParser parser) throws IOException {
        if (i >= entries.size()) {
            return null;
        }
        RootEntry.Remote entry = entries.get(i);
        if (!entry.upstreamKey().equals(parser.currentName())) {
            return null;
        }
        return parser.nextToken() == JsonToken.VALUE_NULL && entry.nonNull() ? null : entry;
    }

    /** Copies the value at the parser's current token, as the tree path would write it. */
    static void copy(JsonParser parser, JsonGenerator generator, Names names, int depth) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                generator.writeStartObject();
                names.start(depth);
                names.reach(depth);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    names.add(depth, name);
                    generator.writeFieldName(name);
                    parser.nextToken();
                    copy(parser, generator, names, depth + 1);
                }
                generator.writeEndObject();
            }
            case START_ARRAY -> {
                generator.writeStartArray();
                names.reach(depth);
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    copy(parser, generator, names, depth + 1);
                }
                generator.writeEndArray();
            }
            case VALUE_STRING -> generator.writeString(parser.getTextCharacters(), parser.getTextOffset(),
                    parser.getTextLength());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                int kept = keptLength(parser);
                if (kept >= 0) {
                    generator.writeNumber(parser.getTextCharacters(), parser.getTextOffset(), kept);
                } else {
                    generator.writeNumber(numberText(parser));
                }
            }
            case VALUE_TRUE -> generator.writeBoolean(true);
            case VALUE_FALSE -> generator.writeBoolean(false);
            case VALUE_NULL -> generator.writeNull();
            default -> throw new IOException("unexpected token " + parser.currentToken());
        }
    }

    /**
     * How the tree writes the number at the parser's current token: the length of the start of its
     * text that it writes as it is (all of it; a whole decimal's integer part, `25.0` as `25`), or -1
     * when it writes {@link #numberText} instead. JSON integers are written as they are read (no
     * leading zeros, no '+'), except -0 (the int 0) and long ones (read as the tree reads them, its
     * limits on number length apply).
     */
    static int keptLength(JsonParser parser) throws IOException {
        char[] text = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return length > 18 || (length == 2 && text[offset] == '-' && text[offset + 1] == '0') ? -1 : length;
        }
        return isCanonicalDecimal(text, offset, length) ? length : integralPrefix(text, offset, length);
    }

    /** What the tree writes for the number at the parser's current token when {@link #keptLength} is -1. */
    static String numberText(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return switch (parser.getNumberType()) {
                case INT -> Integer.toString(parser.getIntValue());
                case LONG -> Long.toString(parser.getLongValue());
                default -> parser.getBigIntegerValue().toString();
            };
        }
        char[] written = decimalText(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        return written != null ? new String(written) : decimal(parser.getDecimalValue()).toString();
    }

    /**
     * Whether a decimal's text is what the tree path writes for it ({@link #decimal}, then
     * {@code BigDecimal.toString}): `-?[1-9][0-9]*.[0-9]*[1-9]`, or `-?0.` followed by at most five
     * zeros and digits ending in a non-zero one (smaller numbers are written with an exponent).
     */
    static boolean isCanonicalDecimal(char[] text, int offset, int length) {
        int i = offset;
        int end = offset + length;
        if (i < end && text[i] == '-') {
            i++;
        }
        if (i >= end || text[i] < '0' || text[i] > '9') {
            return false;
        }
        boolean zero = text[i] == '0';
        i++;
        if (zero) {
            if (i >= end || text[i] != '.') {
                return false;
            }
        } else {
            while (i < end && text[i] >= '0' && text[i] <= '9') {
                i++;
            }
            if (i >= end || text[i] != '.') {
                return false;
            }
        }
        i++;
        int fraction = i;
        while (i < end && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        if (i != end || i == fraction || text[end - 1] == '0') {
            return false;
        }
        if (zero) {
            int zeros = 0;
            while (text[fraction + zeros] == '0') {
                zeros++;
            }
            return zeros <= 5;
        }
        return true;
    }

    /**
     * The length of the start of a decimal's text that the tree writes for it, when it is a whole
     * number not ending in 0 written with a zero fraction (`25.0` is `25`, `-7.00` is `-7`), else -1
     * ({@link #decimalText} says for the others); the common case, without copying.
     */
    static int integralPrefix(char[] text, int offset, int length) {
        int end = offset + length;
        int i = offset;
        if (i < end && text[i] == '-') {
            i++;
        }
        int intStart = i;
        while (i < end && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        int intEnd = i;
        if (intEnd == intStart || intEnd - intStart > 30 || text[intStart] == '0' || text[intEnd - 1] == '0'
                || i >= end || text[i] != '.' || ++i == end) {
            return -1;
        }
        while (i < end && text[i] == '0') {
            i++;
        }
        return i == end ? intEnd - offset : -1;
    }

    /**
     * What the tree writes for a plain decimal that is not {@link #isCanonicalDecimal canonical},
     * without a {@code BigDecimal}, or null (then {@link #decimal} says): `-?D.F` with the trailing
     * zeros of `F` stripped; an integral value as `BigDecimal.stripTrailingZeros().toString()` writes
     * it (`25.0` is `25`, `50.0` is `5E+1`, `1200.00` is `1.2E+3`, `-0.0` is `0`).
     */
    static char[] decimalText(char[] text, int offset, int length) {
        if (length > 32) {
            return null;
        }
        int end = offset + length;
        int i = offset;
        boolean negative = i < end && text[i] == '-';
        if (negative) {
            i++;
        }
        int intStart = i;
        while (i < end && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        int intEnd = i;
        if (intEnd == intStart || i >= end || text[i] != '.' || (text[intStart] == '0' && intEnd - intStart > 1)) {
            return null;
        }
        i++;
        int fractionStart = i;
        while (i < end && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        if (i != end || i == fractionStart) {
            return null;
        }
        int fractionEnd = end;
        while (fractionEnd > fractionStart && text[fractionEnd - 1] == '0') {
            fractionEnd--;
        }
        if (fractionEnd > fractionStart) {
            // a fraction left: written plainly when that is what the tree writes
            int stripped = fractionEnd - offset;
            return isCanonicalDecimal(text, offset, stripped) ? Arrays.copyOfRange(text, offset, fractionEnd) : null;
        }
        if (text[intStart] == '0') {
            return new char[] {'0'}; // zero, whatever its sign
        }
        int digitsEnd = intEnd;
        while (text[digitsEnd - 1] == '0') {
            digitsEnd--;
        }
        int zeros = intEnd - digitsEnd;
        StringBuilder out = new StringBuilder(length + 4);
        if (negative) {
            out.append('-');
        }
        if (zeros == 0) {
            return out.append(text, intStart, intEnd - intStart).toString().toCharArray();
        }
        // the unscaled digits without their zeros, scale -zeros: scientific notation
        out.append(text[intStart]);
        if (digitsEnd - intStart > 1) {
            out.append('.').append(text, intStart + 1, digitsEnd - intStart - 1);
        }
        out.append("E+").append(zeros + (digitsEnd - intStart) - 1);
        return out.toString().toCharArray();
    }

    /**
     * The keys of the objects being copied, one list per depth: a key twice makes the tree keep
     * the last value, so the copy is abandoned ({@link DuplicateKey}). Objects have few keys: a
     * linear scan, no hash set per object.
     */
    static final class Names {
        /** Past this many keys, an object's keys also go to a hash set. */
        private static final int SCANNED = 32;

        private String[][] byDepth = new String[8][];
        private int[] counts = new int[8];
        /**
         * The key count of the previous object at each depth, and whether the current one has had
         * the same keys so far: rows of a list mostly do, and the parser hands out one instance per
         * name, so a key the same as the previous row's at its place is one comparison (keys that
         * were distinct there are distinct here).
         */
        private int[] previous = new int[8];
        private boolean[] same = new boolean[8];
        private List<Set<String>> sets = new ArrayList<>();

        /** The deepest nesting of the objects and arrays copied so far (1: the first object or array). */
        int deepest;

        void reach(int depth) {
            deepest = Math.max(deepest, depth + 1);
        }

        void start(int depth) {
            if (depth >= byDepth.length) {
                int length = depth * 2;
                byDepth = Arrays.copyOf(byDepth, length);
                counts = Arrays.copyOf(counts, length);
                previous = Arrays.copyOf(previous, length);
                same = Arrays.copyOf(same, length);
            }
            if (byDepth[depth] == null) {
                byDepth[depth] = new String[SCANNED];
            }
            previous[depth] = counts[depth];
            same[depth] = true;
            counts[depth] = 0;
            while (sets.size() <= depth) {
                sets.add(null);
            }
            sets.set(depth, null);
        }

        void add(int depth, String name) throws DuplicateKey {
            Set<String> set = sets.get(depth);
            if (set != null) {
                if (!set.add(name)) {
                    throw new DuplicateKey();
                }
                return;
            }
            String[] names = byDepth[depth];
            int count = counts[depth];
            if (same[depth] && count < previous[depth] && names[count] == name) {
                counts[depth] = count + 1;
                return;
            }
            same[depth] = false;
            for (int i = 0; i < count; i++) {
                if (names[i].equals(name)) {
                    throw new DuplicateKey();
                }
            }
            if (count < SCANNED) {
                names[count] = name;
                counts[depth] = count + 1;
            } else {
                set = new HashSet<>(Arrays.asList(names));
                set.add(name);
                sets.set(depth, set);
            }
        }
    }

    /** A key twice in one object. */
    static final class DuplicateKey extends IOException {
        DuplicateKey() {
            super("duplicate key", null);
        }
    }

    /** A decimal as the tree reads it (`USE_BIG_DECIMAL_FOR_FLOATS`, trailing zeros stripped). */
    private static BigDecimal decimal(BigDecimal value) {
        try {
            return value.stripTrailingZeros();
        } catch (ArithmeticException e) {
            return value;
        }
    }
}
