package io.joinery.gateway.plan;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The aliases of the fields the planner adds to upstream requests, for one operation: join
 * columns (`total_join_column`), relationship placeholders (`buyer_join_field`) and the object
 * type read where a join path has type conditions (`join_typename`).
 *
 * <p>Invariants: an alias is longer than every response key of the operation (padded with `_`),
 * so it collides with no client key; one alias names one thing, so two hidden fields with the same
 * alias are the same field with the same type, and a spec-strict upstream can merge them wherever
 * they meet (SPEC §0.6: the names are Joinery's). A join column is named by its lhs type AND field:
 * `ref` of `Writer` (`Int!`) and `ref` of `Artist` (`Int`) get different aliases. The same thing
 * always gets the same alias, so a relationship used in several places has the same hidden fields
 * everywhere (its uses share one join node).
 */
final class HiddenAliases {
    private final int longestKey;
    private final Map<String, String> byThing = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    private HiddenAliases(int longestKey) {
        this.longestKey = longestKey;
    }

    static HiddenAliases of(OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
        int longest = longestKey(operation.getSelectionSet());
        for (FragmentDefinition fragment : fragments.values()) {
            longest = Math.max(longest, longestKey(fragment.getSelectionSet()));
        }
        return new HiddenAliases(longest);
    }

    /** The hidden field that reads {@code lhsField} of objects of {@code lhsType} (remote names). */
    String joinColumn(String lhsType, String lhsField) {
        return alias("column " + lhsType + "." + lhsField, lhsField + "_join_column");
    }

    /** The `__typename` that stands in for relationship fields with response key {@code key}. */
    String placeholder(String key) {
        return alias("placeholder " + key, key + "_join_field");
    }

    /** The `__typename` read at levels where a join path has type conditions. */
    String typename() {
        return alias("typename", "join_typename");
    }

    private String alias(String thing, String base) {
        String known = byThing.get(thing);
        if (known != null) {
            return known;
        }
        for (int n = 1; ; n++) {
            StringBuilder alias = new StringBuilder(base);
            if (n > 1) {
                alias.append('_').append(n);
            }
            while (alias.length() <= longestKey) {
                alias.append('_');
            }
            if (taken.add(alias.toString())) {
                byThing.put(thing, alias.toString());
                return alias.toString();
            }
        }
    }

    private static int longestKey(SelectionSet selectionSet) {
        int longest = 0;
        if (selectionSet == null) {
            return 0;
        }
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                longest = Math.max(longest, Math.max(field.getResultKey().length(), longestKey(field.getSelectionSet())));
            } else if (selection instanceof InlineFragment inline) {
                longest = Math.max(longest, longestKey(inline.getSelectionSet()));
            }
        }
        return longest;
    }
}
