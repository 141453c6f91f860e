package io.joinery.core.graphql;

import graphql.language.OperationDefinition;

/** The three GraphQL operation types. */
public enum OperationKind {
    QUERY, MUTATION, SUBSCRIPTION;

    public static OperationKind of(OperationDefinition.Operation operation) {
        if (operation == null) {
            return QUERY;
        }
        switch (operation) {
            case MUTATION:
                return MUTATION;
            case SUBSCRIPTION:
                return SUBSCRIPTION;
            default:
                return QUERY;
        }
    }
}
