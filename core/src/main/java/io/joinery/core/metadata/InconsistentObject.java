package io.joinery.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.util.Collection;
import java.util.List;

/**
 * A metadata object that is kept but not served because it does not resolve (SPEC §1.7): a table
 * that does not exist, a remote that is down. {@code reason} always starts with
 * `Inconsistent object: `. Two inconsistent objects are the same object when their {@code type}
 * and {@code name} are equal.
 */
public record InconsistentObject(String type, String name, JsonNode definition, String reason) {
    public static final String REASON_PREFIX = "Inconsistent object: ";

    public InconsistentObject {
        reason = reason.startsWith(REASON_PREFIX) ? reason : REASON_PREFIX + reason;
    }

    /** {@code reasonText} with or without the prefix; the prefix is added once. */
    public static InconsistentObject of(String type, String name, JsonNode definition, String reasonText) {
        return new InconsistentObject(type, name, definition, reasonText);
    }

    /** The reason without its `Inconsistent object: ` prefix. */
    public String reasonText() {
        return reason.substring(REASON_PREFIX.length());
    }

    public boolean isSameObject(InconsistentObject other) {
        return type.equals(other.type) && name.equals(other.name);
    }

    /** The objects of {@code after} that were not inconsistent in {@code before}. */
    public static List<InconsistentObject> newSince(List<InconsistentObject> after, List<InconsistentObject> before) {
        return after.stream().filter(o -> before.stream().noneMatch(o::isSameObject)).toList();
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("type", type);
        node.put("name", name);
        node.set("definition", definition);
        node.put("reason", reason);
        return node;
    }

    public static ArrayNode toJson(Collection<InconsistentObject> objects) {
        ArrayNode array = Json.array();
        objects.forEach(o -> array.add(o.toJson()));
        return array;
    }
}
