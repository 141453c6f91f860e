package io.joinery.gateway.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the keys of one JSON object of metadata arguments, reporting `parse-failed` at the path of
 * the offending object (SPEC §1.1). Wire names stay here and in the parsers that use it.
 */
final class ArgsReader {
    private final JsonNode node;
    private final ErrorPath path;

    private ArgsReader(JsonNode node, ErrorPath path) {
        this.node = node;
        this.path = path;
    }

    static ArgsReader of(JsonNode node, ErrorPath path) {
        if (node == null || !node.isObject()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "expected an object, but found " + kind(node), path);
        }
        return new ArgsReader(node, path);
    }

    ErrorPath path() {
        return path;
    }

    ErrorPath path(String key) {
        return path.key(key);
    }

    JsonNode node() {
        return node;
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    JsonNode get(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    String requiredString(String key) {
        String value = optionalString(key);
        if (value == null) {
            throw new JoineryException(ErrorCode.PARSE_FAILED, "key \"" + key + "\" not found", path);
        }
        return value;
    }

    String optionalString(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "expected a string for \"" + key + "\", but found " + kind(value), path.key(key));
        }
        return value.asText();
    }

    boolean optionalBoolean(String key, boolean fallback) {
        JsonNode value = get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "expected a boolean for \"" + key + "\", but found " + kind(value), path.key(key));
        }
        return value.asBoolean();
    }

    Integer optionalInt(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "expected an integer for \"" + key + "\", but found " + kind(value), path.key(key));
        }
        return value.asInt();
    }

    /** A `{"a": "b"}` object of strings, in the given order; empty when absent. */
    Map<String, String> stringMap(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "expected an object for \"" + key + "\", but found " + kind(value), path.key(key));
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (!entry.getValue().isTextual()) {
                throw new JoineryException(ErrorCode.PARSE_FAILED, "expected a string, but found "
                        + kind(entry.getValue()), path.key(key).key(entry.getKey()));
            }
            out.put(entry.getKey(), entry.getValue().asText());
        }
        return Collections.unmodifiableMap(out);
    }

    JsonNode array(String key) {
        JsonNode value = get(key);
        if (value != null && !value.isArray()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "expected an array for \"" + key + "\", but found " + kind(value), path.key(key));
        }
        return value;
    }

    /** Rejects keys outside {@code known}, naming them (SPEC §0.4: nothing is silently dropped). */
    void rejectUnknownKeys(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new JoineryException(ErrorCode.PARSE_FAILED, "unexpected key \"" + name + "\"", path);
            }
        }
    }

    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
