package io.joinery.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses request bodies under SPEC §11.2's limits on JSON, while reading (Jackson's
 * {@link StreamReadConstraints}), so a hostile body is refused before it becomes a tree:
 * nesting of arrays and objects at most {@code maxDepth} levels, a number at most
 * {@value #MAX_NUMBER_LENGTH} characters. (Strings are bounded by the body size.) Numbers are read as
 * {@link Json#MAPPER} reads them (floats as BigDecimal), which is why their length is bounded here
 * and their exponent by whoever converts them ({@code InputValueChecker}).
 *
 * <p>Every refusal is `invalid-json` at `$`, like any body that is not JSON.
 */
public final class JsonBodyParser {
    /** Characters in one JSON number, its digits, sign, point and exponent included (Jackson's own default). */
    public static final int MAX_NUMBER_LENGTH = 1000;
    public static final int DEFAULT_MAX_DEPTH = 500;
    public static final JsonBodyParser DEFAULT = new JsonBodyParser(DEFAULT_MAX_DEPTH);

    /** The last parser built by {@link #of}: servers use one depth, so one parser is built per server. */
    private static volatile JsonBodyParser latest = DEFAULT;

    private final int maxDepth;
    private final ObjectReader reader;

    private JsonBodyParser(int maxDepth) {
        this.maxDepth = maxDepth;
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .build();
        this.reader = Json.MAPPER.reader().with(factory);
    }

    /** A parser allowing {@code maxDepth} levels of nesting. */
    public static JsonBodyParser of(int maxDepth) {
        JsonBodyParser last = latest;
        if (last.maxDepth == maxDepth) {
            return last;
        }
        JsonBodyParser built = new JsonBodyParser(maxDepth);
        latest = built;
        return built;
    }

    /** The body as JSON; not JSON, or past a limit, is Hasura's `invalid-json` at `$`. */
    public JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw notEnoughInput();
        }
        try {
            return reader.readTree(body);
        } catch (StreamConstraintsException limit) {
            throw new JoineryException(ErrorCode.INVALID_JSON, "Error in $: " + limitMessage(limit), ErrorPath.root());
        } catch (JsonProcessingException e) {
            throw new JoineryException(ErrorCode.INVALID_JSON, "Error in $: " + e.getOriginalMessage(),
                    ErrorPath.root());
        } catch (NumberFormatException e) {
            // Jackson reads a float as BigDecimal, whose exponent is an int: 9e9999999999999999999 is not one
            throw new JoineryException(ErrorCode.INVALID_JSON,
                    "Error in $: a number's exponent is beyond what can be read", ErrorPath.root());
        }
    }

    /**
     * The body as JSON, read from its UTF-8 bytes without decoding them to a String first, with the
     * outcome {@link #parse(String)} gives for {@code new String(body, UTF_8)}: the same tree, or the
     * same error. Jackson's byte parser differs from its character parser only on input it would be
     * handed rarely, and those go the character way: a body that is not well-formed UTF-8 (the JDK
     * decodes it with replacement characters, which Jackson's decoder does not), one whose first
     * non-blank byte is not ASCII (a byte order mark, Unicode white space), and every body that fails
     * (so that each error keeps its message).
     */
    public JsonNode parse(byte[] body) {
        int first = 0;
        while (first < body.length && body[first] >= 0 && Character.isWhitespace(body[first])) {
            first++;
        }
        if (first == body.length) {
            throw notEnoughInput();
        }
        if (body[first] < 0 || !isWellFormedUtf8(body)) {
            return parse(new String(body, StandardCharsets.UTF_8));
        }
        try {
            return reader.readTree(body);
        } catch (IOException | NumberFormatException failed) {
            return parse(new String(body, StandardCharsets.UTF_8));
        }
    }

    /**
     * Whether {@code bytes} are well-formed UTF-8 as the JDK's decoder reads it (Unicode's table 3-7:
     * no overlong forms, no surrogates, nothing past U+10FFFF). ASCII costs one comparison a byte.
     */
    static boolean isWellFormedUtf8(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            int more;
            int low = 0x80;
            int high = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                more = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                more = 2;
                low = b == 0xE0 ? 0xA0 : 0x80;
                high = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                more = 3;
                low = b == 0xF0 ? 0x90 : 0x80;
                high = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (i + more >= n) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k <= more; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += more + 1;
        }
        return true;
    }

    private static JoineryException notEnoughInput() {
        return new JoineryException(ErrorCode.INVALID_JSON, "Error in $: not enough input", ErrorPath.root());
    }

    private String limitMessage(StreamConstraintsException limit) {
        String jackson = limit.getOriginalMessage();
        if (jackson.contains("nesting depth")) {
            return "the JSON is nested deeper than the limit of " + maxDepth + " levels";
        }
        if (jackson.startsWith("Number")) {
            return "a number is longer than the limit of " + MAX_NUMBER_LENGTH + " characters";
        }
        return jackson;
    }
}
