package io.joinery.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A body parsed from its bytes has the outcome it had as text (the same tree, or the same error),
 * whatever the bytes: the front door hands routes bytes, and error shapes must not change.
 */
class JsonBodyParserTest {
    private static final JsonBodyParser PARSER = JsonBodyParser.of(8);

    /** Bodies a client sends, and the odd ones: non-ASCII text, bytes that are not UTF-8, limits, junk. */
    private static List<byte[]> corpus() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("{\"query\":\"{ a }\"}", "{\"query\":\"{ a }\",\"variables\":{\"n\":\"Zoë, 日本, 🎉\"}}",
                "[{\"query\":\"q\"},{\"query\":\"r\"}]", "  \n\t{\"a\":1}\r\n", "{\"n\":12345678901234567890.123456789}",
                "", "   ", "\u001c\u001f ", "\u2003", "\u2003{\"a\":1}", "\ufeff{\"a\":1}", "{\"a\":1}\u2003",
                "{\"a\": é}", "{\"é\": 1", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "[[[[[[[[[[1]]]]]]]]]]",
                "{\"n\":" + "9".repeat(1001) + "}", "{\"a\":\"unterminated", "nul\u0000l", "\"just a string\"",
                "{'a':1}", "{\"a\":NaN}", "{\"a\":\"\\ud800\"}", "{\"a\":\"tab\there\"}", "tru", "{\"a\":-}")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        for (String hex : List.of("7b2271223a2271ff227d", "7b2271223a20ff7d", "7b2271223a22c0af227d",
                "7b2271223a22eda080227d", "7b2271223a22f4908080227d", "7b2271223a22f5808080227d",
                "7b2271223a22e282227d", "7b2271223a22e282", "7b2271223a22f09f8e", "c3", "ff", "efbbbf",
                "efbbbf7b7d", "7b7d80", "7b2271223a22e0808f227d", "7b2271223a22c2a0227d")) {
            bodies.add(HexFormat.of().parseHex(hex));
        }
        return bodies;
    }

    @Test
    void bytes_haveTheOutcomeOfTheirText_forOddBodies() {
        corpus().forEach(JsonBodyParserTest::assertSameOutcome);
    }

    @Test
    void bytes_haveTheOutcomeOfTheirText_forMutatedBodies() {
        Random random = new Random(16);
        List<byte[]> seeds = corpus();
        for (int i = 0; i < 20_000; i++) {
            byte[] body = seeds.get(random.nextInt(seeds.size())).clone();
            ByteArrayOutputStream mutated = new ByteArrayOutputStream();
            for (byte b : body) {
                int dice = random.nextInt(24);
                if (dice == 0) {
                    continue; // dropped
                }
                mutated.write(dice == 1 ? randomByte(random) : b);
                if (dice == 2) {
                    mutated.write(randomByte(random));
                }
            }
            assertSameOutcome(mutated.toByteArray());
        }
    }

    /** Mostly the bytes that matter: JSON punctuation, UTF-8 lead and continuation bytes, their edges. */
    private static int randomByte(Random random) {
        int[] interesting = {'{', '}', '[', ']', '"', ':', ',', '\\', ' ', '1', 'e', '-', 0x00, 0x1c, 0x7f, 0x80, 0x8f,
            0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xbb};
        return random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : random.nextInt(256);
    }

    private static void assertSameOutcome(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Object asText = outcome(() -> PARSER.parse(text));
        Object asBytes = outcome(() -> PARSER.parse(body));
        assertThat(asBytes).as(HexFormat.of().formatHex(body)).isEqualTo(asText);
    }

    /** The tree, or the error's code and message (or any other exception's class and message). */
    private static Object outcome(java.util.function.Supplier<JsonNode> parse) {
        try {
            return parse.get();
        } catch (JoineryException e) {
            return e.code() + " " + e.path() + " " + e.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getName() + " " + e.getMessage();
        }
    }

    @Test
    void nonAsciiText_isReadFromBytes() {
        JsonNode body = PARSER.parse("{\"name\":\"Zoë 日本 🎉\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(body.get("name").asText()).isEqualTo("Zoë 日本 🎉");
    }

    @Test
    void bytesThatAreNotUtf8_inAString_becomeReplacementCharacters_asTheyDidAsText() {
        JsonNode body = PARSER.parse(HexFormat.of().parseHex("7b2271223a2271ff227d")); // {"q":"q<FF>"}
        assertThat(body.get("q").asText()).isEqualTo("q\ufffd");
    }

    @Test
    void anExponentBeyondAnInt_isInvalidJson_notAnUnexpectedFailure() {
        byte[] body = "{\"query\":\"{ a }\",\"variables\":{\"x\":9e9999999999999999999}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PARSER.parse(body)).isInstanceOfSatisfying(JoineryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
            assertThat(e.getMessage()).isEqualTo("Error in $: a number's exponent is beyond what can be read");
        });
    }

    @Test
    void emptyOrBlankBytes_areNotEnoughInput() {
        for (String blank : List.of("", " \r\n\t")) {
            assertThatThrownBy(() -> PARSER.parse(blank.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(JoineryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
                        assertThat(e.getMessage()).isEqualTo("Error in $: not enough input");
                    });
        }
    }

    @Test
    void wellFormedUtf8_isWhatTheJdkDecoderAccepts() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[random.nextInt(6)];
            for (int k = 0; k < bytes.length; k++) {
                bytes[k] = (byte) randomByte(random);
            }
            assertThat(JsonBodyParser.isWellFormedUtf8(bytes)).as(HexFormat.of().formatHex(bytes))
                    .isEqualTo(jdkAccepts(bytes));
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
