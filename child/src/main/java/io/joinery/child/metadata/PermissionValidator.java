package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.List;
import java.util.Map;

/**
 * Whether one permission fits its table as resolved (SPEC §10.1): every named column exists
 * (`columns`, `set`), and `filter` / `check` compile ({@link PermissionCheck}). A misfit is
 * `validation-failed` naming the column, at its path under {@code at} (the `permission` object).
 * A select permission that offers `select_aggregate` as a root field without `allow_aggregations`
 * is Hasura's `invalid-configuration` (an inconsistent object there).
 */
final class PermissionValidator {
    private PermissionValidator() {}

    static void validate(PermissionDef def, ResolvedTable table, ResolvedModel model, PermissionCheck check,
                         ErrorPath at) {
        if (def instanceof PermissionDef.Select s) {
            aggregateRootField(s, at);
            columns(s.columns(), table, at.key("columns"));
            check.check(model, table, s.filter(), at.key("filter"));
        } else if (def instanceof PermissionDef.Insert i) {
            columns(i.columns(), table, at.key("columns"));
            presets(i.set(), table, at.key("set"));
            check.check(model, table, i.check(), at.key("check"));
        } else if (def instanceof PermissionDef.Update u) {
            columns(u.columns(), table, at.key("columns"));
            presets(u.set(), table, at.key("set"));
            check.check(model, table, u.filter(), at.key("filter"));
            if (u.check() != null) {
                check.check(model, table, u.check(), at.key("check"));
            }
        } else {
            check.check(model, table, ((PermissionDef.Delete) def).filter(), at.key("filter"));
        }
    }

    /** Hasura's rule, in its words (with its double space): aggregates as a root field need `allow_aggregations`. */
    static final String AGGREGATE_ROOT_FIELD = "The \"select_aggregate\" root field can only be enabled in the"
            + " query_root_fields or  the subscription_root_fields when \"allow_aggregations\" is set to true";

    private static void aggregateRootField(PermissionDef.Select select, ErrorPath at) {
        boolean asked = select.queryRootFields() != null && select.queryRootFields().contains("select_aggregate")
                || select.subscriptionRootFields() != null && select.subscriptionRootFields().contains("select_aggregate");
        if (asked && !select.allowAggregations()) {
            throw new JoineryException(ErrorCode.INVALID_CONFIGURATION, AGGREGATE_ROOT_FIELD, at);
        }
    }

    private static void columns(PermissionDef.Columns columns, ResolvedTable table, ErrorPath at) {
        List<String> names = columns.names();
        for (int i = 0; i < names.size(); i++) {
            requireColumn(table, names.get(i), at.index(i));
        }
    }

    private static void presets(Map<String, JsonNode> set, ResolvedTable table, ErrorPath at) {
        set.keySet().forEach(column -> requireColumn(table, column, at.key(column)));
    }

    private static void requireColumn(ResolvedTable table, String column, ErrorPath at) {
        if (table.column(column).isEmpty()) {
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, noSuchColumn(table, column), at);
        }
    }

    /** `column "nickname" does not exist in table "author"`. */
    static String noSuchColumn(ResolvedTable table, String column) {
        return "column \"" + column + "\" does not exist in table \"" + table.name().displayName() + "\"";
    }
}
