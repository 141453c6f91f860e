package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorPath;

/**
 * Whether a permission's boolean expression (`filter`, `check`) fits a table: its columns,
 * relationships, operators and `_exists` tables. The `sql` stage supplies it (the parser that
 * compiles the expression, wired in `ChildApp` like {@link SchemaCheck}): metadata sits left of
 * `sql` in the pipeline and cannot call it, yet a permission that does not compile must be
 * refused when it is created and be inconsistent when the catalog changes under it.
 */
@FunctionalInterface
public interface PermissionCheck {
    /** Accepts everything: for resolutions that never look at permissions. */
    PermissionCheck NONE = (model, table, exp, at) -> { };

    /**
     * Throws a {@link io.joinery.core.error.JoineryException} (`validation-failed`, naming the
     * offending key, at its path under {@code at}) when {@code exp} does not fit {@code table}.
     */
    void check(ResolvedModel model, ResolvedTable table, JsonNode exp, ErrorPath at);
}
