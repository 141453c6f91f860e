package io.joinery.child.sql;

import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.child.schema.ComparisonOperator;
import io.joinery.child.schema.OrderDirection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@link FieldIr}/{@link SelectIr}/{@link BoolExp} as SQL for one statement; hands out table
 * (t0, t1, ...) and row-set (r0, ...) aliases in order of appearance, so one instance per statement.
 * The shapes are described on {@link SqlCompiler}.
 */
final class SelectRenderer {
    /** Each comparison operator's SQL (`_is_null` is written as IS [NOT] NULL). */
    private static final Map<ComparisonOperator, String> SQL_OPERATORS = new EnumMap<>(Map.ofEntries(
            Map.entry(ComparisonOperator.EQ, "="), Map.entry(ComparisonOperator.NEQ, "<>"),
            Map.entry(ComparisonOperator.GT, ">"), Map.entry(ComparisonOperator.GTE, ">="),
            Map.entry(ComparisonOperator.LT, "<"), Map.entry(ComparisonOperator.LTE, "<="),
            Map.entry(ComparisonOperator.IN, "= ANY"), Map.entry(ComparisonOperator.NIN, "<> ALL"),
            Map.entry(ComparisonOperator.LIKE, "LIKE"), Map.entry(ComparisonOperator.NLIKE, "NOT LIKE"),
            Map.entry(ComparisonOperator.ILIKE, "ILIKE"), Map.entry(ComparisonOperator.NILIKE, "NOT ILIKE"),
            Map.entry(ComparisonOperator.SIMILAR, "SIMILAR TO"), Map.entry(ComparisonOperator.NSIMILAR, "NOT SIMILAR TO"),
            Map.entry(ComparisonOperator.REGEX, "~"), Map.entry(ComparisonOperator.NREGEX, "!~"),
            Map.entry(ComparisonOperator.IREGEX, "~*"), Map.entry(ComparisonOperator.NIREGEX, "!~*"),
            Map.entry(ComparisonOperator.CONTAINS, "@>"), Map.entry(ComparisonOperator.CONTAINED_IN, "<@"),
            Map.entry(ComparisonOperator.HAS_KEY, "?"), Map.entry(ComparisonOperator.HAS_KEYS_ANY, "?|"),
            Map.entry(ComparisonOperator.HAS_KEYS_ALL, "?&")));

    private static final int MAX_KEYS_PER_OBJECT = 50;
    /** Postgres' longest identifier (NAMEDATALEN - 1); object keys are GraphQL names, one byte a character. */
    private static final int MAX_IDENTIFIER_BYTES = 63;
    /** The record's alias in {@link #asRecord} objects: `$` is in no GraphQL name, so no key is read as it. */
    private static final String RECORD = "\"o$\"";

    private final ResolvedModel model;
    private final RolePermissions permissions;
    private int tables;
    private int rowSets;

    /** A renderer without permission filters of its own (admin's, or where the IR carries them all). */
    SelectRenderer(ResolvedModel model) {
        this(model, RolePermissions.admin());
    }

    /**
     * Renders without reading any session: a permission's session variable becomes a parameter
     * that {@link StatementTemplate#bind} fills per request.
     *
     * @param permissions the role's: the related rows `order_by` reads are filtered as the role
     *                    sees them (every other filter is in the IR already)
     */
    SelectRenderer(ResolvedModel model, RolePermissions permissions) {
        this.model = model;
        this.permissions = permissions;
    }

    String nextTable() {
        return "t" + tables++;
    }

    private String nextRowSet() {
        return "r" + rowSets++;
    }

    /** The JSON object of {@code fields} read from the row alias {@code row} (see {@link #asRecord}). */
    Sql object(List<FieldIr> fields, String row) {
        return object(fields, row, null);
    }

    /**
     * @param nodesOrder the ` ORDER BY ...` that `nodes` of an aggregate use (null outside aggregates)
     */
    private Sql object(List<FieldIr> fields, String row, Sql nodesOrder) {
        if (asRecord(fields)) {
            return Sql.concat(Sql.raw("row_to_json((SELECT " + RECORD + " FROM (SELECT "), columns(fields, row, nodesOrder),
                    Sql.raw(") AS " + RECORD + "))"));
        }
        List<Sql> chunks = new ArrayList<>();
        for (int from = 0; from < fields.size() || from == 0; from += MAX_KEYS_PER_OBJECT) {
            List<Sql> pairs = new ArrayList<>();
            for (FieldIr field : fields.subList(from, Math.min(fields.size(), from + MAX_KEYS_PER_OBJECT))) {
                pairs.add(Sql.concat(Sql.key(field.key()), Sql.raw(", "), value(field, row, nodesOrder)));
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

    /** `v AS "key", ...`: the columns of a record whose row_to_json is the object of {@code fields}. */
    private Sql columns(List<FieldIr> fields, String row, Sql nodesOrder) {
        List<Sql> columns = new ArrayList<>();
        for (FieldIr field : fields) {
            columns.add(Sql.concat(value(field, row, nodesOrder), Sql.raw(" AS "), Sql.ident(field.key())));
        }
        return Sql.join(", ", columns);
    }

    /** The JSON object of one row of a select, and what the select's FROM gets for it (often nothing). */
    private record RowJson(Sql object, Sql lateral) {}

    /**
     * The object of {@code fields} for each row of table alias {@code t}. A record object is read
     * from a LATERAL sub-select in the row's own FROM, `FROM "public"."author" AS t0, LATERAL (SELECT
     * t0."id" AS "id", ...) AS e0` as `row_to_json(e0)`, rather than from a sub-select in the select
     * list: Postgres folds a FROM item into the row's plan, where a sub-select in the select list is
     * a sub-plan started for every row (pgbench, 50 authors x 10 articles: 10-17 % more statements per
     * second, the same JSON text; docs/performance.md). Objects that are not records are as {@link #object}.
     */
    private RowJson rowJson(List<FieldIr> fields, String t) {
        if (!asRecord(fields)) {
            return new RowJson(object(fields, t), Sql.raw(""));
        }
        String e = "e" + t.substring(1);
        return new RowJson(Sql.raw("row_to_json(" + e + ")"),
                Sql.concat(Sql.raw(", LATERAL (SELECT "), columns(fields, t, null), Sql.raw(") AS " + e)));
    }

    /**
     * Whether {@code fields} are written as `row_to_json((SELECT "o$" FROM (SELECT v AS "key", ...) AS "o$"))`
     * rather than `json_build_object('key', v, ...)`: the same JSON (`{"key":v}`, without the spaces
     * json_build_object writes), but Postgres builds it from a record whose shape it knows once, where
     * json_build_object looks up the type of each of its arguments on every call: a 50 x 10 nested
     * query's statement runs 1.9 times as fast (pgbench, docs/performance.md). Not for keys longer than
     * Postgres' 63-byte identifiers (they would be cut) and not for objects holding aggregates (`count`,
     * `sum`, `nodes`: in a sub-select they would aggregate the sub-select's one row).
     */
    private static boolean asRecord(List<FieldIr> fields) {
        if (fields.isEmpty()) {
            return false;
        }
        for (FieldIr field : fields) {
            if (field.key().length() > MAX_IDENTIFIER_BYTES) {
                return false;
            }
            boolean plain = field instanceof FieldIr.Column || field instanceof FieldIr.RedactedColumn
                    || field instanceof FieldIr.Constant || field instanceof FieldIr.Nested
                    || field instanceof FieldIr.Aggregate
                    || field instanceof FieldIr.Group g && asRecord(g.fields());
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    private Sql value(FieldIr field, String row, Sql nodesOrder) {
        if (field instanceof FieldIr.Column c) {
            return column(row, c.column());
        } else if (field instanceof FieldIr.RedactedColumn c) {
            return redacted(column(row, c.column()), c.shownWhen(), row);
        } else if (field instanceof FieldIr.Constant c) {
            return Sql.text(c.value());
        } else if (field instanceof FieldIr.Nested n) {
            return select(n.select(), n.join(), row);
        } else if (field instanceof FieldIr.Aggregate a) {
            return aggregate(a.select(), a.join(), row);
        } else if (field instanceof FieldIr.Group g) {
            return object(g.fields(), row, nodesOrder);
        } else if (field instanceof FieldIr.Nodes n) {
            return Sql.concat(Sql.raw("coalesce(json_agg("), object(n.fields(), row),
                    nodesOrder == null ? Sql.raw("") : nodesOrder, Sql.raw("), '[]')"));
        } else if (field instanceof FieldIr.Count c) {
            return count(c, row);
        }
        FieldIr.Aggregated a = (FieldIr.Aggregated) field;
        Sql value = a.shownWhen() == null ? column(row, a.column()) : redacted(column(row, a.column()), a.shownWhen(), row);
        return Sql.concat(Sql.raw(a.function().graphqlName() + "("), value, Sql.raw(")"));
    }

    /** `CASE WHEN <shownWhen> THEN <value> ELSE NULL END`: a value shown only in some rows (SPEC §10.2). */
    private Sql redacted(Sql value, BoolExp shownWhen, String row) {
        return Sql.concat(Sql.raw("CASE WHEN "), condition(shownWhen, row), Sql.raw(" THEN "), value,
                Sql.raw(" ELSE NULL END"));
    }

    /** Hasura's count: `count(*)`, `count(a)`, `count(DISTINCT (a, b))`. */
    private Sql count(FieldIr.Count count, String row) {
        List<ResolvedColumn> columns = count.columns();
        boolean distinct = count.distinct();
        if (columns.isEmpty()) {
            return Sql.raw("count(*)");
        }
        Sql list = Sql.join(", ", columns.stream().map(c -> count.shownWhen().containsKey(c.name())
                ? redacted(column(row, c), count.shownWhen().get(c.name()), row) : column(row, c)).toList());
        if (columns.size() > 1) {
            list = list.parenthesized();
        }
        return Sql.concat(Sql.raw(distinct ? "count(DISTINCT " : "count("), list, Sql.raw(")"));
    }

    Sql select(SelectIr select, Map<String, String> join, String parent) {
        String t = nextTable();
        Sql from = Sql.concat(Sql.raw(" FROM "), table(select.table()), Sql.raw(" AS " + t));
        Sql whereClause = whereClause(select, join, parent, t);
        if (select.single()) {
            RowJson row = rowJson(select.fields(), t);
            return Sql.concat(Sql.raw("(SELECT "), row.object(), from, row.lateral(), whereClause, Sql.raw(" LIMIT 1)"));
        }
        List<Sql> order = orderExpressions(select, t);
        if (choosesRowsFirst(select)) {
            return rowsFirst(select, order, t, from, whereClause);
        }
        RowJson row = rowJson(select.fields(), t);
        if (!select.needsWindow()) {
            return Sql.concat(Sql.raw("(SELECT coalesce(json_agg("), row.object(),
                    orderBy(order, select.orderBy()), Sql.raw("), '[]')"), from, row.lateral(), whereClause, Sql.raw(")"));
        }
        String r = nextRowSet();
        Sql inner = window(select, Sql.concat(row.object(), Sql.raw(" AS j")), order, t,
                Sql.concat(from, row.lateral()), whereClause, r);
        return Sql.concat(Sql.raw("(SELECT coalesce(json_agg(" + r + ".j"), orderBy(outerOrder(r, order), select.orderBy()),
                Sql.raw("), '[]') FROM ("), inner, Sql.raw(") AS " + r + ")"));
    }

    /**
     * Whether a window's rows are chosen before their objects are built ({@link #rowsFirst(SelectIr, List,
     * String, Sql, Sql)}): when it sorts and limits, and its objects read only the row's own columns.
     * Postgres evaluates a select list before sorting unless an item looks expensive, and an object of
     * columns does not (one function call), so `article(order_by: {title: asc}, limit: 20) { id title }`
     * would build the JSON of every row of the table and keep 20. An object holding a sub-select
     * (a relationship, an aggregate) is put after the sort by Postgres itself, and a windowed sub-select
     * would only carry whole rows through the sort for nothing.
     */
    private static boolean choosesRowsFirst(SelectIr select) {
        return select.limit() != null && !select.orderBy().isEmpty() && ownColumnsOnly(select.fields());
    }

    private static boolean ownColumnsOnly(List<FieldIr> fields) {
        for (FieldIr field : fields) {
            boolean own = field instanceof FieldIr.Column || field instanceof FieldIr.Constant
                    || field instanceof FieldIr.RedactedColumn
                    || field instanceof FieldIr.Group g && ownColumnsOnly(g.fields());
            if (!own) {
                return false;
            }
        }
        return true;
    }

    /**
     * A window whose rows are chosen first, as Hasura does: the sub-select keeps whole rows under the
     * table's own alias, so the object reads them as it reads the table, and only the kept rows'
     * objects are built (pgbench, 10,000 articles ordered by title, limit 20: 3.4 to 6 times the
     * statements per second). The order is written again over the kept rows for json_agg.
     * <pre>
     * (SELECT coalesce(json_agg(row_to_json(e0) ORDER BY t0."title" ASC NULLS LAST), '[]')
     *  FROM (SELECT t0.* FROM "public"."article" AS t0 WHERE ... ORDER BY t0."title" ASC NULLS LAST LIMIT 20) AS t0,
     *  LATERAL (SELECT t0."id" AS "id", t0."title" AS "title") AS e0)
     * </pre>
     */
    private Sql rowsFirst(SelectIr select, List<Sql> order, String t, Sql from, Sql whereClause) {
        Sql kept = Sql.concat(Sql.raw("SELECT "), distinctOn(select, t), Sql.raw(t + ".*"), from, whereClause,
                orderBy(order, select.orderBy()), Sql.raw(" LIMIT " + select.limit()),
                select.offset() == null ? Sql.raw("") : Sql.raw(" OFFSET " + select.offset()));
        List<Sql> keptOrder = orderExpressions(select, t);
        RowJson row = rowJson(select.fields(), t);
        return Sql.concat(Sql.raw("(SELECT coalesce(json_agg("), row.object(), orderBy(keptOrder, select.orderBy()),
                Sql.raw("), '[]') FROM ("), kept, Sql.raw(") AS " + t), row.lateral(), Sql.raw(")"));
    }

    /**
     * An aggregate field: ONE row of aggregates over the chosen rows. With a window (limit, offset,
     * distinct_on) the rows are chosen first, as whole-row values `v`, read back as `(r0.v)."col"`.
     * <pre>
     * (SELECT json_build_object('aggregate', json_build_object('count', count(*)), 'nodes', coalesce(json_agg(...), '[]'))
     *  FROM "public"."article" AS t1 WHERE t1."author_id" = t0."id")
     * </pre>
     */
    Sql aggregate(SelectIr select, Map<String, String> join, String parent) {
        String t = nextTable();
        Sql from = Sql.concat(Sql.raw(" FROM "), table(select.table()), Sql.raw(" AS " + t));
        Sql whereClause = whereClause(select, join, parent, t);
        List<Sql> order = orderExpressions(select, t);
        if (!select.needsWindow()) {
            return Sql.concat(Sql.raw("(SELECT "), object(select.fields(), t, orderBy(order, select.orderBy())),
                    from, whereClause, Sql.raw(")"));
        }
        String r = nextRowSet();
        Sql inner = window(select, Sql.raw(t + " AS v"), order, t, from, whereClause, r);
        return Sql.concat(Sql.raw("(SELECT "),
                object(select.fields(), "(" + r + ".v)", orderBy(outerOrder(r, order), select.orderBy())),
                Sql.raw(" FROM ("), inner, Sql.raw(") AS " + r + ")"));
    }

    /**
     * The inner select of a window: `SELECT DISTINCT ON (...) <projected>, <order> AS o0 ... LIMIT 20 OFFSET 40`.
     * LIMIT and OFFSET are integer literals, as Hasura writes them, not parameters: Postgres plans a
     * prepared statement whose LIMIT is a parameter with a guessed row count, so its generic plan never
     * looks as cheap as a custom one and every execution is planned again (0.05 ms of Postgres CPU on
     * a 20-row query, a third of its work); a statement with no parameter left is planned once per
     * connection. The texts are digits only ({@link SelectIr} refuses anything else).
     */
    private static Sql window(SelectIr select, Sql projected, List<Sql> order, String t, Sql from, Sql whereClause,
                              String r) {
        List<Sql> columns = new ArrayList<>();
        columns.add(projected);
        for (int i = 0; i < order.size(); i++) {
            columns.add(Sql.concat(order.get(i), Sql.raw(" AS o" + i)));
        }
        return Sql.concat(Sql.raw("SELECT "), distinctOn(select, t), Sql.join(", ", columns), from, whereClause,
                orderBy(order, select.orderBy()),
                select.limit() == null ? Sql.raw("") : Sql.raw(" LIMIT " + select.limit()),
                select.offset() == null ? Sql.raw("") : Sql.raw(" OFFSET " + select.offset()));
    }

    /** `DISTINCT ON (t0."a", ...) ` of a window, or nothing. */
    private static Sql distinctOn(SelectIr select, String t) {
        return select.distinctOn().isEmpty() ? Sql.raw("") : Sql.concat(Sql.raw("DISTINCT ON ("),
                Sql.join(", ", select.distinctOn().stream().map(c -> column(t, c)).toList()), Sql.raw(") "));
    }

    private static List<Sql> outerOrder(String r, List<Sql> order) {
        List<Sql> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            out.add(Sql.raw(r + ".o" + i));
        }
        return out;
    }

    private Sql whereClause(SelectIr select, Map<String, String> join, String parent, String t) {
        List<Sql> conditions = new ArrayList<>(joinConditions(join, parent, t));
        if (!select.where().equals(BoolExp.TRUE)) {
            conditions.add(condition(select.where(), t));
        }
        return conditions.isEmpty() ? Sql.raw("") : Sql.concat(Sql.raw(" WHERE "), Sql.join(" AND ", conditions));
    }

    private List<Sql> orderExpressions(SelectIr select, String t) {
        List<Sql> order = new ArrayList<>();
        for (OrderTerm term : select.orderBy()) {
            order.add(orderExpression(select.table(), term.path(), term, t));
        }
        return order;
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

    /** The value to order by: a column or an array aggregate, reached through object relationships. */
    private Sql orderExpression(ResolvedTable table, List<ResolvedRelationship> path, OrderTerm term, String row) {
        if (path.isEmpty()) {
            OrderTerm.ArrayAggregate aggregate = term.aggregate();
            if (aggregate == null) {
                return column(row, term.column());
            }
            String t = nextTable();
            Sql value = aggregate.function() == null ? Sql.raw("count(*)") : Sql.concat(
                    Sql.raw(aggregate.function().graphqlName() + "("), column(t, term.column()), Sql.raw(")"));
            return Sql.concat(Sql.raw("(SELECT "), value, Sql.raw(" FROM "), table(aggregate.remote()),
                    Sql.raw(" AS " + t + " WHERE "),
                    Sql.join(" AND ", visibleJoin(aggregate.relationship().columnMapping(), aggregate.remote(), row, t)),
                    Sql.raw(")"));
        }
        ResolvedRelationship rel = path.get(0);
        ResolvedTable remote = remoteOf(table, rel);
        String t = nextTable();
        return Sql.concat(Sql.raw("(SELECT "), orderExpression(remote, path.subList(1, path.size()), term, t),
                Sql.raw(" FROM "), table(remote), Sql.raw(" AS " + t + " WHERE "),
                Sql.join(" AND ", visibleJoin(rel.columnMapping(), remote, row, t)), Sql.raw(" LIMIT 1)"));
    }

    /** The join conditions of a relationship, and the role's select filter on the related rows. */
    private List<Sql> visibleJoin(Map<String, String> mapping, ResolvedTable remote, String parent, String child) {
        List<Sql> conditions = new ArrayList<>(joinConditions(mapping, parent, child));
        BoolExp filter = permissions.selectFilter(remote);
        if (!filter.equals(BoolExp.TRUE)) {
            conditions.add(condition(filter, child));
        }
        return conditions;
    }

    /** A `where` as a SQL condition on the row alias {@code row}. */
    Sql condition(BoolExp exp, String row) {
        return condition(exp, row, row);
    }

    /**
     * @param root the row of the permission the expression belongs to: what `["$", col]` column
     *             comparisons read (SPEC §10.1)
     */
    private Sql condition(BoolExp exp, String row, String root) {
        if (exp instanceof BoolExp.Junction junction) {
            return junction.terms().isEmpty() ? Sql.raw(Boolean.toString(junction.connective().identity()))
                    : junction(junction.terms(), " " + junction.connective().name() + " ", row, root);
        } else if (exp instanceof BoolExp.Not not) {
            return Sql.concat(Sql.raw("NOT "), condition(not.term(), row, root).parenthesized());
        } else if (exp instanceof BoolExp.Compare compare) {
            return comparison(column(row, compare.column()), SqlCompiler.castType(compare.column().type()),
                    compare.op(), compare.value());
        } else if (exp instanceof BoolExp.RedactedCompare redactedCompare) {
            BoolExp.Compare compare = redactedCompare.compare();
            return comparison(redacted(column(row, compare.column()), redactedCompare.shownWhen(), row),
                    SqlCompiler.castType(compare.column().type()), compare.op(), compare.value());
        } else if (exp instanceof BoolExp.CompareColumns compare) {
            return binary(column(row, compare.column()), SQL_OPERATORS.get(compare.op()),
                    column(compare.onRoot() ? root : row, compare.other()));
        } else if (exp instanceof BoolExp.AggregateCount count) {
            return aggregateCount(count, row, root);
        } else if (exp instanceof BoolExp.Permission permission) {
            return condition(permission.exp(), row, row);
        } else if (exp instanceof BoolExp.ExistsTable exists) {
            String t = nextTable();
            return Sql.concat(Sql.raw("EXISTS (SELECT 1 FROM "), table(exists.table()), Sql.raw(" AS " + t + " WHERE "),
                    condition(exists.where(), t, root), Sql.raw(")"));
        }
        BoolExp.Exists exists = (BoolExp.Exists) exp;
        String t = nextTable();
        List<Sql> conditions = new ArrayList<>(joinConditions(exists.relationship().columnMapping(), row, t));
        if (!exists.where().equals(BoolExp.TRUE)) {
            conditions.add(condition(exists.where(), t, root));
        }
        return Sql.concat(Sql.raw("EXISTS (SELECT 1 FROM "), table(exists.remote()), Sql.raw(" AS " + t + " WHERE "),
                Sql.join(" AND ", conditions), Sql.raw(")"));
    }

    /** `(SELECT count(...) FROM remote AS t WHERE join AND filter) = $1`, one comparison per predicate. */
    private Sql aggregateCount(BoolExp.AggregateCount count, String row, String root) {
        List<Sql> comparisons = new ArrayList<>();
        for (BoolExp.Predicate predicate : count.predicates()) {
            String t = nextTable();
            List<Sql> conditions = new ArrayList<>(joinConditions(count.relationship().columnMapping(), row, t));
            if (!count.filter().equals(BoolExp.TRUE)) {
                conditions.add(condition(count.filter(), t, root));
            }
            Sql counted = Sql.concat(Sql.raw("(SELECT "), count(new FieldIr.Count("", count.arguments(), count.distinct()), t),
                    Sql.raw(" FROM "), table(count.remote()), Sql.raw(" AS " + t + " WHERE "),
                    Sql.join(" AND ", conditions), Sql.raw(")"));
            comparisons.add(comparison(counted, "integer", predicate.op(), predicate.value()));
        }
        return comparisons.size() == 1 ? comparisons.get(0)
                : Sql.join(" AND ", comparisons.stream().map(Sql::parenthesized).toList());
    }

    private Sql junction(List<BoolExp> terms, String operator, String row, String root) {
        if (terms.size() == 1) {
            return condition(terms.get(0), row, root);
        }
        Sql joined = Sql.join(operator, terms.stream().map(t -> condition(t, row, root).parenthesized()).toList());
        // an OR is parenthesized as a whole so that ANDing it with join conditions keeps its meaning
        return operator.equals(" OR ") ? joined.parenthesized() : joined;
    }

    /**
     * `left op value`. The value's SQL type follows from the operator's operand: the compared
     * type itself (its array for `_in`/`_nin`), `text` or `text[]` for the jsonb key operators.
     */
    private static Sql comparison(Sql left, String type, ComparisonOperator op, Object value) {
        String operator = SQL_OPERATORS.get(op);
        return switch (op.operand()) {
            case BOOLEAN -> left.append(Boolean.TRUE.equals(value) ? " IS NULL" : " IS NOT NULL");
            case LIST -> Sql.concat(left, Sql.raw(" " + operator + "("), Sql.param(value, type + "[]"), Sql.raw(")"));
            case SAME -> binary(left, operator, Sql.param(value, type));
            case TEXT -> binary(left, operator, Sql.param(value, "text"));
            case TEXT_LIST -> binary(left, operator, Sql.param(value, "text[]"));
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

    static Sql column(String row, ResolvedColumn column) {
        return Sql.concat(Sql.raw(row + "."), Sql.ident(column.name()));
    }

    static Sql table(ResolvedTable table) {
        return Sql.qualified(table.name().schema(), table.name().name());
    }

    private ResolvedTable remoteOf(ResolvedTable table, ResolvedRelationship rel) {
        return model.table(rel.remoteTable()).orElseThrow(() -> new IllegalStateException(
                "relationship " + table.name() + "." + rel.name() + " points at an unknown table"));
    }
}
