package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiFunction;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the keys of one JSON object of a request, reporting `parse-failed` at the path it was
 * found at: a missing key at the object's path (`key "name" not found`), a value of the wrong
 * type at the key's path.
 */
final class ArgsReader {
    private final JsonNode node;
    private final ErrorPath at;

    private ArgsReader(JsonNode node, ErrorPath at) {
        this.node = node;
        this.at = at;
    }

    static ArgsReader of(JsonNode node, ErrorPath at) {
        if (node == null || !node.isObject()) {
            throw parseFailed("expected an object, but encountered " + kind(node), at);
        }
        return new ArgsReader(node, at);
    }

    ErrorPath at() {
        return at;
    }

    ErrorPath at(String key) {
        return at.key(key);
    }

    JsonNode node() {
        return node;
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    JsonNode required(String key) {
        if (!has(key)) {
            throw parseFailed("key \"" + key + "\" not found", at);
        }
        return node.get(key);
    }

    Optional<JsonNode> optional(String key) {
        return has(key) ? Optional.of(node.get(key)) : Optional.empty();
    }

    String string(String key) {
        return text(required(key), at(key));
    }

    Optional<String> optionalString(String key) {
        return optional(key).map(v -> text(v, at(key)));
    }

    boolean bool(String key, boolean otherwise) {
        return optional(key).map(v -> {
            if (!v.isBoolean()) {
                throw parseFailed("expected Boolean, but encountered " + kind(v), at(key));
            }
            return v.booleanValue();
        }).orElse(otherwise);
    }

    /** A GraphQL name (type, field, argument or action name). */
    String name(String key) {
        String name = string(key);
        if (!GraphqlTypeRef.isName(name)) {
            throw parseFailed("\"" + name + "\" is not a valid GraphQL name", at(key));
        }
        return name;
    }

    GraphqlTypeRef type(String key) {
        String text = string(key);
        try {
            return GraphqlTypeRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw parseFailed(e.getMessage(), at(key));
        }
    }

    /** The elements of an optional array, each read by `element`; absent or null = empty. */
    <T> List<T> list(String key, BiFunction<JsonNode, ErrorPath, T> element) {
        Optional<JsonNode> value = optional(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw parseFailed("expected Array, but encountered " + kind(value.get()), at(key));
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < value.get().size(); i++) {
            out.add(element.apply(value.get().get(i), at(key).index(i)));
        }
        return out;
    }

    /** A key Joinery does not implement: `not-supported` rather than silently dropped (SPEC §0.4). */
    void rejectUnsupported(String key, String what) {
        if (has(key)) {
            throw new JoineryException(ErrorCode.NOT_SUPPORTED, what + " is not supported by Joinery", at(key));
        }
    }

    List<String> strings(String key) {
        return stringList(required(key), at(key));
    }

    /** The source argument: absent or `default`; any other source does not exist on the child. */
    void requireDefaultSource() {
        Optional<String> source = optionalString("source");
        if (source.isPresent() && !source.get().equals("default")) {
            throw new JoineryException(ErrorCode.NOT_EXISTS,
                    "source with name \"" + source.get() + "\" does not exist", at);
        }
    }

    QualifiedTable table(String key) {
        return table(required(key), at(key));
    }

    static QualifiedTable table(JsonNode value, ErrorPath at) {
        if (value.isTextual()) {
            requireNonEmpty(value.asText(), at);
            return QualifiedTable.publicTable(value.asText());
        }
        if (value.isObject()) {
            ArgsReader table = of(value, at);
            String name = table.string("name");
            requireNonEmpty(name, at.key("name"));
            String schema = table.optionalString("schema").orElse("public");
            requireNonEmpty(schema, at.key("schema"));
            return new QualifiedTable(schema, name);
        }
        throw parseFailed("expected a table name or an object with \"schema\" and \"name\", but encountered "
                + kind(value), at);
    }

    static String text(JsonNode value, ErrorPath at) {
        if (value == null || !value.isTextual()) {
            throw parseFailed("expected String, but encountered " + kind(value), at);
        }
        return value.asText();
    }

    static List<String> stringList(JsonNode value, ErrorPath at) {
        if (!value.isArray()) {
            throw parseFailed("expected Array, but encountered " + kind(value), at);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            out.add(text(value.get(i), at.index(i)));
        }
        return out;
    }

    static Map<String, String> stringMap(JsonNode value, ErrorPath at) {
        if (!value.isObject()) {
            throw parseFailed("expected Object, but encountered " + kind(value), at);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), text(e.getValue(), at.key(e.getKey())));
        }
        return out;
    }

    /** Whether a value counts as empty for "empty values may be ignored" (SPEC §1.4). */
    static boolean isEmptyValue(JsonNode value) {
        return value == null || value.isNull() || (value.isContainerNode() && value.isEmpty())
                || (value.isBoolean() && !value.booleanValue());
    }

    static JoineryException parseFailed(String message, ErrorPath at) {
        return new JoineryException(ErrorCode.PARSE_FAILED, message, at);
    }

    private static void requireNonEmpty(String text, ErrorPath at) {
        if (text.isEmpty()) {
            throw parseFailed("a table name must not be empty", at);
        }
    }

    static String kind(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case STRING -> "String";
            case NUMBER -> "Number";
            case BOOLEAN -> "Boolean";
            case ARRAY -> "Array";
            case OBJECT -> "Object";
            case NULL -> "Null";
            default -> value.getNodeType().toString();
        };
    }
}
