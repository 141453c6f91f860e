package io.joinery.child.schema;

import io.joinery.child.metadata.ResolvedTable;
/**
 * Hasura's names for everything generated from one table, in one place (SPEC §2.2). The base is
 * {@link ResolvedTable#graphqlName()}: `author`, or `<schema>_<table>` outside `public`.
 */
public record TableGraphqlNames(String base) {
    public static TableGraphqlNames of(ResolvedTable table) {
        return new TableGraphqlNames(table.graphqlName());
    }

    /** `author`: the list root field and the object type. */
    public String selectField() {
        return base;
    }

    public String objectType() {
        return base;
    }

    public String byPkField() {
        return base + "_by_pk";
    }

    public String aggregateField() {
        return base + "_aggregate";
    }

    public String boolExp() {
        return base + "_bool_exp";
    }

    public String orderBy() {
        return base + "_order_by";
    }

    public String selectColumn() {
        return base + "_select_column";
    }

    public String aggregateType() {
        return base + "_aggregate";
    }

    public String aggregateOrderBy() {
        return base + "_aggregate_order_by";
    }

    /** `author_aggregate_fields`: the type of `aggregate { count sum {...} ... }`. */
    public String aggregateFields() {
        return base + "_aggregate_fields";
    }

    /** `author_sum_fields`, `author_avg_fields`, ...: one aggregate over each applicable column. */
    public String functionFields(AggregateFunction function) {
        return base + "_" + function.graphqlName() + "_fields";
    }

    /** `author_sum_order_by`, ...: ordering a parent by one aggregate of these rows. */
    public String functionOrderBy(AggregateFunction function) {
        return base + "_" + function.graphqlName() + "_order_by";
    }

    /** `author_aggregate_bool_exp`: filtering a parent by an aggregate of these rows. */
    public String aggregateBoolExp() {
        return base + "_aggregate_bool_exp";
    }

    public String aggregateBoolExpCount() {
        return base + "_aggregate_bool_exp_count";
    }

    public String mutationResponse() {
        return base + "_mutation_response";
    }

    public String insertInput() {
        return base + "_insert_input";
    }

    public String objRelInsertInput() {
        return base + "_obj_rel_insert_input";
    }

    public String arrRelInsertInput() {
        return base + "_arr_rel_insert_input";
    }

    public String onConflict() {
        return base + "_on_conflict";
    }

    public String constraintEnum() {
        return base + "_constraint";
    }

    public String updateColumnEnum() {
        return base + "_update_column";
    }

    public String setInput() {
        return base + "_set_input";
    }

    public String incInput() {
        return base + "_inc_input";
    }

    public String pkColumnsInput() {
        return base + "_pk_columns_input";
    }

    public String insertField() {
        return "insert_" + base;
    }

    public String insertOneField() {
        return "insert_" + base + "_one";
    }

    public String updateField() {
        return "update_" + base;
    }

    public String updateByPkField() {
        return "update_" + base + "_by_pk";
    }

    public String deleteField() {
        return "delete_" + base;
    }

    public String deleteByPkField() {
        return "delete_" + base + "_by_pk";
    }

    /** `Int_comparison_exp`: the where-input for columns of one scalar. */
    public static String comparisonExp(String scalar) {
        return scalar + "_comparison_exp";
    }

    /** How descriptions name the table: `author`, or `other.author` outside `public`. */
    public static String describe(ResolvedTable table) {
        return table.name().schema().equals("public") ? table.name().name() : table.name().toString();
    }
}
