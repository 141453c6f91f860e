package io.joinery.child.metadata;

import io.joinery.child.db.QualifiedTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consistent table permissions of a snapshot, by role then table (SPEC §10), and the
 * inherited roles. Inconsistent permissions (a column dropped under them) never get here.
 *
 * <p>An inherited role's access to a table is derived from its members' ({@link #forRole}, the one
 * place it is): select is their union ({@link TableAccess#inherited}); insert, update and delete
 * are a member's permission when every member that has one has the same one, else none (Hasura's
 * rule; Hasura also lists the conflict as an informational inconsistency, Joinery does not). A
 * permission declared for the inherited role itself on a table overrides the derived one of
 * that kind. Members may be inherited roles themselves (metadata refuses cycles).
 *
 * @param inheritedRoles inherited role -> its role set
 */
public record ResolvedPermissions(Map<String, Map<QualifiedTable, TableAccess>> byRole,
                                  Map<String, List<String>> inheritedRoles) {
    public static final ResolvedPermissions EMPTY = new ResolvedPermissions(Map.of(), Map.of());

    public ResolvedPermissions {
        Map<String, Map<QualifiedTable, TableAccess>> copy = new LinkedHashMap<>();
        byRole.forEach((role, tables) -> copy.put(role, Collections.unmodifiableMap(new LinkedHashMap<>(tables))));
        byRole = Collections.unmodifiableMap(copy);
        Map<String, List<String>> roles = new LinkedHashMap<>();
        inheritedRoles.forEach((role, set) -> roles.put(role, List.copyOf(set)));
        inheritedRoles = Collections.unmodifiableMap(roles);
    }

    /** What {@code role} may do, without `backend_only` permissions (see {@link #forRole(String, boolean)}). */
    public RoleAccess forRole(String role) {
        return forRole(role, false);
    }

    /**
     * What {@code role} may do: everything for admin, else what its permissions allow (possibly
     * nothing); `backend_only` permissions only when {@code backendOnly} (a trusted request with
     * `x-hasura-use-backend-only-permissions: true`).
     */
    public RoleAccess forRole(String role, boolean backendOnly) {
        if (RoleAccess.ADMIN.role().equals(role)) {
            return RoleAccess.ADMIN;
        }
        Map<QualifiedTable, TableAccess> tables = new LinkedHashMap<>();
        tables(role).forEach((table, access) -> {
            TableAccess usable = backendOnly ? access : access.withoutBackendOnly();
            if (!usable.isNone()) {
                tables.put(table, usable);
            }
        });
        return new RoleAccess(role, false, tables, actsAs(role));
    }

    /** {@code role} and every role it inherits from, directly or not. */
    private Set<String> actsAs(String role) {
        Set<String> out = new LinkedHashSet<>();
        out.add(role);
        inheritedRoles.getOrDefault(role, List.of()).forEach(member -> out.addAll(actsAs(member)));
        return out;
    }

    /** The role's table accesses: its own permissions, over those derived from its members when it is inherited. */
    private Map<QualifiedTable, TableAccess> tables(String role) {
        Map<QualifiedTable, TableAccess> own = byRole.getOrDefault(role, Map.of());
        List<String> members = inheritedRoles.get(role);
        if (members == null) {
            return own;
        }
        List<Map<QualifiedTable, TableAccess>> memberTables = members.stream().map(this::tables).toList();
        Set<QualifiedTable> names = new LinkedHashSet<>(own.keySet());
        memberTables.forEach(m -> names.addAll(m.keySet()));
        Map<QualifiedTable, TableAccess> out = new LinkedHashMap<>();
        for (QualifiedTable table : names) {
            List<TableAccess> accesses = new ArrayList<>();
            memberTables.forEach(m -> accesses.add(m.getOrDefault(table, TableAccess.NONE)));
            TableAccess access = TableAccess.inherited(accesses).overriddenBy(own.getOrDefault(table, TableAccess.NONE));
            if (!access.isNone()) {
                out.put(table, access);
            }
        }
        return out;
    }

    /** These permissions with {@code def} for {@code role} on {@code table}. */
    public ResolvedPermissions with(String role, QualifiedTable table, PermissionDef def) {
        Map<String, Map<QualifiedTable, TableAccess>> next = new LinkedHashMap<>(byRole);
        Map<QualifiedTable, TableAccess> tables = new LinkedHashMap<>(next.getOrDefault(role, Map.of()));
        tables.put(table, tables.getOrDefault(table, TableAccess.NONE).with(def));
        next.put(role, tables);
        return new ResolvedPermissions(next, inheritedRoles);
    }

    /** These permissions with the inherited roles of {@code roles}. */
    public ResolvedPermissions withInheritedRoles(List<InheritedRole> roles) {
        Map<String, List<String>> next = new LinkedHashMap<>();
        roles.forEach(r -> next.put(r.roleName(), r.roleSet()));
        return new ResolvedPermissions(byRole, next);
    }
}
