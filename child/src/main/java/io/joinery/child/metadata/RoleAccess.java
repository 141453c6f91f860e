package io.joinery.child.metadata;

import io.joinery.child.db.QualifiedTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one role may do with the tables of a snapshot (SPEC §10): admin everything, any other role
 * what its consistent permissions allow. The schema, the SQL compiler and the action joins read
 * only this, never the permission lists, so that a role that is a union of member roles
 * (inherited roles) can later be built here and nowhere else.
 */
public record RoleAccess(String role, boolean isAdmin, Map<QualifiedTable, TableAccess> tables) {
    public static final RoleAccess ADMIN = new RoleAccess("admin", true, Map.of());

    public RoleAccess {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** The role's access to {@code table}; admin's is not described by permissions (check {@link #isAdmin}). */
    public TableAccess table(QualifiedTable table) {
        return tables.getOrDefault(table, TableAccess.NONE);
    }

    /** Whether the role may select from {@code table} (admin: always). */
    public boolean canSelect(QualifiedTable table) {
        return isAdmin || table(table).select().isPresent();
    }
}
