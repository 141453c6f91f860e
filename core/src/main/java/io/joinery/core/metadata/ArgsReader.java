package io.joinery.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.JsonKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads the keys of one JSON object of a metadata request, reporting `parse-failed` where the
 * problem is: a missing key at the object's path (`key "name" not found`), a value of the wrong
 * type at the key's path, in Aeson's words as Hasura reports them
 * (`expected String, but encountered Number`). A key holding `null` counts as absent.
 *
 * <p>Both services read every metadata argument through this class, so the messages are the same
 * on the child and the gateway; what a key means stays in each service's parsers.
 */
public final class ArgsReader {
    private final JsonNode node;
    private final ErrorPath at;

    private ArgsReader(JsonNode node, ErrorPath at) {
        this.node = node;
        this.at = at;
    }

    /** A reader of {@code node}, which must be an object; {@code at} is where it sits in the request. */
    public static ArgsReader of(JsonNode node, ErrorPath at) {
        if (node == null || !node.isObject()) {
            throw parseFailed("expected an object, but encountered " + JsonKind.of(node).typeName(), at);
        }
        return new ArgsReader(node, at);
    }

    public ErrorPath at() {
        return at;
    }

    public ErrorPath at(String key) {
        return at.key(key);
    }

    public JsonNode node() {
        return node;
    }

    public boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    public JsonNode required(String key) {
        if (!has(key)) {
            throw parseFailed("key \"" + key + "\" not found", at);
        }
        return node.get(key);
    }

    public Optional<JsonNode> optional(String key) {
        return has(key) ? Optional.of(node.get(key)) : Optional.empty();
    }

    public String string(String key) {
        return text(required(key), at(key));
    }

    public Optional<String> optionalString(String key) {
        return optional(key).map(v -> text(v, at(key)));
    }

    public boolean bool(String key, boolean otherwise) {
        return optional(key).map(v -> {
            if (!v.isBoolean()) {
                throw mismatch("Boolean", v, at(key));
            }
            return v.booleanValue();
        }).orElse(otherwise);
    }

    /** An optional 32-bit integer. */
    public Optional<Integer> optionalInt(String key) {
        return optional(key).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw mismatch("Int", v, at(key));
            }
            return v.intValue();
        });
    }

    /** An optional array, as it is. */
    public Optional<JsonNode> optionalArray(String key) {
        return optional(key).map(v -> {
            if (!v.isArray()) {
                throw mismatch("Array", v, at(key));
            }
            return v;
        });
    }

    /** The elements of an optional array, each read by {@code element} at its own path; absent = empty. */
    public <T> List<T> list(String key, BiFunction<JsonNode, ErrorPath, T> element) {
        Optional<JsonNode> value = optionalArray(key);
        if (value.isEmpty()) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < value.get().size(); i++) {
            out.add(element.apply(value.get().get(i), at(key).index(i)));
        }
        return out;
    }

    /** A required array of strings. */
    public List<String> strings(String key) {
        return stringList(required(key), at(key));
    }

    /** An optional `{"a": "b"}` object of strings, in its order; absent = empty. */
    public Map<String, String> stringMap(String key) {
        return optional(key).map(v -> stringMap(v, at(key))).orElse(Map.of());
    }

    /** A key Joinery does not implement: `not-supported` rather than silently dropped (SPEC §0.4). */
    public void rejectUnsupported(String key, String what) {
        if (has(key)) {
            throw new JoineryException(ErrorCode.NOT_SUPPORTED, what + " is not supported by Joinery", at(key));
        }
    }

    /** Rejects keys outside {@code known}, naming the first (SPEC §0.4: nothing is silently dropped). */
    public void rejectUnknownKeys(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw parseFailed("unexpected key \"" + name + "\"", at);
            }
        }
    }

    public static String text(JsonNode value, ErrorPath at) {
        if (value == null || !value.isTextual()) {
            throw mismatch("String", value, at);
        }
        return value.asText();
    }

    public static List<String> stringList(JsonNode value, ErrorPath at) {
        if (!value.isArray()) {
            throw mismatch("Array", value, at);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            out.add(text(value.get(i), at.index(i)));
        }
        return out;
    }

    public static Map<String, String> stringMap(JsonNode value, ErrorPath at) {
        if (!value.isObject()) {
            throw mismatch("Object", value, at);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), text(e.getValue(), at.key(e.getKey())));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Whether a value counts as empty for "empty values may be ignored" (SPEC §1.4). */
    public static boolean isEmptyValue(JsonNode value) {
        return value == null || value.isNull() || (value.isContainerNode() && value.isEmpty())
                || (value.isBoolean() && !value.booleanValue());
    }

    public static JoineryException parseFailed(String message, ErrorPath at) {
        return new JoineryException(ErrorCode.PARSE_FAILED, message, at);
    }

    /** `expected <expected>, but encountered <kind of value>`, at {@code at}. */
    public static JoineryException mismatch(String expected, JsonNode value, ErrorPath at) {
        return parseFailed("expected " + expected + ", but encountered " + JsonKind.of(value).typeName(), at);
    }
}
