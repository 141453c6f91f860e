package io.joinery.child.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The consistent `to_action` relationships, by source GraphQL type and field name (SPEC §12). */
public record ToActionJoins(Map<String, Map<String, ResolvedToAction>> byType) {
    public static final ToActionJoins EMPTY = new ToActionJoins(Map.of());

    public ToActionJoins {
        Map<String, Map<String, ResolvedToAction>> copy = new LinkedHashMap<>();
        byType.forEach((type, fields) -> copy.put(type, Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
        byType = Collections.unmodifiableMap(copy);
    }

    public static ToActionJoins of(List<ResolvedToAction> relationships) {
        Map<String, Map<String, ResolvedToAction>> byType = new LinkedHashMap<>();
        relationships.forEach(r -> byType.computeIfAbsent(r.sourceType(), t -> new LinkedHashMap<>()).put(r.name(), r));
        return new ToActionJoins(byType);
    }

    public boolean isEmpty() {
        return byType.isEmpty();
    }

    public Optional<ResolvedToAction> find(String type, String field) {
        return Optional.ofNullable(byType.getOrDefault(type, Map.of()).get(field));
    }

    /** The relationships of {@code type}, in declaration order. */
    public List<ResolvedToAction> of(String type) {
        return List.copyOf(byType.getOrDefault(type, Map.of()).values());
    }
}
