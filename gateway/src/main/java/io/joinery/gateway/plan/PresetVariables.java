package io.joinery.gateway.plan;

import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLNamedType;
import io.joinery.gateway.schema.PresetValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The upstream variables one plan uses for session variable presets (SPEC §10.4), named as Hasura
 * does (`x-hasura-user-id` → `$x_hasura_user_id`), never a name the client's operation declares; the
 * same session variable at the same type is one variable. One per plan, like {@link HiddenAliases}.
 */
final class PresetVariables {
    private final Set<String> clientVariables;
    private final Map<String, SessionPreset> byName = new LinkedHashMap<>();
    private final Map<String, String> byUse = new LinkedHashMap<>();

    PresetVariables(OperationDefinition operation) {
        this.clientVariables = operation.getVariableDefinitions().stream().map(VariableDefinition::getName)
                .collect(Collectors.toSet());
    }

    /** The upstream variable carrying {@code session}. */
    String name(PresetValue.Session session) {
        String use = session.variable() + "\n" + ((GraphQLNamedType) session.type()).getName();
        return byUse.computeIfAbsent(use, u -> {
            String base = session.variable().replaceAll("[^_0-9A-Za-z]", "_");
            String name = base;
            for (int n = 2; clientVariables.contains(name) || byName.containsKey(name); n++) {
                name = base + "_" + n;
            }
            byName.put(name, new SessionPreset(session.variable(), session.type()));
            return name;
        });
    }

    SessionPreset get(String name) {
        return byName.get(name);
    }

    /** Every variable named so far: upstream name → preset. */
    Map<String, SessionPreset> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }
}
