package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads one JSON object of the action and custom-type commands, reporting `parse-failed` where
 * the problem is: a missing key at the object's path (`key "name" not found`), a value of the
 * wrong type at the key's path. Same messages as the table commands' reader.
 */
final class ActionJsonReader {
    private final JsonNode node;
    private final ErrorPath at;

    private ActionJsonReader(JsonNode node, ErrorPath at) {
        this.node = node;
        this.at = at;
    }

    static ActionJsonReader of(JsonNode node, ErrorPath at) {
        if (node == null || !node.isObject()) {
            throw parseFailed("expected Object, but encountered " + kind(node), at);
        }
        return new ActionJsonReader(node, at);
    }

    ErrorPath at() {
        return at;
    }

    ErrorPath at(String key) {
        return at.key(key);
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    Optional<JsonNode> optional(String key) {
        return has(key) ? Optional.of(node.get(key)) : Optional.empty();
    }

    JsonNode required(String key) {
        if (!has(key)) {
            throw parseFailed("key \"" + key + "\" not found", at);
        }
        return node.get(key);
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

    static String text(JsonNode value, ErrorPath at) {
        if (value == null || !value.isTextual()) {
            throw parseFailed("expected String, but encountered " + kind(value), at);
        }
        return value.asText();
    }

    static JoineryException parseFailed(String message, ErrorPath at) {
        return new JoineryException(ErrorCode.PARSE_FAILED, message, at);
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
