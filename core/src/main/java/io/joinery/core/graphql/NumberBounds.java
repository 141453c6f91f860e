package io.joinery.core.graphql;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The numbers either server accepts as input (SPEC §11.2): at most {@value #MAX_DIGITS} digits and
 * an exponent within ±{@value #MAX_EXPONENT}. Beyond that a number is refused before anything turns
 * it into a {@link BigInteger} or plain digits: `1e300000000` is eleven characters, but expanding it
 * would take gigabytes and minutes, and turning a million digits into a BigInteger takes quadratic
 * time (graphql-java's parser does so for every Int literal).
 *
 * <p>Two places use it: the query text is scanned before it is parsed ({@link #checkDocument}), and
 * JSON variable values, whose length the body parser already bounds, are judged by {@link #within}
 * before {@link InputValueChecker} converts them.
 */
public final class NumberBounds {
    public static final int MAX_DIGITS = 1000;
    public static final int MAX_EXPONENT = 10_000;
    /** How a refused value is described: `... but found a number outside the accepted range (...)`. */
    static final String OUTSIDE = "a number outside the accepted range (at most " + MAX_DIGITS
            + " digits, exponent within ±" + MAX_EXPONENT + ")";

    private NumberBounds() {}

    /** Whether {@code number} has at most {@link #MAX_DIGITS} digits and an exponent within the bound. */
    public static boolean within(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return true;
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() <= MAX_DIGITS * 3.33;
        }
        if (number instanceof Double || number instanceof Float) {
            return Double.isFinite(number.doubleValue());
        }
        if (!(number instanceof BigDecimal decimal)) {
            return false;
        }
        // precision and scale are read, never expanded; the exponent is the one of d.ddd x 10^e
        long exponent = (long) decimal.precision() - decimal.scale() - 1;
        return decimal.precision() <= MAX_DIGITS && Math.abs(exponent) <= MAX_EXPONENT;
    }

    /**
     * Refuses a query whose text holds a number literal beyond the bounds, in one pass over the text
     * and before graphql-java parses it. Strings, block strings and comments are skipped, so digits
     * inside them are not numbers.
     *
     * @throws JoineryException `validation-failed` at `$.query`
     */
    public static void checkDocument(String query) {
        int i = 0;
        int n = query.length();
        while (i < n) {
            char c = query.charAt(i);
            if (c == '#') {
                while (i < n && query.charAt(i) != '\n' && query.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '"') {
                i = query.startsWith("\"\"\"", i) ? afterBlockString(query, i + 3) : afterString(query, i + 1);
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(query.charAt(i)) || query.charAt(i) == '_')) {
                    i++;
                }
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int start = i;
                i++;
                while (i < n && isNumberChar(query.charAt(i), query.charAt(i - 1))) {
                    i++;
                }
                checkLiteral(query.substring(start, i));
            } else {
                i++;
            }
        }
    }

    private static boolean isNumberChar(char c, char previous) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E'
                || ((c == '+' || c == '-') && (previous == 'e' || previous == 'E'));
    }

    private static void checkLiteral(String literal) {
        if (literal.length() > MAX_DIGITS + 8) {
            throw refused(literal.length() + " characters long");
        }
        int e = Math.max(literal.indexOf('e'), literal.indexOf('E'));
        if (e >= 0 && literal.length() - e > 7) {
            throw refused("outside the accepted range"); // an exponent of more than five digits
        }
        BigDecimal value;
        try {
            value = new BigDecimal(literal);
        } catch (NumberFormatException notANumber) {
            return; // not a number token (a lone "-", "1.2.3"): the parser reports it
        }
        if (!within(value)) {
            throw refused("outside the accepted range");
        }
    }

    private static int afterString(String query, int i) {
        while (i < query.length()) {
            char c = query.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"' || c == '\n' || c == '\r') {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static int afterBlockString(String query, int i) {
        while (i < query.length()) {
            if (query.startsWith("\\\"\"\"", i)) {
                i += 4;
            } else if (query.startsWith("\"\"\"", i)) {
                return i + 3;
            } else {
                i++;
            }
        }
        return i;
    }

    private static JoineryException refused(String what) {
        return new JoineryException(ErrorCode.VALIDATION_FAILED, "a number in the query is " + what
                + " (at most " + MAX_DIGITS + " digits, exponent within ±" + MAX_EXPONENT + ")",
                ErrorPath.root().key("query"));
    }
}
