package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;

/**
 * A metadata object that does not resolve (SPEC §1.7): `reason` starts with `Inconsistent object: `.
 * Two inconsistent objects are the same object when their {@code type} and {@code name} are equal.
 */
public record InconsistentObject(String type, String name, JsonNode definition, String reason) {
    public static final String REASON_PREFIX = "Inconsistent object: ";

    public static InconsistentObject of(String type, String name, JsonNode definition, String reasonText) {
        return new InconsistentObject(type, name, definition, REASON_PREFIX + reasonText);
    }

    /** The reason without its `Inconsistent object: ` prefix. */
    public String reasonText() {
        return reason.startsWith(REASON_PREFIX) ? reason.substring(REASON_PREFIX.length()) : reason;
    }

    public boolean isSameObject(InconsistentObject other) {
        return type.equals(other.type) && name.equals(other.name);
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("type", type);
        node.put("name", name);
        node.set("definition", definition);
        node.put("reason", reason);
        return node;
    }
}
