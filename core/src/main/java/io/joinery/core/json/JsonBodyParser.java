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
            throw new JoineryException(ErrorCode.INVALID_JSON, "Error in $: not enough input", ErrorPath.root());
        }
        try {
            return reader.readTree(body);
        } catch (StreamConstraintsException limit) {
            throw new JoineryException(ErrorCode.INVALID_JSON, "Error in $: " + limitMessage(limit), ErrorPath.root());
        } catch (JsonProcessingException e) {
            throw new JoineryException(ErrorCode.INVALID_JSON, "Error in $: " + e.getOriginalMessage(),
                    ErrorPath.root());
        }
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
