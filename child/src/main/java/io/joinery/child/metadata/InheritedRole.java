package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.ArgsReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An inherited role as declared (SPEC §10.2, Hasura's `add_inherited_role` and `inherited_roles`):
 * a role whose permissions are derived from those of the roles in its {@code roleSet}, which may
 * themselves be inherited roles. What the derivation means is {@link ResolvedPermissions}'.
 *
 * <pre>
 * {"role_name": "manager", "role_set": ["employee", "auditor"]}  -> InheritedRole(manager, [employee, auditor])
 * </pre>
 */
public record InheritedRole(String roleName, List<String> roleSet) {
    public InheritedRole {
        Objects.requireNonNull(roleName, "roleName");
        roleSet = List.copyOf(new LinkedHashSet<>(roleSet));
    }

    /**
     * `{role_name, role_set}`, checked on its own: not `admin` (`constraint-violation`), a
     * non-empty role set (`validation-failed`) without itself or `admin` in it (`invalid-params`,
     * Hasura's "an inherited role name cannot be in the role combination").
     */
    static InheritedRole parse(ArgsReader args) {
        String name = args.string("role_name");
        InheritedRole role = new InheritedRole(name, args.strings("role_set"));
        if (name.equals(RoleAccess.ADMIN.role())) {
            throw new JoineryException(ErrorCode.CONSTRAINT_VIOLATION,
                    "cannot define an inherited role named \"admin\": admin has every permission", args.at("role_name"));
        }
        if (role.roleSet().isEmpty()) {
            throw new JoineryException(ErrorCode.VALIDATION_FAILED,
                    "the role_set of inherited role \"" + name + "\" must name at least one role", args.at("role_set"));
        }
        if (role.roleSet().contains(name)) {
            throw new JoineryException(ErrorCode.INVALID_PARAMS, "an inherited role name cannot be in the role combination",
                    args.at("role_set"));
        }
        if (role.roleSet().contains(RoleAccess.ADMIN.role())) {
            throw new JoineryException(ErrorCode.CONSTRAINT_VIOLATION,
                    "an inherited role cannot inherit from \"admin\"", args.at("role_set"));
        }
        return role;
    }

    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("role_name", roleName);
        ArrayNode set = node.putArray("role_set");
        roleSet.forEach(set::add);
        return node;
    }

    /**
     * Refuses inherited roles that inherit from each other, directly or not, with Hasura's
     * `cyclic-dependency` "found cycle(s) in roles: [\"a\",\"b\",\"a\"]" (the cycle from one of
     * its roles back to it, in declaration order).
     */
    static void requireAcyclic(List<InheritedRole> roles, ErrorPath at) {
        Map<String, List<String>> parents = new HashMap<>();
        roles.forEach(r -> parents.put(r.roleName(), r.roleSet()));
        Set<String> done = new HashSet<>();
        for (InheritedRole role : roles) {
            List<String> cycle = cycleFrom(role.roleName(), parents, new ArrayList<>(), done);
            if (cycle != null) {
                throw new JoineryException(ErrorCode.CYCLIC_DEPENDENCY, "found cycle(s) in roles: "
                        + cycle.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",", "[", "]")), at);
            }
        }
    }

    /** A cycle through {@code role} reached from {@code path}, closed (first role repeated at the end), or null. */
    private static List<String> cycleFrom(String role, Map<String, List<String>> parents, List<String> path,
                                          Set<String> done) {
        int seen = path.indexOf(role);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(role);
            return cycle;
        }
        if (done.contains(role) || !parents.containsKey(role)) {
            return null;
        }
        path.add(role);
        for (String parent : parents.get(role)) {
            List<String> cycle = cycleFrom(parent, parents, path, done);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(role);
        return null;
    }
}
