package io.joinery.child.schema;

import io.joinery.child.db.PgType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a `<Scalar>_comparison_exp` input (SPEC §2.2), and what their value is. The schema
 * builder decides which apply to a column type; the SQL compiler gives each its operator.
 */
public enum ComparisonOperator {
    EQ("_eq", Operand.SAME), NEQ("_neq", Operand.SAME),
    GT("_gt", Operand.SAME), GTE("_gte", Operand.SAME), LT("_lt", Operand.SAME), LTE("_lte", Operand.SAME),
    IN("_in", Operand.LIST), NIN("_nin", Operand.LIST),
    IS_NULL("_is_null", Operand.BOOLEAN),
    LIKE("_like", Operand.SAME), NLIKE("_nlike", Operand.SAME),
    ILIKE("_ilike", Operand.SAME), NILIKE("_nilike", Operand.SAME),
    SIMILAR("_similar", Operand.SAME), NSIMILAR("_nsimilar", Operand.SAME),
    REGEX("_regex", Operand.SAME), NREGEX("_nregex", Operand.SAME),
    IREGEX("_iregex", Operand.SAME), NIREGEX("_niregex", Operand.SAME),
    CONTAINS("_contains", Operand.SAME), CONTAINED_IN("_contained_in", Operand.SAME),
    HAS_KEY("_has_key", Operand.TEXT), HAS_KEYS_ANY("_has_keys_any", Operand.TEXT_LIST),
    HAS_KEYS_ALL("_has_keys_all", Operand.TEXT_LIST);

    /** The GraphQL type of the operator's value, relative to the column's scalar. */
    public enum Operand { SAME, LIST, BOOLEAN, TEXT, TEXT_LIST }

    private static final List<ComparisonOperator> BASIC = List.of(EQ, NEQ, GT, GTE, LT, LTE, IN, NIN, IS_NULL);
    private static final List<ComparisonOperator> TEXT = List.of(LIKE, NLIKE, ILIKE, NILIKE, SIMILAR, NSIMILAR,
            REGEX, NREGEX, IREGEX, NIREGEX);
    private static final List<ComparisonOperator> JSONB = List.of(CONTAINS, CONTAINED_IN, HAS_KEY, HAS_KEYS_ANY,
            HAS_KEYS_ALL);

    private final String graphqlName;
    private final Operand operand;

    ComparisonOperator(String graphqlName, Operand operand) {
        this.graphqlName = graphqlName;
        this.operand = operand;
    }

    public String graphqlName() {
        return graphqlName;
    }

    public Operand operand() {
        return operand;
    }

    /**
     * The operators a column of this type offers, in schema order. `json` has no equality in
     * Postgres, so it offers only `_is_null`; `jsonb` adds Hasura's containment and key operators.
     */
    public static List<ComparisonOperator> forType(PgType type) {
        if (type.name().equals("json")) {
            return List.of(IS_NULL);
        }
        List<ComparisonOperator> ops = new java.util.ArrayList<>(BASIC);
        if (type.isTextSearchable()) {
            ops.addAll(TEXT);
        }
        if (type.name().equals("jsonb")) {
            ops.addAll(JSONB);
        }
        return List.copyOf(ops);
    }

    public static Optional<ComparisonOperator> byGraphqlName(String name) {
        return Arrays.stream(values()).filter(op -> op.graphqlName.equals(name)).findFirst();
    }
}
