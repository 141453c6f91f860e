package io.joinery.core.graphql;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed, validated operation selected by `operationName`; immutable and cacheable.
 *
 * <p>{@code document} holds exactly this operation and the fragments it reaches (other operations
 * and unused fragments of the request are dropped), so graphql-java can work on it without an
 * operation name. {@code size} is its size with fragments expanded, measured before validation
 * (the document guard) and read per request by the depth and node API limits.
 */
public record PreparedOperation(Document document, OperationDefinition operation, OperationKind kind,
                                OperationSize size) {
    static final Set<String> INTROSPECTION_ROOT_FIELDS = Set.of("__schema", "__type");

    public PreparedOperation {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(size, "size");
    }

    /** Whether `__schema` or `__type` is selected at the root, directly or through fragments. */
    public boolean hasIntrospectionRootFields() {
        return selectsIntrospection(operation.getSelectionSet(), fragments(), new HashSet<>());
    }

    /** The document's fragment definitions by name. */
    public Map<String, FragmentDefinition> fragments() {
        Map<String, FragmentDefinition> byName = new java.util.LinkedHashMap<>();
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            byName.putIfAbsent(fragment.getName(), fragment);
        }
        return byName;
    }

    private static boolean selectsIntrospection(SelectionSet selectionSet, Map<String, FragmentDefinition> fragments,
                                                Set<String> visited) {
        if (selectionSet == null) {
            return false;
        }
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field && INTROSPECTION_ROOT_FIELDS.contains(field.getName())) {
                return true;
            }
            if (selection instanceof InlineFragment inline
                    && selectsIntrospection(inline.getSelectionSet(), fragments, visited)) {
                return true;
            }
            if (selection instanceof FragmentSpread spread && visited.add(spread.getName())) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null && selectsIntrospection(fragment.getSelectionSet(), fragments, visited)) {
                    return true;
                }
            }
        }
        return false;
    }
}
