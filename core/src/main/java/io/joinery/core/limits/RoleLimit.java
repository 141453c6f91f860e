package io.joinery.core.limits;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One of Hasura's API limits: a value for every role, overridden per role (SPEC §11.1).
 *
 * <pre>
 *   {"global": 5, "per_role": {"user": 3}}     user: 3, any other role: 5
 * </pre>
 */
public record RoleLimit<T>(T global, Map<String, T> perRole) {
    public RoleLimit {
        Objects.requireNonNull(global, "global");
        perRole = Collections.unmodifiableMap(new LinkedHashMap<>(perRole));
    }

    /** The value that applies to {@code role}. */
    public T forRole(String role) {
        return perRole.getOrDefault(role, global);
    }
}
