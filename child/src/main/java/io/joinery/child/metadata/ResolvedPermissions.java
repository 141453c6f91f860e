package io.joinery.child.metadata;

import io.joinery.child.db.QualifiedTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The consistent table permissions of a snapshot, by role then table (SPEC §10). Inconsistent
 * permissions (a column dropped under them) never get here.
 */
public record ResolvedPermissions(Map<String, Map<QualifiedTable, TableAccess>> byRole) {
    public static final ResolvedPermissions EMPTY = new ResolvedPermissions(Map.of());

    public ResolvedPermissions {
        Map<String, Map<QualifiedTable, TableAccess>> copy = new LinkedHashMap<>();
        byRole.forEach((role, tables) -> copy.put(role, Collections.unmodifiableMap(new LinkedHashMap<>(tables))));
        byRole = Collections.unmodifiableMap(copy);
    }

    /** What {@code role} may do: everything for admin, else what its permissions allow (possibly nothing). */
    public RoleAccess forRole(String role) {
        if (RoleAccess.ADMIN.role().equals(role)) {
            return RoleAccess.ADMIN;
        }
        return new RoleAccess(role, false, byRole.getOrDefault(role, Map.of()));
    }

    /** These permissions with {@code def} for {@code role} on {@code table}. */
    ResolvedPermissions with(String role, QualifiedTable table, PermissionDef def) {
        Map<String, Map<QualifiedTable, TableAccess>> next = new LinkedHashMap<>(byRole);
        Map<QualifiedTable, TableAccess> tables = new LinkedHashMap<>(next.getOrDefault(role, Map.of()));
        tables.put(table, tables.getOrDefault(table, TableAccess.NONE).with(def));
        next.put(role, tables);
        return new ResolvedPermissions(next);
    }
}
