package io.joinery.child.schema;

import io.joinery.child.db.PgType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The per-column aggregates of `<table>_aggregate_fields` and `<table>_aggregate_order_by`, in
 * Hasura's (alphabetical) order, with SPEC §2.2's rules: sum keeps the column type, avg/stddev/var
 * are `Float` and need a numeric column, max/min keep the type and need a numeric, text or
 * date/time column. The GraphQL name is also the Postgres function.
 */
public enum AggregateFunction {
    AVG("avg", false), MAX("max", true), MIN("min", true),
    STDDEV("stddev", false), STDDEV_POP("stddev_pop", false), STDDEV_SAMP("stddev_samp", false),
    SUM("sum", true), VAR_POP("var_pop", false), VAR_SAMP("var_samp", false), VARIANCE("variance", false);

    private final String graphqlName;
    private final boolean keepsType;

    AggregateFunction(String graphqlName, boolean keepsType) {
        this.graphqlName = graphqlName;
        this.keepsType = keepsType;
    }

    public String graphqlName() {
        return graphqlName;
    }

    /** Whether the result has the column's own type (otherwise `Float`). */
    public boolean keepsType() {
        return keepsType;
    }

    public boolean appliesTo(PgType type) {
        return this == MAX || this == MIN ? type.isOrderable() : type.isNumeric();
    }

    public static Optional<AggregateFunction> byGraphqlName(String name) {
        return Arrays.stream(values()).filter(f -> f.graphqlName.equals(name)).findFirst();
    }
}
