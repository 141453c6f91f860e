package io.joinery.core.limits;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * `set_graphql_schema_introspection_options` (metadata key `graphql_schema_introspection`, SPEC
 * §10.3): the roles that may not ask `__schema` or `__type`. `__typename` stays allowed, and admin
 * is never refused.
 */
public record IntrospectionOptions(Set<String> disabledForRoles) {
    public static final IntrospectionOptions NONE = new IntrospectionOptions(Set.of());

    public IntrospectionOptions {
        disabledForRoles = Collections.unmodifiableSet(new LinkedHashSet<>(disabledForRoles));
    }

    public boolean isEmpty() {
        return disabledForRoles.isEmpty();
    }

    /** Refuses an operation with introspection root fields from a role they are disabled for. */
    public void check(SessionVariables session, boolean selectsIntrospection) {
        if (selectsIntrospection && !session.isAdmin() && disabledForRoles.contains(session.role())) {
            throw new JoineryException(ErrorCode.VALIDATION_FAILED,
                    "introspection is disabled for role: \"" + session.role() + "\"", ErrorPath.root());
        }
    }
}
