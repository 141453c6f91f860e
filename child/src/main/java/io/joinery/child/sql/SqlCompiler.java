package io.joinery.child.sql;

import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.schema.ColumnModel;
import io.joinery.child.schema.OrderDirection;
import io.joinery.child.schema.PgType;
import io.joinery.child.schema.RelationshipModel;
import io.joinery.child.schema.SchemaModel;
import io.joinery.child.schema.TableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles the table fields of a query into ONE SQL statement that returns ONE row with ONE json
 * column, the `data` object (DESIGN "Child request flow").
 *
 * <pre>
 * normalized fields --SelectIrBuilder--> FieldIr/SelectIr --render--> Sql --> SqlStatement($1..$n)
 * </pre>
 *
 * Shapes (t0, t1, ... are table aliases, r0, ... row-set aliases, numbered in order of appearance):
 * <pre>
 * data       SELECT json_build_object('author', &lt;list&gt;, '__typename', ($1)::text) AS data
 * list       (SELECT coalesce(json_agg(&lt;row&gt; ORDER BY ...), '[]') FROM "public"."author" AS t0 WHERE ...)
 * windowed   (SELECT coalesce(json_agg(r0.j ORDER BY r0.o0 ...), '[]')
 *              FROM (SELECT DISTINCT ON (...) &lt;row&gt; AS j, &lt;order expr&gt; AS o0 FROM ... WHERE ...
 *                    ORDER BY ... LIMIT ... OFFSET ...) AS r0)        -- when limit/offset/distinct_on
 * single     (SELECT &lt;row&gt; FROM ... WHERE ... LIMIT 1)                  -- _by_pk, object relationship
 * row        json_build_object('id', t0."id", 'articles', &lt;list correlated on t0&gt;, ...)
 * </pre>
 * Invariants: every value is a bind parameter, sent as text and cast to the column's type (typmods
 * dropped so a cast never truncates the value); identifiers are quoted; object keys are the client's
 * result keys, in selection order. Objects use json_build_object (keys are string arguments, so no
 * 63-byte alias limit); Postgres allows 100 arguments, so objects with more than 50 keys are built
 * from several json_build_object calls spliced as text (each is `{...}`; inner braces are cut).
 * json_agg carries the order explicitly, since a sub-select's order is not guaranteed to survive.
 */
public final class SqlCompiler {
    private static final int MAX_KEYS_PER_OBJECT = 50;

    private final SchemaModel model;
    private final SelectIrBuilder builder;

    public SqlCompiler(SchemaModel model) {
        this.model = model;
        this.builder = new SelectIrBuilder(model);
    }

    /**
     * Compiles the given root fields (table fields and `__typename`, in order) of a normalized
     * QUERY operation into ONE statement returning ONE row with ONE json column: the `data`
     * object with the fields' result keys in selection order. Throws JoineryException
     * (VALIDATION_FAILED, message, path) for semantic errors graphql-java validation cannot catch.
     */
    public SqlStatement compileQuery(List<ExecutableNormalizedField> rootFields) {
        List<FieldIr> fields = builder.rootFields(rootFields);
        return Sql.concat(Sql.raw("SELECT "), new Render().object(fields, null), Sql.raw(" AS data")).toStatement();
    }

    /**
     * Hook for statements built around other row sources ({@link JsonRowsJoinCompiler}): each
     * relationship field read into a selection, then rendered correlated to its parent row alias
     * through {@code join} (parent column -> table column), with aliases numbered across all of them.
     */
    List<Sql> renderCorrelated(List<JsonRowsJoinCompiler.Join> joins, List<String> parents) {
        Render render = new Render();
        List<Sql> out = new ArrayList<>();
        for (int i = 0; i < joins.size(); i++) {
            JsonRowsJoinCompiler.Join join = joins.get(i);
            SelectIr select = builder.relationshipSelect(join.remote(), join.single(), join.field(), join.path());
            out.add(render.select(select, join.fieldToColumn(), parents.get(i)));
        }
        return out;
    }

    /** One compilation: hands out table and row-set aliases in order of appearance. */
    private final class Render {
        private int tables;
        private int rowSets;

        private String nextTable() {
            return "t" + tables++;
        }

        private String nextRowSet() {
            return "r" + rowSets++;
        }

        Sql object(List<FieldIr> fields, String row) {
            List<Sql> chunks = new ArrayList<>();
            for (int from = 0; from < fields.size() || from == 0; from += MAX_KEYS_PER_OBJECT) {
                List<Sql> pairs = new ArrayList<>();
                for (FieldIr field : fields.subList(from, Math.min(fields.size(), from + MAX_KEYS_PER_OBJECT))) {
                    pairs.add(Sql.concat(Sql.key(field.key()), Sql.raw(", "), value(field, row)));
                }
                chunks.add(Sql.concat(Sql.raw("json_build_object("), Sql.join(", ", pairs), Sql.raw(")")));
            }
            if (chunks.size() == 1) {
                return chunks.get(0);
            }
            List<Sql> texts = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                Sql text = chunks.get(i).append("::text");
                if (i < chunks.size() - 1) {
                    text = Sql.concat(Sql.raw("left("), text, Sql.raw(", -1)"));
                }
                if (i > 0) {
                    text = Sql.concat(Sql.raw("right("), text, Sql.raw(", -1)"));
                }
                texts.add(text);
            }
            return Sql.concat(Sql.raw("("), Sql.join(" || ', ' || ", texts), Sql.raw(")::json"));
        }

        private Sql value(FieldIr field, String row) {
            if (field instanceof FieldIr.Column c) {
                return column(row, c.column());
            } else if (field instanceof FieldIr.Constant c) {
                return Sql.text(c.value());
            }
            FieldIr.Nested n = (FieldIr.Nested) field;
            return select(n.select(), n.join(), row);
        }

        private Sql select(SelectIr select, Map<String, String> join, String parent) {
            String t = nextTable();
            List<Sql> conditions = new ArrayList<>(joinConditions(join, parent, t));
            BoolExp where = select.where();
            if (!where.equals(BoolExp.TRUE)) {
                conditions.add(condition(where, t));
            }
            Sql from = Sql.concat(Sql.raw(" FROM "), table(select.table()), Sql.raw(" AS " + t));
            Sql whereClause = conditions.isEmpty() ? Sql.raw("")
                    : Sql.concat(Sql.raw(" WHERE "), Sql.join(" AND ", conditions));
            if (select.single()) {
                return Sql.concat(Sql.raw("(SELECT "), object(select.fields(), t), from, whereClause,
                        Sql.raw(" LIMIT 1)"));
            }
            List<Sql> order = new ArrayList<>();
            for (OrderTerm term : select.orderBy()) {
                order.add(orderExpression(select.table(), term.path(), term.column(), t));
            }
            if (!select.needsWindow()) {
                return Sql.concat(Sql.raw("(SELECT coalesce(json_agg("), object(select.fields(), t),
                        orderBy(order, select.orderBy()), Sql.raw("), '[]')"), from, whereClause, Sql.raw(")"));
            }
            String r = nextRowSet();
            List<Sql> projected = new ArrayList<>();
            List<Sql> outerOrder = new ArrayList<>();
            projected.add(Sql.concat(object(select.fields(), t), Sql.raw(" AS j")));
            for (int i = 0; i < order.size(); i++) {
                projected.add(Sql.concat(order.get(i), Sql.raw(" AS o" + i)));
                outerOrder.add(Sql.raw(r + ".o" + i));
            }
            Sql distinct = select.distinctOn().isEmpty() ? Sql.raw("") : Sql.concat(Sql.raw("DISTINCT ON ("),
                    Sql.join(", ", select.distinctOn().stream().map(c -> column(t, c)).toList()), Sql.raw(") "));
            Sql inner = Sql.concat(Sql.raw("SELECT "), distinct, Sql.join(", ", projected), from, whereClause,
                    orderBy(order, select.orderBy()),
                    select.limit() == null ? Sql.raw("") : Sql.concat(Sql.raw(" LIMIT "),
                            Sql.param(select.limit(), "integer")),
                    select.offset() == null ? Sql.raw("") : Sql.concat(Sql.raw(" OFFSET "),
                            Sql.param(select.offset(), "integer")));
            return Sql.concat(Sql.raw("(SELECT coalesce(json_agg(" + r + ".j"), orderBy(outerOrder, select.orderBy()),
                    Sql.raw("), '[]') FROM ("), inner, Sql.raw(") AS " + r + ")"));
        }

        /** ` ORDER BY e1 ASC NULLS LAST, ...`, or nothing. */
        private static Sql orderBy(List<Sql> expressions, List<OrderTerm> terms) {
            if (expressions.isEmpty()) {
                return Sql.raw("");
            }
            List<Sql> items = new ArrayList<>();
            for (int i = 0; i < expressions.size(); i++) {
                items.add(expressions.get(i).append(direction(terms.get(i).direction())));
            }
            return Sql.concat(Sql.raw(" ORDER BY "), Sql.join(", ", items));
        }

        private static String direction(OrderDirection direction) {
            return (direction.isAscending() ? " ASC" : " DESC") + (direction.isNullsFirst() ? " NULLS FIRST" : " NULLS LAST");
        }

        /** The value to order by: a column, or a sub-select through object relationships. */
        private Sql orderExpression(TableModel table, List<RelationshipModel> path, ColumnModel column, String row) {
            if (path.isEmpty()) {
                return column(row, column);
            }
            RelationshipModel rel = path.get(0);
            TableModel remote = remoteOf(table, rel);
            String t = nextTable();
            return Sql.concat(Sql.raw("(SELECT "), orderExpression(remote, path.subList(1, path.size()), column, t),
                    Sql.raw(" FROM "), table(remote), Sql.raw(" AS " + t + " WHERE "),
                    Sql.join(" AND ", joinConditions(rel.columnMapping(), row, t)), Sql.raw(" LIMIT 1)"));
        }

        private Sql condition(BoolExp exp, String row) {
            if (exp instanceof BoolExp.And and) {
                return and.terms().isEmpty() ? Sql.raw("true") : junction(and.terms(), " AND ", row);
            } else if (exp instanceof BoolExp.Or or) {
                return or.terms().isEmpty() ? Sql.raw("false") : junction(or.terms(), " OR ", row);
            } else if (exp instanceof BoolExp.Not not) {
                return Sql.concat(Sql.raw("NOT "), condition(not.term(), row).parenthesized());
            } else if (exp instanceof BoolExp.Compare compare) {
                return comparison(compare, row);
            }
            BoolExp.Exists exists = (BoolExp.Exists) exp;
            String t = nextTable();
            List<Sql> conditions = new ArrayList<>(joinConditions(exists.relationship().columnMapping(), row, t));
            if (!exists.where().equals(BoolExp.TRUE)) {
                conditions.add(condition(exists.where(), t));
            }
            return Sql.concat(Sql.raw("EXISTS (SELECT 1 FROM "), table(exists.remote()), Sql.raw(" AS " + t + " WHERE "),
                    Sql.join(" AND ", conditions), Sql.raw(")"));
        }

        private Sql junction(List<BoolExp> terms, String operator, String row) {
            if (terms.size() == 1) {
                return condition(terms.get(0), row);
            }
            Sql joined = Sql.join(operator, terms.stream().map(t -> condition(t, row).parenthesized()).toList());
            // an OR is parenthesized as a whole so that ANDing it with join conditions keeps its meaning
            return operator.equals(" OR ") ? joined.parenthesized() : joined;
        }

        private static Sql comparison(BoolExp.Compare compare, String row) {
            Sql column = column(row, compare.column());
            String type = castType(compare.column().type());
            Object value = compare.value();
            return switch (compare.op()) {
                case EQ -> binary(column, "=", Sql.param(value, type));
                case NEQ -> binary(column, "<>", Sql.param(value, type));
                case GT -> binary(column, ">", Sql.param(value, type));
                case GTE -> binary(column, ">=", Sql.param(value, type));
                case LT -> binary(column, "<", Sql.param(value, type));
                case LTE -> binary(column, "<=", Sql.param(value, type));
                case IN -> Sql.concat(column, Sql.raw(" = ANY("), Sql.param(value, type + "[]"), Sql.raw(")"));
                case NIN -> Sql.concat(column, Sql.raw(" <> ALL("), Sql.param(value, type + "[]"), Sql.raw(")"));
                case IS_NULL -> column.append(Boolean.TRUE.equals(value) ? " IS NULL" : " IS NOT NULL");
                case LIKE -> binary(column, "LIKE", Sql.param(value, type));
                case NLIKE -> binary(column, "NOT LIKE", Sql.param(value, type));
                case ILIKE -> binary(column, "ILIKE", Sql.param(value, type));
                case NILIKE -> binary(column, "NOT ILIKE", Sql.param(value, type));
                case SIMILAR -> binary(column, "SIMILAR TO", Sql.param(value, type));
                case NSIMILAR -> binary(column, "NOT SIMILAR TO", Sql.param(value, type));
                case REGEX -> binary(column, "~", Sql.param(value, type));
                case NREGEX -> binary(column, "!~", Sql.param(value, type));
                case IREGEX -> binary(column, "~*", Sql.param(value, type));
                case NIREGEX -> binary(column, "!~*", Sql.param(value, type));
                case CONTAINS -> binary(column, "@>", Sql.param(value, "jsonb"));
                case CONTAINED_IN -> binary(column, "<@", Sql.param(value, "jsonb"));
                case HAS_KEY -> binary(column, "?", Sql.param(value, "text"));
                case HAS_KEYS_ANY -> binary(column, "?|", Sql.param(value, "text[]"));
                case HAS_KEYS_ALL -> binary(column, "?&", Sql.param(value, "text[]"));
            };
        }

        private static Sql binary(Sql left, String operator, Sql right) {
            return Sql.concat(left, Sql.raw(" " + operator + " "), right);
        }

        /** `child."remote_col" = parent."this_col"` for each pair of a relationship's mapping. */
        private static List<Sql> joinConditions(Map<String, String> mapping, String parent, String child) {
            List<Sql> out = new ArrayList<>();
            mapping.forEach((parentColumn, childColumn) -> out.add(Sql.concat(
                    Sql.raw(child + "."), Sql.ident(childColumn), Sql.raw(" = " + parent + "."), Sql.ident(parentColumn))));
            return out;
        }

        private static Sql column(String row, ColumnModel column) {
            return Sql.concat(Sql.raw(row + "."), Sql.ident(column.name()));
        }

        private static Sql table(TableModel table) {
            return Sql.qualified(table.name().schema(), table.name().name());
        }

        private TableModel remoteOf(TableModel table, RelationshipModel rel) {
            return model.table(rel.remoteTable()).orElseThrow(() -> new IllegalStateException(
                    "relationship " + table.name() + "." + rel.name() + " points at an unknown table"));
        }
    }

    /**
     * The type a bound text value is cast to: the column's SQL type without type modifiers, so
     * `varchar(3)` or `numeric(10,2)` never truncate or round the compared value; `character(n)`
     * becomes `bpchar` (plain `character` would mean `character(1)`).
     */
    static String castType(PgType type) {
        if (type.name().equals("bpchar")) {
            return "bpchar";
        } else if (type.name().equals("_bpchar")) {
            return "bpchar[]";
        } else if (type.sqlName().contains("\"")) {
            return type.sqlName();
        }
        return type.sqlName().replaceAll("\\(\\d+(,\\s*\\d+)?\\)", "");
    }
}
