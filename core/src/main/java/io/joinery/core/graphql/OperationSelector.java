package io.joinery.core.graphql;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the operation a request runs, with Hasura's rules and messages, and cuts the document
 * down to that operation plus the fragments it reaches (Hasura validates only the selected
 * operation; fragments used only by other operations are not errors).
 */
final class OperationSelector {
    private OperationSelector() {}

    /** The selected operation and the reduced document; {@code operationName} null or empty means none. */
    static PreparedOperation select(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition selected;
        if (operationName == null || operationName.isEmpty()) {
            if (operations.size() != 1) {
                throw failure("exactly one operation has to be present in the document when operationName is not"
                        + " specified");
            }
            selected = operations.get(0);
        } else {
            selected = operations.stream().filter(o -> operationName.equals(o.getName())).findFirst()
                    .orElse(null);
            if (selected == null) {
                boolean anonymous = operations.stream().anyMatch(o -> o.getName() == null);
                throw failure(anonymous
                        ? "operationName cannot be used when an anonymous operation exists in the document"
                        : "no such operation found in the document: \"" + operationName + "\"");
            }
        }
        Map<String, FragmentDefinition> fragments = new java.util.LinkedHashMap<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.putIfAbsent(fragment.getName(), fragment);
            }
        }
        Set<String> reached = new LinkedHashSet<>();
        reach(selected.getSelectionSet(), fragments, reached);
        List<Definition> definitions = new ArrayList<>();
        definitions.add(selected);
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment && reached.contains(fragment.getName())) {
                definitions.add(fragment);
            }
        }
        Document reduced = document.transform(builder -> builder.definitions(definitions));
        Map<String, FragmentDefinition> kept = new java.util.LinkedHashMap<>();
        reached.forEach(name -> {
            if (fragments.containsKey(name)) {
                kept.put(name, fragments.get(name));
            }
        });
        return new PreparedOperation(reduced, selected, OperationKind.of(selected.getOperation()),
                OperationSize.of(selected, kept));
    }

    /**
     * Adds to {@code reached} every fragment the selection set spreads, directly or through other
     * fragments. A worklist, not recursion through spreads: a long chain of fragments needs no deep stack.
     */
    private static void reach(SelectionSet selectionSet, Map<String, FragmentDefinition> fragments, Set<String> reached) {
        Deque<String> pending = new ArrayDeque<>();
        spreadsOf(selectionSet, reached, pending);
        while (!pending.isEmpty()) {
            FragmentDefinition fragment = fragments.get(pending.pop());
            if (fragment != null) {
                spreadsOf(fragment.getSelectionSet(), reached, pending);
            }
        }
    }

    /** Recursion over nesting only, which the parser bounds (`maxRuleDepth`). */
    private static void spreadsOf(SelectionSet selectionSet, Set<String> reached, Deque<String> pending) {
        if (selectionSet == null) {
            return;
        }
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                spreadsOf(field.getSelectionSet(), reached, pending);
            } else if (selection instanceof InlineFragment inline) {
                spreadsOf(inline.getSelectionSet(), reached, pending);
            } else if (selection instanceof FragmentSpread spread && reached.add(spread.getName())) {
                pending.push(spread.getName());
            }
        }
    }

    private static JoineryException failure(String message) {
        return new JoineryException(ErrorCode.VALIDATION_FAILED, message, ErrorPath.root());
    }
}
