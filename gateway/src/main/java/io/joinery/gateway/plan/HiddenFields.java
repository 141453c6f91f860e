package io.joinery.gateway.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields a plan adds to upstream requests only to run its joins, the join columns
 * (`customer_id_join_column`) and placeholders (`customer_join_field`), each with the response key
 * of the relationship that reads it. Computed once, when the plan is made. An upstream error whose
 * path runs through a hidden field is reported at the relationship that needed it instead: SPEC
 * §0.1 never shows a `*_join_column` to the client.
 *
 * <p>A join column shared by two relationships (the same lhs type and field) belongs to the first
 * one met, walking the join tree depth first in plan order.
 */
public record HiddenFields(Map<String, String> owners) {
    public static final HiddenFields NONE = new HiddenFields(Map.of());

    public HiddenFields {
        owners = Collections.unmodifiableMap(new LinkedHashMap<>(owners));
    }

    /** The hidden fields of a plan's join tree. */
    public static HiddenFields of(List<JoinNode> joins) {
        Map<String, String> owners = new LinkedHashMap<>();
        collect(joins, owners);
        return new HiddenFields(owners);
    }

    private static void collect(List<JoinNode> nodes, Map<String, String> owners) {
        for (JoinNode node : nodes) {
            node.lhsFields().forEach(key -> owners.putIfAbsent(key.hiddenKey(), node.responseKey()));
            owners.putIfAbsent(node.placeholderKey(), node.responseKey());
            collect(node.children(), owners);
        }
    }

    /** The response key of the relationship that reads hidden field {@code key}, if it is one. */
    public Optional<String> ownerOf(String key) {
        return Optional.ofNullable(owners.get(key));
    }
}
