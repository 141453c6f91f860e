package io.joinery.child.actions;

import java.util.List;

/**
 * One selected field of an action's output, as the shaper needs it: the key it appears under in
 * the response (alias or name), the field name, and the selected subfields (empty for scalars).
 * `__typename` is a field like any other.
 * <pre>
 *   place_order { id: order_id  lines { sku } }
 *   -> [ActionSelection("id", "order_id", []), ActionSelection("lines", "lines", [("sku", "sku", [])])]
 * </pre>
 */
public record ActionSelection(String resultKey, String fieldName, List<ActionSelection> children) {
    public ActionSelection {
        children = List.copyOf(children);
    }

    public static ActionSelection field(String name) {
        return new ActionSelection(name, name, List.of());
    }

    public static ActionSelection aliased(String alias, String name) {
        return new ActionSelection(alias, name, List.of());
    }

    public static ActionSelection object(String resultKey, String name, List<ActionSelection> children) {
        return new ActionSelection(resultKey, name, children);
    }
}
