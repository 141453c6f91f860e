package io.joinery.gateway.plan;

import java.util.List;

/**
 * Response keys from a base value (the client's `data`, or the value of an enclosing relationship
 * field) down to the objects that carry a relationship field. Lists met on the way are walked
 * element by element, so one path reaches every row.
 */
public record ResponsePath(List<String> keys) {
    public ResponsePath {
        keys = List.copyOf(keys);
    }

    @Override
    public String toString() {
        return keys.isEmpty() ? "$" : "$." + String.join(".", keys);
    }
}
