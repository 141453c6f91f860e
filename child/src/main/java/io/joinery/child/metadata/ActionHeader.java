package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.ArgsReader;

/**
 * A header sent to an action handler: a literal `value` (which may contain `{{ENV_VAR}}`
 * templates) or `value_from_env`, the name of an environment variable. Exactly one is set.
 */
public record ActionHeader(String name, String value, String valueFromEnv) {
    public ActionHeader {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a header needs a name");
        }
        if ((value == null) == (valueFromEnv == null)) {
            throw new IllegalArgumentException("a header has exactly one of value and value_from_env");
        }
    }

    public static ActionHeader literal(String name, String value) {
        return new ActionHeader(name, value, null);
    }

    public static ActionHeader fromEnv(String name, String variable) {
        return new ActionHeader(name, null, variable);
    }

    public boolean isFromEnv() {
        return valueFromEnv != null;
    }

    /** `{"name": ..., "value": ...}` or `{"name": ..., "value_from_env": ...}`: export and error reports. */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("name", name);
        if (isFromEnv()) {
            node.put("value_from_env", valueFromEnv);
        } else {
            node.put("value", value);
        }
        return node;
    }

    public static ActionHeader parse(JsonNode node, ErrorPath at) {
        ArgsReader reader = ArgsReader.of(node, at);
        String name = reader.string("name");
        if (name.isEmpty()) {
            throw ArgsReader.parseFailed("a header name must not be empty", reader.at("name"));
        }
        boolean hasValue = reader.has("value");
        boolean hasEnv = reader.has("value_from_env");
        if (hasValue == hasEnv) {
            throw ArgsReader.parseFailed("expecting value or value_from_env keys", at);
        }
        return hasValue ? literal(name, reader.string("value")) : fromEnv(name, reader.string("value_from_env"));
    }
}
