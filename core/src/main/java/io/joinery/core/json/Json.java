package io.joinery.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;

/** The one configured Jackson mapper, and the few JSON operations every module needs. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // written as bytes, a character outside the BMP is its 4 UTF-8 bytes, as when written as text
            // and encoded (Jackson's default escapes it as a surrogate pair: valid JSON, other bytes)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    private static final ObjectMapper YAML = new YAMLMapper();

    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /**
     * Parses a request body. Not JSON is Hasura's `invalid-json` at `$`, with the parser's message.
     */
    public static JsonNode parseBody(String body) {
        if (body == null || body.isBlank()) {
            throw new JoineryException(ErrorCode.INVALID_JSON, "Error in $: not enough input", ErrorPath.root());
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new JoineryException(ErrorCode.INVALID_JSON, "Error in $: " + e.getOriginalMessage(),
                    ErrorPath.root());
        }
    }

    /** Parses a metadata file that may be JSON or YAML (YAML is a superset; JSON is tried first). */
    public static JsonNode parseJsonOrYaml(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException jsonError) {
            try {
                return YAML.readTree(text);
            } catch (JsonProcessingException yamlError) {
                throw new JoineryException(ErrorCode.INVALID_JSON,
                        "metadata file is neither JSON nor YAML: " + jsonError.getOriginalMessage(),
                        ErrorPath.root());
            }
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value is not serialisable as JSON", e);
        }
    }

    /**
     * {@code value} as UTF-8 JSON bytes, without a String in between: the bytes of {@link #write}'s text,
     * except a lone surrogate (not Unicode; `"\ud800"` in a request), escaped here, `?` there.
     */
    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value is not serialisable as JSON", e);
        }
    }

    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("value is not serialisable as JSON", e);
        }
    }

    public static JsonNode valueToTree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
