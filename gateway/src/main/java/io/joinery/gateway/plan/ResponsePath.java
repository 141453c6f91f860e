package io.joinery.gateway.plan;

import java.util.List;

/**
 * Where a join's objects are, from a base value (the client's `data`, or the value of an enclosing
 * relationship field): one step per response key. Lists met on the way are walked element by
 * element, so one path reaches every row.
 *
 * <p>A step's {@code types} are the fragment type conditions in force where its key is selected,
 * as the object types they let through (the LHS remote's names; empty: every object). The walk
 * goes on only from objects of those types, read from a hidden `__typename`, so a join touches
 * exactly the objects its selection applies to. The object that carries the relationship field
 * needs no condition: only objects of the relationship's type carry its placeholder.
 *
 * <pre>
 * objects { ... on Artist { local_articles { foo: writer { … } } } }   →   $.objects(on Artist).local_articles
 * </pre>
 */
public record ResponsePath(List<Step> steps) {
    public ResponsePath {
        steps = List.copyOf(steps);
    }

    /** At an object of one of {@code types} (any object when empty), the value under {@code key}. */
    public record Step(List<String> types, String key) {
        public Step {
            types = types.stream().sorted().distinct().toList();
        }

        public boolean admits(String typename) {
            return types.isEmpty() || (typename != null && types.contains(typename));
        }
    }

    public boolean hasTypeConditions() {
        return steps.stream().anyMatch(s -> !s.types().isEmpty());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("$");
        for (Step step : steps) {
            if (!step.types().isEmpty()) {
                out.append("(on ").append(String.join("|", step.types())).append(')');
            }
            out.append('.').append(step.key());
        }
        return out.toString();
    }
}
