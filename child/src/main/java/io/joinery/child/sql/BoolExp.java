package io.joinery.child.sql;

import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.child.schema.ComparisonOperator;
import java.util.List;
import java.util.Objects;

/**
 * A parsed `where` (`<table>_bool_exp`). An object is the AND of its keys; `{}` and `_and: []` are
 * {@link #TRUE}, `_or: []` is false.
 */
public sealed interface BoolExp {
    BoolExp TRUE = new Junction(Connective.AND, List.of());

    /** How a junction's terms combine; an empty one is the connective's identity. */
    enum Connective {
        AND, OR;

        /** What the junction of no terms means: true for AND, false for OR. */
        public boolean identity() {
            return this == AND;
        }
    }

    /** `_and` (and the keys of one object): every term holds; `_or`: some term holds. */
    record Junction(Connective connective, List<BoolExp> terms) implements BoolExp {
        public Junction {
            Objects.requireNonNull(connective, "connective");
            terms = List.copyOf(terms);
        }
    }

    record Not(BoolExp term) implements BoolExp {}

    /**
     * `column op value`. {@code value} is already text: a String (cast to the column type, or text
     * for key operators), a List of Strings (one text[] parameter), or a Boolean for `_is_null`;
     * in a permission's expression it may also be a {@link SessionVariable} (or a List holding
     * some), whose value the renderer takes from the request's session.
     */
    record Compare(ResolvedColumn column, ComparisonOperator op, Object value) implements BoolExp {}

    /**
     * A value of a permission's expression read from the session: `"X-Hasura-User-Id"` becomes
     * {@code x-hasura-user-id}, bound as text and cast to the compared column's type.
     */
    record SessionVariable(String name) {}

    /**
     * A permission's column comparison (`_ceq`, `_cgt`, ...): `column op other`, where
     * {@code other} is a column of the same row, or of the permission's own table when
     * {@code onRoot} (`["$", "col"]`, inside `_exists` or a relationship).
     */
    record CompareColumns(ResolvedColumn column, ComparisonOperator op, ResolvedColumn other, boolean onRoot)
            implements BoolExp {}

    /** `_exists {_table, _where}`: some row of {@code table}, unrelated to this row, matches {@code where}. */
    record ExistsTable(ResolvedTable table, BoolExp where) implements BoolExp {}

    /** Some row of {@code remote} related through {@code relationship} matches {@code where}. */
    record Exists(ResolvedRelationship relationship, ResolvedTable remote, BoolExp where) implements BoolExp {}

    /**
     * `<rel>_aggregate: {count: {predicate, arguments, distinct, filter}}`: the count of related rows
     * (those matching {@code filter}) satisfies every {@code predicate}.
     */
    record AggregateCount(ResolvedRelationship relationship, ResolvedTable remote, List<ResolvedColumn> arguments,
                          boolean distinct, BoolExp filter, List<Predicate> predicates) implements BoolExp {
        public AggregateCount {
            arguments = List.copyOf(arguments);
            predicates = List.copyOf(predicates);
        }
    }

    /** One `Int_comparison_exp` operator applied to a count; {@code value} as in {@link Compare}. */
    record Predicate(ComparisonOperator op, Object value) {}

    /** AND of terms without the noise of a one-element AND or of always-true terms. */
    static BoolExp and(List<BoolExp> terms) {
        List<BoolExp> kept = terms.stream().filter(t -> !t.equals(TRUE)).toList();
        return kept.size() == 1 ? kept.get(0) : new Junction(Connective.AND, kept);
    }
}
