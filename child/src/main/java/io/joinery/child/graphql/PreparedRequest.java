package io.joinery.child.graphql;

import graphql.schema.GraphQLSchema;
import io.joinery.child.metadata.ChildSnapshot;
import io.joinery.child.schema.RootField;
import io.joinery.core.graphql.OperationKind;
import io.joinery.core.graphql.PreparedOperation;
import java.util.List;
import java.util.Map;

/**
 * One request, prepared once: the snapshot it runs against (read once, so a metadata change in
 * the middle of the request cannot mix two versions), the role's schema, the parsed and validated
 * operation, its coerced variables, and its root fields classified.
 *
 * @param key what the operation and its SQL are cached under
 */
record PreparedRequest(ChildSnapshot snapshot, GraphQLSchema schema, GraphqlExecutor.PlanKey key,
                       PreparedOperation operation, Map<String, Object> variables, List<RootField> roots) {
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
}
