package io.joinery.child.graphql;

import graphql.schema.GraphQLSchema;
import io.joinery.child.metadata.ChildSnapshot;
import io.joinery.child.schema.RootField;
import io.joinery.child.sql.RolePermissions;
import io.joinery.child.sql.SqlCompiler;
import io.joinery.core.graphql.OperationKind;
import io.joinery.core.graphql.PreparedOperation;
import io.joinery.core.http.SessionVariables;
import java.util.List;
import java.util.Map;

/**
 * One request, prepared once: the snapshot it runs against (read once, so a metadata change in
 * the middle of the request cannot mix two versions), the role's schema, the parsed and validated
 * operation, its coerced variables, and its root fields classified.
 *
 * @param key         what the operation and its SQL are cached under
 * @param permissions the role's table permissions, compiled (SPEC §10)
 * @param session     the request's session: the values of the permissions' session variables
 * @param introspects whether the operation selects `__schema` or `__type` at its root
 */
record PreparedRequest(ChildSnapshot snapshot, GraphQLSchema schema, GraphqlExecutor.PlanKey key,
                       PreparedOperation operation, Map<String, Object> variables, List<RootField> roots,
                       RolePermissions permissions, SessionVariables session, boolean introspects) {
    PreparedRequest {
        roots = List.copyOf(roots);
    }

    boolean isMutation() {
        return operation.kind() == OperationKind.MUTATION;
    }

    /** Whether the operation declares variables: its SQL then depends on their values and is not cached. */
    boolean hasVariables() {
        return !operation.operation().getVariableDefinitions().isEmpty();
    }

    /**
     * Whether the operation's SQL template may be cached under {@link #key}: it does not depend on
     * variables. It never depends on the session: the values of the permissions' session variables
     * are parameters, bound per request ({@link io.joinery.child.sql.StatementTemplate}).
     */
    boolean isSqlCacheable() {
        return !hasVariables();
    }

    /** The SQL compiler of this request: the snapshot's model, the role's permissions, the session. */
    SqlCompiler compiler() {
        return new SqlCompiler(snapshot.model(), permissions, session);
    }
}
