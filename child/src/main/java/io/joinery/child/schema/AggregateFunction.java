package io.joinery.child.schema;

import io.joinery.child.db.PgType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-column aggregates of `<table>_aggregate_fields` and `<table>_aggregate_order_by`, in
 * Hasura's (alphabetical) order, with SPEC §2.2's rules: sum keeps the column type, avg/stddev/var
 * are `Float` and need a numeric column, max/min keep the type and need a numeric, text or
 * date/time column. The GraphQL name is also the Postgres function.
 */
public enum AggregateFunction {
    AVG, MAX, MIN, STDDEV, STDDEV_POP, STDDEV_SAMP, SUM, VAR_POP, VAR_SAMP, VARIANCE;

    /** `avg`, `stddev_pop`: the constant's name in lower case. */
    public String graphqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the result has the column's own type (sum, max, min; the others are `Float`). */
    public boolean keepsType() {
        return this == SUM || this == MAX || this == MIN;
    }

    public boolean appliesTo(PgType type) {
        return this == MAX || this == MIN ? type.isOrderable() : type.isNumeric();
    }

    public static Optional<AggregateFunction> byGraphqlName(String name) {
        return Arrays.stream(values()).filter(f -> f.graphqlName().equals(name)).findFirst();
    }
}
