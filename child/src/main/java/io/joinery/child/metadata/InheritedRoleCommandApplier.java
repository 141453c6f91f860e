package io.joinery.child.metadata;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import io.joinery.core.metadata.CommandApplier.Applied;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * `add_inherited_role` and `drop_inherited_role` (SPEC §10.2), pure. A second inherited role of
 * the same name is `already-exists`; one that would close a cycle of inherited roles is Hasura's
 * `cyclic-dependency`; dropping an absent one is Hasura's `not-exists`
 * `"<role>" inherited role doesn't exist`. The rest (admin, empty or self-including role set) is
 * refused by {@link InheritedRole#parse}.
 */
final class InheritedRoleCommandApplier {
    private InheritedRoleCommandApplier() {}

    static Applied<ChildSnapshot> apply(ChildSnapshot state, ChildCommand command, MetadataResolver resolver) {
        if (command instanceof ChildCommand.AddInheritedRole c) {
            String name = c.role().roleName();
            if (state.metadata().inheritedRole(name).isPresent()) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS, alreadyExists(name), c.at().key("role_name"));
            }
            List<InheritedRole> roles = new ArrayList<>(state.metadata().inheritedRoles());
            roles.add(c.role());
            InheritedRole.requireAcyclic(roles, c.at().key("role_set"));
            return Applied.success(resolver.resolveNext(state, state.metadata().withInheritedRole(c.role()), c.at(),
                    Set.of()));
        }
        ChildCommand.DropInheritedRole c = (ChildCommand.DropInheritedRole) command;
        if (state.metadata().inheritedRole(c.roleName()).isEmpty()) {
            throw new JoineryException(ErrorCode.NOT_EXISTS, "\"" + c.roleName() + "\" inherited role doesn't exist",
                    c.at().key("role_name"));
        }
        return Applied.success(resolver.resolveNext(state, state.metadata().withoutInheritedRole(c.roleName()), c.at(),
                Set.of()));
    }

    static String alreadyExists(String role) {
        return "inherited role \"" + role + "\" already exists";
    }
}
