package io.joinery.gateway.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where `__typename` values sit in a remote's answer, by response key, so they can be translated to
 * the gateway's type names (SPEC §4.3). Only built for remotes that rename types.
 */
public record TypenameKeys(Set<String> typenameKeys, Map<String, TypenameKeys> children) {
    public static final TypenameKeys NONE = new TypenameKeys(Set.of(), Map.of());

    public TypenameKeys {
        typenameKeys = Set.copyOf(typenameKeys);
        children = Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    public boolean isEmpty() {
        return typenameKeys.isEmpty() && children.isEmpty();
    }
}
