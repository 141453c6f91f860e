package io.joinery.child.sql;

import io.joinery.child.db.PgType;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.child.schema.ComparisonOperator;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a coerced `where` value (graphql-java's resolved argument: maps, lists, scalars) into a
 * {@link BoolExp}. graphql-java has already checked the shape; this adds what it cannot: comparison
 * values are never null (SPEC §2.2), and every value becomes the text Postgres will cast.
 * A null in any other position (`where: null`, `{name: null}`, `_not: null`) means "absent".
 */
final class BoolExpParser {
    /** What `count` predicates compare with: `Int_comparison_exp`. */
    private static final PgType COUNT_TYPE = new PgType("int4", "integer", 'N');

    private final ResolvedModel model;
    private final RolePermissions permissions;

    /** @param permissions the role's: a relationship in a `where` sees only the rows the role may select */
    BoolExpParser(ResolvedModel model, RolePermissions permissions) {
        this.model = model;
        this.permissions = permissions;
    }

    BoolExp parse(ResolvedTable table, Map<?, ?> exp, ErrorPath path) {
        List<BoolExp> terms = new ArrayList<>();
        for (Map.Entry<?, ?> entry : exp.entrySet()) {
            String key = (String) entry.getKey();
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            ErrorPath at = path.key(key);
            switch (key) {
                case "_and" -> terms.add(new BoolExp.Junction(BoolExp.Connective.AND, parseAll(table, (List<?>) value, at)));
                case "_or" -> terms.add(new BoolExp.Junction(BoolExp.Connective.OR, parseAll(table, (List<?>) value, at)));
                case "_not" -> terms.add(new BoolExp.Not(parse(table, (Map<?, ?>) value, at)));
                default -> terms.add(parseKey(table, key, (Map<?, ?>) value, at));
            }
        }
        return BoolExp.and(terms);
    }

    private List<BoolExp> parseAll(ResolvedTable table, List<?> exps, ErrorPath path) {
        List<BoolExp> out = new ArrayList<>();
        for (int i = 0; i < exps.size(); i++) {
            out.add(parse(table, (Map<?, ?>) exps.get(i), path.index(i)));
        }
        return out;
    }

    private BoolExp parseKey(ResolvedTable table, String key, Map<?, ?> value, ErrorPath path) {
        ResolvedColumn column = table.column(key).orElse(null);
        if (column != null) {
            return comparisons(table, column, value, path);
        }
        ResolvedRelationship aggregated = SelectIrBuilder.arrayRelationshipOfAggregate(table, key);
        if (aggregated != null) {
            return aggregateCount(aggregated, value, path);
        }
        ResolvedRelationship rel = table.relationship(key).orElseThrow(() -> new JoineryException(
                ErrorCode.VALIDATION_FAILED, "field '" + key + "' not found in type: '" + table.graphqlName()
                + "_bool_exp'", path));
        ResolvedTable remote = model.table(rel.remoteTable()).orElseThrow();
        return new BoolExp.Exists(rel, remote, BoolExp.and(List.of(permissions.selectFilter(remote),
                parse(remote, value, path))));
    }

    /** `articles_aggregate: {count: {predicate: {_gt: 1}, arguments, distinct, filter}}`. */
    private BoolExp aggregateCount(ResolvedRelationship rel, Map<?, ?> value, ErrorPath path) {
        ResolvedTable remote = model.table(rel.remoteTable()).orElseThrow();
        List<BoolExp> terms = new ArrayList<>();
        if (value.get("count") instanceof Map<?, ?> count) {
            ErrorPath at = path.key("count");
            List<ResolvedColumn> arguments = new ArrayList<>();
            if (count.get("arguments") instanceof List<?> names) {
                names.forEach(n -> arguments.add(remote.column((String) n).orElseThrow()));
            }
            BoolExp filter = BoolExp.and(List.of(permissions.selectFilter(remote), count.get("filter") instanceof Map<?, ?> exp
                    ? parse(remote, exp, at.key("filter")) : BoolExp.TRUE));
            List<BoolExp.Predicate> predicates = new ArrayList<>();
            Map<?, ?> predicate = (Map<?, ?>) count.get("predicate");
            for (Map.Entry<?, ?> entry : predicate.entrySet()) {
                String name = (String) entry.getKey();
                ErrorPath opPath = at.key("predicate").key(name);
                ComparisonOperator op = ComparisonOperator.byGraphqlName(name).orElseThrow();
                if (entry.getValue() == null) {
                    throw new JoineryException(ErrorCode.VALIDATION_FAILED,
                            "expected " + expected(COUNT_TYPE, op) + ", but found null", opPath);
                }
                predicates.add(new BoolExp.Predicate(op, operand(COUNT_TYPE, op, entry.getValue())));
            }
            if (predicates.isEmpty()) {
                return BoolExp.TRUE;
            }
            terms.add(new BoolExp.AggregateCount(rel, remote, arguments, Boolean.TRUE.equals(count.get("distinct")),
                    filter, predicates));
        }
        return BoolExp.and(terms);
    }

    private BoolExp comparisons(ResolvedTable table, ResolvedColumn column, Map<?, ?> ops, ErrorPath path) {
        BoolExp shownWhen = permissions.redaction(table, column).orElse(null);
        List<BoolExp> terms = new ArrayList<>();
        for (Map.Entry<?, ?> entry : ops.entrySet()) {
            String name = (String) entry.getKey();
            ErrorPath at = path.key(name);
            ComparisonOperator op = ComparisonOperator.byGraphqlName(name).orElseThrow(() -> new JoineryException(
                    ErrorCode.VALIDATION_FAILED, "field '" + name + "' not found in type: '"
                    + column.type().graphqlScalar() + "_comparison_exp'", at));
            Object value = entry.getValue();
            if (value == null) {
                throw new JoineryException(ErrorCode.VALIDATION_FAILED,
                        "expected " + expected(column.type(), op) + ", but found null", at);
            }
            BoolExp.Compare compare = new BoolExp.Compare(column, op, operand(column.type(), op, value));
            terms.add(shownWhen == null ? compare : new BoolExp.RedactedCompare(compare, shownWhen));
        }
        return BoolExp.and(terms);
    }

    private static Object operand(PgType type, ComparisonOperator op, Object value) {
        return switch (op.operand()) {
            case SAME -> text(value, type);
            case LIST -> ((List<?>) value).stream().map(v -> text(v, type)).toList();
            case BOOLEAN -> value;
            case TEXT -> String.valueOf(value);
            case TEXT_LIST -> ((List<?>) value).stream().map(String::valueOf).toList();
        };
    }

    /**
     * The text Postgres casts to the column type: json/jsonb values as JSON text (a GraphQL string
     * is a JSON string), strings as they are, numbers and booleans in their plain form, and objects
     * or lists for other types as JSON text (Postgres then rejects or accepts them).
     */
    static String text(Object value, PgType type) {
        if (type.isJson()) {
            return Json.write(value);
        } else if (value instanceof String s) {
            return s;
        } else if (value instanceof BigDecimal d) {
            return d.toString();
        } else if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return Json.write(value);
    }

    /** `a 32-bit integer for type 'Int'`: Hasura's wording for the expected value. */
    private static String expected(PgType type, ComparisonOperator op) {
        String scalar = type.graphqlScalar();
        return switch (op.operand()) {
            case SAME -> describe(scalar) + " for type '" + scalar + "'";
            case LIST -> "a list for type '[" + scalar + "!]'";
            case BOOLEAN -> "a boolean for type 'Boolean'";
            case TEXT -> "a string for type 'String'";
            case TEXT_LIST -> "a list for type '[String!]'";
        };
    }

    private static String describe(String scalar) {
        return switch (scalar) {
            case "Int" -> "a 32-bit integer";
            case "Float" -> "a float";
            case "String" -> "a string";
            case "Boolean" -> "a boolean";
            default -> "a value";
        };
    }
}
