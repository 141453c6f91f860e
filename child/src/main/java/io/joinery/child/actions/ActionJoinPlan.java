package io.joinery.child.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.metadata.ResolvedToAction;
import io.joinery.child.metadata.ToActionJoins;
import io.joinery.child.schema.RootField;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The `to_action` relationship fields an operation selects (SPEC §12), in selection order, each
 * with its level (1 = reached from a root field's rows, 2 = from the output of a level-1 call, ...).
 * It holds structure only; which calls are made depends on the rows ({@link ActionJoinExecutor}):
 * at each level, one handler call per distinct (action, arguments) across the whole request.
 *
 * <pre>
 * { author { name stats { articles { review { score } } } } }
 *   -> level 1  author.stats                   authorStats(author_id: $id)
 *      level 2  author.stats.articles.review   articleReview(article_id: $id)
 * </pre>
 */
public record ActionJoinPlan(List<Step> steps) {
    public ActionJoinPlan {
        steps = List.copyOf(steps);
    }

    /**
     * One relationship field at one place in the selection.
     *
     * @param path         the result keys from the root (list indices left out)
     * @param relationship `Type.field`
     */
    public record Step(int level, String path, String relationship, ResolvedToAction target) {}

    public static ActionJoinPlan of(List<RootField> roots, ToActionJoins joins) {
        List<Step> steps = new ArrayList<>();
        if (!joins.isEmpty()) {
            for (RootField root : roots) {
                if (root instanceof RootField.Introspection || root instanceof RootField.Constant) {
                    continue;
                }
                walk(root.field().getChildren(), root.resultKey(), 1, joins, steps);
            }
        }
        return new ActionJoinPlan(steps);
    }

    private static void walk(List<ExecutableNormalizedField> fields, String path, int level, ToActionJoins joins,
                             List<Step> out) {
        for (ExecutableNormalizedField field : fields) {
            String at = path + "." + field.getResultKey();
            Optional<ResolvedToAction> target = find(field, joins);
            if (target.isPresent()) {
                out.add(new Step(level, at, target.get().sourceType() + "." + field.getName(), target.get()));
                walk(field.getChildren(), at, level + 1, joins, out);
            } else {
                walk(field.getChildren(), at, level, joins, out);
            }
        }
    }

    /**
     * Whether the operation selects any `to_action` relationship: what every request asks, so it
     * stops at the first one and builds nothing (the plan itself is for explain and golden files).
     */
    public static boolean selectsAny(List<RootField> roots, ToActionJoins joins) {
        if (joins.isEmpty()) {
            return false;
        }
        for (RootField root : roots) {
            if (!(root instanceof RootField.Introspection) && !(root instanceof RootField.Constant)
                    && anyIn(root.field().getChildren(), joins)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyIn(List<ExecutableNormalizedField> fields, ToActionJoins joins) {
        for (ExecutableNormalizedField field : fields) {
            if (find(field, joins).isPresent() || anyIn(field.getChildren(), joins)) {
                return true;
            }
        }
        return false;
    }

    /** The `to_action` relationship {@code field} selects, if it is one. */
    static Optional<ResolvedToAction> find(ExecutableNormalizedField field, ToActionJoins joins) {
        for (String type : field.getObjectTypeNames()) {
            Optional<ResolvedToAction> found = joins.find(type, field.getName());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The plan as golden files show it. */
    public JsonNode toJson() {
        ArrayNode list = Json.array();
        for (Step step : steps) {
            ObjectNode node = list.addObject();
            node.put("level", step.level());
            node.put("path", step.path());
            node.put("relationship", step.relationship());
            node.put("action", step.target().target().name());
            ArrayNode lhs = node.putArray("lhs_fields");
            step.target().lhsFields().forEach(lhs::add);
            node.set("arguments", step.target().arguments());
        }
        return list;
    }
}
