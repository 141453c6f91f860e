package io.joinery.child.schema;

import io.joinery.child.db.PgType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The keys of a `<Scalar>_comparison_exp` input (SPEC §2.2), and what their value is. The schema
 * builder decides which apply to a column type; the SQL compiler gives each its operator.
 * The GraphQL name is Hasura's: the constant's name in lower case after an underscore.
 */
public enum ComparisonOperator {
    EQ(Operand.SAME), NEQ(Operand.SAME), GT(Operand.SAME), GTE(Operand.SAME), LT(Operand.SAME), LTE(Operand.SAME),
    IN(Operand.LIST), NIN(Operand.LIST),
    IS_NULL(Operand.BOOLEAN),
    LIKE(Operand.SAME), NLIKE(Operand.SAME), ILIKE(Operand.SAME), NILIKE(Operand.SAME),
    SIMILAR(Operand.SAME), NSIMILAR(Operand.SAME),
    REGEX(Operand.SAME), NREGEX(Operand.SAME), IREGEX(Operand.SAME), NIREGEX(Operand.SAME),
    CONTAINS(Operand.SAME), CONTAINED_IN(Operand.SAME),
    HAS_KEY(Operand.TEXT), HAS_KEYS_ANY(Operand.TEXT_LIST), HAS_KEYS_ALL(Operand.TEXT_LIST);

    /** The GraphQL type of the operator's value, relative to the column's scalar. */
    public enum Operand { SAME, LIST, BOOLEAN, TEXT, TEXT_LIST }

    private static final List<ComparisonOperator> BASIC = List.of(EQ, NEQ, GT, GTE, LT, LTE, IN, NIN, IS_NULL);
    private static final List<ComparisonOperator> TEXT = List.of(LIKE, NLIKE, ILIKE, NILIKE, SIMILAR, NSIMILAR,
            REGEX, NREGEX, IREGEX, NIREGEX);
    private static final List<ComparisonOperator> JSONB = List.of(CONTAINS, CONTAINED_IN, HAS_KEY, HAS_KEYS_ANY,
            HAS_KEYS_ALL);

    private final Operand operand;

    ComparisonOperator(Operand operand) {
        this.operand = operand;
    }

    /** `_eq`, `_is_null`, `_has_keys_any`: the constant's name in lower case, after an underscore. */
    public String graphqlName() {
        return "_" + name().toLowerCase(Locale.ROOT);
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
        return Arrays.stream(values()).filter(op -> op.graphqlName().equals(name)).findFirst();
    }
}
