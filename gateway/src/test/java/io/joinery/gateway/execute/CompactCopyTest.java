package io.joinery.gateway.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.joinery.core.json.Json;
import io.joinery.gateway.plan.QueryPlan;
import io.joinery.gateway.plan.RootEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Answers already written as the generator writes them are copied as runs of their own bytes
 * ({@link CompactCopy}); the bytes are the same as the token-by-token copy's and the tree path's,
 * whatever the answer (issue 16). Random answers, compact and not, with escapes, Unicode and
 * every number form the tree rewrites.
 */
class CompactCopyTest {
    private static final RootEntry.Remote ORDERS = PassThroughWriterTest.remote("orders", "orders", false);
    private static final QueryPlan PLAN = PassThroughWriterTest.plan(ORDERS);

    /** The body written as byte runs; throws {@link CompactCopy.NotCompact} when the answer is not compact. */
    private static String runs(String upstream) throws IOException {
        AnswerBuffer out = AnswerBuffer.get();
        try {
            CompactCopy copy = CompactCopy.of(upstream.getBytes(StandardCharsets.UTF_8), out);
            assertThat(copy).as("no escape, valid UTF-8: %s", upstream).isNotNull();
            boolean written = copy.body(List.of(ORDERS), (entry, parser, names) -> copy.value(parser, names, 0));
            return written ? new String(out.toByteArray(), StandardCharsets.UTF_8) : null;
        } finally {
            out.release();
        }
    }

    /** The body written token by token by the generator. */
    private static String tokens(String upstream) throws IOException {
        AnswerBuffer out = AnswerBuffer.get();
        try (JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
            boolean written = PassThroughWriter.writeBody(List.of(ORDERS), upstream.getBytes(StandardCharsets.UTF_8),
                    generator, (entry, parser, into, names) -> PassThroughWriter.copy(parser, into, names, 0));
            generator.flush();
            return written ? new String(out.toByteArray(), StandardCharsets.UTF_8) : null;
        } finally {
            out.release();
        }
    }

    private static String orders(String value) {
        return "{\"data\":{\"orders\":" + value + "}}";
    }

    @Test
    void positions_areWhereTokensStart_atAKeyItsValue() throws IOException {
        String json = "{\"a\":\"x\",\"bc\":[1,true,{}],\"d\":-2.5}";
        List<String> starts = new ArrayList<>();
        AnswerBuffer out = AnswerBuffer.get();
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json.getBytes(StandardCharsets.UTF_8))) {
            CompactCopy copy = CompactCopy.of(json.getBytes(StandardCharsets.UTF_8), out);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                starts.add(token + "@" + json.charAt(copy.start(parser)));
            }
        } finally {
            out.release();
        }
        assertThat(starts).containsExactly("START_OBJECT@{", "FIELD_NAME@\"", "VALUE_STRING@\"", "FIELD_NAME@[",
                "START_ARRAY@[", "VALUE_NUMBER_INT@1", "VALUE_TRUE@t", "START_OBJECT@{", "END_OBJECT@}", "END_ARRAY@]",
                "FIELD_NAME@-", "VALUE_NUMBER_FLOAT@-", "END_OBJECT@}");
    }

    @Test
    void compactAnswer_copiedAsItIs_numbersAsTheTreeWritesThem() throws IOException {
        String answer = orders("[{\"id\":1,\"note\":\"caf\u00e9 \u2603 \ud83d\ude00\",\"total\":25.0,\"t\":2.50,\"e\":1e5,"
                + "\"z\":-0,\"n\":null,\"ok\":false,\"lines\":[{},[],[1.0,-0.0]]}]");
        assertThat(runs(answer)).isEqualTo(tokens(answer)).isEqualTo(PassThroughWriterTest.tree(PLAN, answer))
                .contains("\"total\":25,\"t\":2.5,\"e\":1E+5,\"z\":0,");
    }

    @Test
    void whitespaceAnywhere_isNotCompact_andTheTokenCopyAnswers() {
        for (String value : List.of("[1 ,2]", "[1, 2]", "[ 1]", "[1 ]", "{\"a\" :1}", "{\"a\": 1}", "{ \"a\":1}",
                "{\"a\":1 }", "{\"a\":1 ,\"b\":2}", "{\"a\":1,\n\"b\":2}", "[{\"a\":[\"x\" ]}]")) {
            String answer = orders(value);
            assertThatThrownBy(() -> runs(answer)).as(value).isInstanceOf(CompactCopy.NotCompact.class);
            assertThat(PassThroughWriter.write(List.of(ORDERS), answer.getBytes(StandardCharsets.UTF_8)))
                    .asString(StandardCharsets.UTF_8).isEqualTo(PassThroughWriterTest.tree(PLAN, answer));
        }
    }

    @Test
    void escapesOrBadUtf8_notCopiedAsBytes() {
        AnswerBuffer out = AnswerBuffer.get();
        try {
            assertThat(CompactCopy.of(orders("[\"a\\\"b\"]").getBytes(StandardCharsets.UTF_8), out)).isNull();
            assertThat(CompactCopy.of(orders("[\"\\u00e9\"]").getBytes(StandardCharsets.UTF_8), out)).isNull();
            // an encoded surrogate and an overlong NUL: Jackson reads them otherwise, or not at all
            for (byte[] bad : List.of(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0x80})) {
                byte[] answer = orders("[\"..\"]").getBytes(StandardCharsets.UTF_8);
                byte[] withBad = new byte[answer.length + bad.length];
                int quote = orders("[\"").length();
                System.arraycopy(answer, 0, withBad, 0, quote);
                System.arraycopy(bad, 0, withBad, quote, bad.length);
                System.arraycopy(answer, quote, withBad, quote + bad.length, answer.length - quote);
                assertThat(CompactCopy.of(withBad, out)).isNull();
            }
            assertThat(CompactCopy.of(orders("[\"\u00e9\"]").getBytes(StandardCharsets.UTF_8), out)).isNotNull();
        } finally {
            out.release();
        }
    }

    @Test
    void longIntegers_andKeysToEscape_leftToTheGenerator() throws IOException {
        String answer = orders("[12345678901234567890]");
        assertThatThrownBy(() -> runs(answer)).isInstanceOf(CompactCopy.NotCompact.class);
        assertThat(PassThroughWriter.write(List.of(ORDERS), answer.getBytes(StandardCharsets.UTF_8)))
                .asString(StandardCharsets.UTF_8).isEqualTo(PassThroughWriterTest.tree(PLAN, answer));
        assertThatThrownBy(() -> CompactCopy.keyBytes("a-b")).isInstanceOf(CompactCopy.NotCompact.class);
        assertThat(CompactCopy.keyBytes("shop__latest_2")).asString(StandardCharsets.US_ASCII).isEqualTo("\"shop__latest_2\":");
    }

    @Property(tries = 400)
    void anyAnswer_writtenAsTheTreeWritesIt(@ForAll("answers") String answer) throws IOException {
        String tree = PassThroughWriterTest.tree(PLAN, answer);
        String written = new String(PassThroughWriter.write(List.of(ORDERS), answer.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        assertThat(written).isEqualTo(tree).isEqualTo(tokens(answer));
        String compact = compact(answer);
        if (!compact.contains("\\") && !answer.matches("(?s).*\\d{19}.*")) {
            assertThat(runs(compact)).as(compact).isEqualTo(tree);
        }
    }

    @Provide
    Arbitrary<String> answers() {
        return Arbitraries.randomValue(random -> {
            StringBuilder out = new StringBuilder();
            value(random, out, 0, random.nextInt(4) == 0);
            return orders(out.toString());
        });
    }

    private static final String[] TEXTS = {"", "a", "order 12", "caf\u00e9", "\u2603", "\ud83d\ude00 x",
        "\\\"q\\\"", "\\n", "\\u00e9", "\\/", "a\\\\b", "\u00ff\u0100"};
    private static final String[] NUMBERS = {"0", "-0", "7", "-12", "2147483648", "1234567890123456789",
        "12345678901234567890", "12.5", "25.0", "2.50", "50.0", "-0.0", "0.0", "1e5", "1.5E-7", "0.000001",
        "0.0000001", "100.25", "-7.00", "1200.00", "5.0e0"};
    private static final String[] KEYS = {"id", "note", "total", "lines", "__typename", "n\u00e9", "a_b"};

    private static void value(Random random, StringBuilder out, int depth, boolean spaced) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        switch (kind) {
            case 0 -> out.append('"').append(TEXTS[random.nextInt(TEXTS.length)]).append('"');
            case 1, 2 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 3 -> out.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
            case 4 -> out.append("null");
            case 5 -> {
                out.append('[');
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    separator(random, out, i > 0 ? "," : "", spaced);
                    value(random, out, depth + 1, spaced);
                }
                separator(random, out, "]", spaced);
            }
            default -> {
                out.append('{');
                List<String> keys = new ArrayList<>(List.of(KEYS));
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    separator(random, out, i > 0 ? "," : "", spaced);
                    out.append('"').append(keys.remove(random.nextInt(keys.size()))).append('"');
                    separator(random, out, ":", spaced);
                    value(random, out, depth + 1, spaced);
                }
                separator(random, out, "}", spaced);
            }
        }
    }

    private static void separator(Random random, StringBuilder out, String separator, boolean spaced) {
        if (spaced && random.nextInt(3) == 0) {
            out.append(random.nextBoolean() ? " " : "\n\t");
        }
        out.append(separator);
        if (spaced && random.nextInt(3) == 0) {
            out.append(' ');
        }
    }

    /** {@code json} without whitespace outside its strings. */
    static String compact(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
