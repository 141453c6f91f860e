package io.joinery.gateway.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.joinery.core.json.Json;
import io.joinery.gateway.plan.RootEntry;
import io.joinery.gateway.plan.TypenameKeys;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pass-through copy writes numbers from their text, without converting them, exactly as the tree
 * writes the values it reads: integers as they are (`-0` as `0`), decimals as {@code BigDecimal}s
 * without trailing zeros (issue 16).
 */
class PassThroughNumbersTest {
    private static final List<RootEntry.Remote> ORDERS = List.of(
            new RootEntry.Remote("orders", 0, "orders", false, false, TypenameKeys.NONE));

    /** What the tree writes for a decimal's text: read as a BigDecimal, trailing zeros stripped. */
    private static String treeDecimal(String text) throws IOException {
        BigDecimal value = new BigDecimal(text);
        try {
            value = value.stripTrailingZeros();
        } catch (ArithmeticException e) {
            // as PassThroughWriter.decimal
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
            generator.writeNumber(value);
        }
        return out.toString();
    }

    private static void assertDecimal(String text) throws IOException {
        char[] chars = ("  " + text + " ").toCharArray();
        char[] written = PassThroughWriter.decimalText(chars, 2, text.length());
        if (written != null) {
            assertThat(new String(written)).as(text).isEqualTo(treeDecimal(text));
        }
        int integral = PassThroughWriter.integralPrefix(chars, 2, text.length());
        if (integral > 0) {
            assertThat(new String(chars, 2, integral)).as(text).isEqualTo(treeDecimal(text));
        }
    }

    @Test
    void decimalText_isWhatTheTreeWrites() throws IOException {
        for (String text : List.of("25.0", "50.0", "100.0", "1200.00", "-37.50", "-0.0", "0.0", "0.000", "12.5",
                "0.50", "0.0000010", "0.00000010", "-1000.0", "7.0", "10.10", "9.90", "1.0e5", "01.0", "-0.50")) {
            assertDecimal(text);
        }
        Random random = new Random(16);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            if (random.nextBoolean()) {
                text.append('-');
            }
            int digits = 1 + random.nextInt(6);
            for (int i = 0; i < digits; i++) {
                text.append(i == 0 && digits > 1 ? (char) ('1' + random.nextInt(9))
                        : random.nextInt(3) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
            }
            text.append('.');
            int fraction = 1 + random.nextInt(5);
            for (int i = 0; i < fraction; i++) {
                text.append(random.nextInt(2) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
            }
            assertDecimal(text.toString());
        }
    }

    @Test
    void integralDecimals_needNoBigDecimal() {
        assertThat(PassThroughWriter.decimalText("25.0".toCharArray(), 0, 4)).containsExactly('2', '5');
        assertThat(PassThroughWriter.integralPrefix("-25.00".toCharArray(), 0, 6)).isEqualTo(3);
        assertThat(PassThroughWriter.integralPrefix("50.0".toCharArray(), 0, 4)).isEqualTo(-1);
        assertThat(PassThroughWriter.integralPrefix("0.0".toCharArray(), 0, 3)).isEqualTo(-1);
        assertThat(PassThroughWriter.integralPrefix("2.50".toCharArray(), 0, 4)).isEqualTo(-1);
        assertThat(new String(PassThroughWriter.decimalText("-1200.00".toCharArray(), 0, 8))).isEqualTo("-1.2E+3");
        assertThat(PassThroughWriter.decimalText("1.5e3".toCharArray(), 0, 5)).isNull();
    }

    @Test
    void numbersCopied_asTheTreeWritesThem() throws IOException {
        List<String> values = new ArrayList<>(List.of("0", "-0", "7", "-12", "2147483648", "-9223372036854775808",
                "123456789012345678901234567890", "12.50", "25.0", "50.0", "-0.0", "0.000001", "1e5", "1.5E-7"));
        String upstream = "{\"data\":{\"orders\":[" + String.join(",", values) + "]}}";
        byte[] written = PassThroughWriter.write(ORDERS, upstream.getBytes(StandardCharsets.UTF_8));
        assertThat(written).isNotNull();
        String tree = new String(Json.MAPPER.writeValueAsBytes(Json.MAPPER.readTree(
                "{\"data\":{\"orders\":[" + String.join(",", values) + "]}}")), StandardCharsets.UTF_8);
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(tree);
    }

    @Test
    void rowsWithTheSameKeys_andRowsWithAKeyTwice() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            rows.append(i == 0 ? "" : ",").append(i % 3 == 0 ? "{\"id\":" + i + ",\"note\":\"n\"}"
                    : "{\"id\":" + i + ",\"total\":1.5,\"note\":null}");
        }
        String plain = "{\"data\":{\"orders\":[" + rows + "]}}";
        assertThat(PassThroughWriter.write(ORDERS, plain.getBytes(StandardCharsets.UTF_8))).isNotNull();
        // the same keys as the row before, then one of them again
        String twice = "{\"data\":{\"orders\":[{\"id\":1,\"note\":\"a\"},{\"id\":2,\"note\":\"b\",\"id\":3}]}}";
        assertThat(PassThroughWriter.write(ORDERS, twice.getBytes(StandardCharsets.UTF_8))).isNull();
        String reordered = "{\"data\":{\"orders\":[{\"id\":1,\"note\":\"a\"},{\"note\":\"b\",\"id\":2,\"note\":3}]}}";
        assertThat(PassThroughWriter.write(ORDERS, reordered.getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
