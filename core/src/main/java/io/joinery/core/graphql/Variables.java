package io.joinery.core.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request variables as graphql-java expects them: objects become insertion-ordered maps, arrays
 * lists, numbers stay the numbers Jackson read (Integer, Long, BigInteger, BigDecimal, Double), and
 * JSON null is a null value.
 */
public final class Variables {
    private Variables() {}

    /** `{"id": 1, "where": {...}}` as a map; null or missing variables are an empty map. */
    public static Map<String, Object> fromJson(ObjectNode variables) {
        if (variables == null) {
            return Map.of();
        }
        return objectValue(variables);
    }

    /** One JSON value as graphql-java's raw input value. */
    public static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return objectValue(node);
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                items.add(value(item));
            }
            return Collections.unmodifiableList(items);
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return node.asText();
    }

    private static Map<String, Object> objectValue(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), value(field.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }
}
