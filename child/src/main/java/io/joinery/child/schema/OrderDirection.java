package io.joinery.child.schema;

import java.util.Arrays;
import java.util.Optional;

/** The values of Hasura's `order_by` enum. `asc` puts nulls last, `desc` puts them first. */
public enum OrderDirection {
    ASC("asc", true, false, "in ascending order, nulls last"),
    ASC_NULLS_FIRST("asc_nulls_first", true, true, "in ascending order, nulls first"),
    ASC_NULLS_LAST("asc_nulls_last", true, false, "in ascending order, nulls last"),
    DESC("desc", false, true, "in descending order, nulls first"),
    DESC_NULLS_FIRST("desc_nulls_first", false, true, "in descending order, nulls first"),
    DESC_NULLS_LAST("desc_nulls_last", false, false, "in descending order, nulls last");

    public static final String ENUM_NAME = "order_by";

    private final String graphqlName;
    private final boolean ascending;
    private final boolean nullsFirst;
    private final String description;

    OrderDirection(String graphqlName, boolean ascending, boolean nullsFirst, String description) {
        this.graphqlName = graphqlName;
        this.ascending = ascending;
        this.nullsFirst = nullsFirst;
        this.description = description;
    }

    public String graphqlName() {
        return graphqlName;
    }

    public boolean isAscending() {
        return ascending;
    }

    public boolean isNullsFirst() {
        return nullsFirst;
    }

    public String description() {
        return description;
    }

    public static Optional<OrderDirection> byGraphqlName(String name) {
        return Arrays.stream(values()).filter(d -> d.graphqlName.equals(name)).findFirst();
    }
}
