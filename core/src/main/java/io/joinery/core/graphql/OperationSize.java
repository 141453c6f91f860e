package io.joinery.core.graphql;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How big an operation is once every fragment spread is expanded: what the document guard
 * (SPEC §11.2) and the depth and node API limits (SPEC §11.1) bound.
 *
 * <pre>
 *   { author { id articles { title } } ...F }    fragment F on query_root { __typename }
 *   fields = 5 (author, id, articles, title, __typename)      depth = 3 (author > articles > title)
 * </pre>
 *
 * Computed in time linear in the document's size, however often fragments spread each other (an
 * alias or fragment bomb: ten fragments each spreading the previous one ten times is 10^10 fields):
 * each fragment's own selections are walked once into a {@link Summary}, and the fragment graph is
 * then resolved once per fragment, iteratively (a long chain of fragments needs no deep stack).
 * Sums saturate at {@link Long#MAX_VALUE}. A fragment cycle or an unknown fragment counts as
 * nothing here; validation reports it.
 *
 * @param fields  every field selected, `__typename` included, with spreads expanded
 * @param depth   the most fields nested in one another (`{ a { b } }` is 2; no fields is 0)
 * @param nesting as {@code depth}, with each fragment spread one more level: how deep graphql-java's
 *                validation and the planners recurse (the parser bounds nesting within one
 *                definition, not through a chain of fragments)
 */
public record OperationSize(long fields, long depth, long nesting) {

    public static OperationSize of(OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
        Map<String, OperationSize> resolved = new HashMap<>();
        Summary root = Summary.of(operation.getSelectionSet());
        for (Spread spread : root.spreads()) {
            resolve(spread.fragment(), fragments, resolved);
        }
        return root.expand(resolved);
    }

    /**
     * Fills {@code resolved} with the size of {@code name} and of every fragment it reaches,
     * depth first without recursion: a fragment is expanded once all the fragments it spreads are.
     */
    private static void resolve(String name, Map<String, FragmentDefinition> fragments,
                                Map<String, OperationSize> resolved) {
        if (resolved.containsKey(name)) {
            return;
        }
        Map<String, Summary> inProgress = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        stack.push(name);
        while (!stack.isEmpty()) {
            String current = stack.peek();
            if (resolved.containsKey(current)) {
                stack.pop();
                continue;
            }
            Summary summary = inProgress.get(current);
            if (summary == null) {
                FragmentDefinition fragment = fragments.get(current);
                if (fragment == null) {
                    resolved.put(current, new OperationSize(0, 0, 0));
                    stack.pop();
                    continue;
                }
                summary = Summary.of(fragment.getSelectionSet());
                inProgress.put(current, summary);
                for (Spread spread : summary.spreads()) {
                    // a fragment already in progress is a cycle: left out, it counts as nothing
                    if (!resolved.containsKey(spread.fragment()) && !inProgress.containsKey(spread.fragment())) {
                        stack.push(spread.fragment());
                    }
                }
                continue;
            }
            resolved.put(current, summary.expand(resolved));
            inProgress.remove(current);
            stack.pop();
        }
    }

    /** A fragment spread met at {@code fieldsAbove} fields of nesting inside the selection walked. */
    private record Spread(String fragment, long fieldsAbove) {}

    /** One selection set's own fields and depth, and the spreads it holds (not expanded). */
    private record Summary(long fields, long depth, List<Spread> spreads) {

        static Summary of(SelectionSet selectionSet) {
            long[] fieldsAndDepth = new long[2];
            List<Spread> spreads = new ArrayList<>();
            walk(selectionSet, 0, fieldsAndDepth, spreads);
            return new Summary(fieldsAndDepth[0], fieldsAndDepth[1], spreads);
        }

        /** Recursion over nesting only: the parser bounds it (`maxRuleDepth`). */
        private static void walk(SelectionSet selectionSet, long above, long[] fieldsAndDepth, List<Spread> spreads) {
            if (selectionSet == null) {
                return;
            }
            for (Selection<?> selection : selectionSet.getSelections()) {
                if (selection instanceof Field field) {
                    fieldsAndDepth[0]++;
                    fieldsAndDepth[1] = Math.max(fieldsAndDepth[1], above + 1);
                    walk(field.getSelectionSet(), above + 1, fieldsAndDepth, spreads);
                } else if (selection instanceof InlineFragment inline) {
                    walk(inline.getSelectionSet(), above, fieldsAndDepth, spreads);
                } else if (selection instanceof FragmentSpread spread) {
                    spreads.add(new Spread(spread.getName(), above));
                }
            }
        }

        /** The size with every spread replaced by its fragment's size (missing ones count as nothing). */
        OperationSize expand(Map<String, OperationSize> resolved) {
            long totalFields = fields;
            long totalDepth = depth;
            long nesting = depth;
            for (Spread spread : spreads) {
                OperationSize target = resolved.get(spread.fragment());
                if (target != null) {
                    totalFields = saturatedAdd(totalFields, target.fields());
                    totalDepth = Math.max(totalDepth, saturatedAdd(spread.fieldsAbove(), target.depth()));
                    nesting = Math.max(nesting, saturatedAdd(spread.fieldsAbove() + 1, target.nesting()));
                }
            }
            return new OperationSize(totalFields, totalDepth, nesting);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
