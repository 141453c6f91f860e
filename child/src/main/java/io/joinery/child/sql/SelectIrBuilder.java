package io.joinery.child.sql;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.Value;
import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.child.metadata.ResolvedToAction;
import io.joinery.child.schema.AggregateFunction;
import io.joinery.child.schema.ComparisonOperator;
import io.joinery.child.schema.OrderDirection;
import io.joinery.child.schema.RootField;
import io.joinery.child.schema.TableGraphqlNames;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads normalized fields (graphql-java has merged fragments, applied `@skip`/`@include` and
 * coerced arguments) into {@link FieldIr}/{@link SelectIr}, checking what validation cannot:
 * null comparison values, negative `limit`/`offset`, `distinct_on` against `order_by`.
 * Error paths use field names, never aliases: `$.selectionSet.author.args.where.name._eq`.
 */
final class SelectIrBuilder {
    private static final String TYPENAME = "__typename";
    private static final String AGGREGATE_SUFFIX = "_aggregate";

    private final ResolvedModel model;
    private final RolePermissions permissions;
    private final BoolExpParser where;

    /**
     * @param permissions the role's: every table reference gets its select filter (AND-ed with the
     *                    client's `where`), list fields its row cap (SPEC §10.2)
     */
    SelectIrBuilder(ResolvedModel model, RolePermissions permissions) {
        this.model = model;
        this.permissions = permissions;
        this.where = new BoolExpParser(model, permissions);
    }

    /** The query's table fields and constants, in selection order. */
    List<FieldIr> rootFields(List<RootField> fields) {
        List<FieldIr> out = new ArrayList<>();
        for (RootField field : fields) {
            out.add(rootField(field));
        }
        return out;
    }

    private FieldIr rootField(RootField root) {
        ExecutableNormalizedField field = root.field();
        if (root instanceof RootField.Constant constant) {
            return new FieldIr.Constant(field.getResultKey(), constant.value());
        }
        if (!(root instanceof RootField.TableSelect select)) {
            throw new IllegalArgumentException("not a table or constant field: " + root);
        }
        ResolvedTable table = select.table();
        ErrorPath path = ErrorPath.root().key("selectionSet").key(field.getName());
        return switch (select.kind()) {
            case LIST -> new FieldIr.Nested(field.getResultKey(), Map.of(), select(table, field, path));
            case BY_PK -> new FieldIr.Nested(field.getResultKey(), Map.of(), byPk(table, field, path));
            case AGGREGATE -> new FieldIr.Aggregate(field.getResultKey(), Map.of(),
                    select(table, field, path, aggregateParts(table, field, path), false));
        };
    }

    /**
     * The selection of a relationship from rows that are not a table's (action outputs, SPEC §3.8):
     * object relationships select one row, array relationships take the five select arguments.
     */
    SelectIr relationshipSelect(ResolvedTable remote, boolean single, ExecutableNormalizedField field, ErrorPath path) {
        return single ? object(remote, field, path) : select(remote, field, path);
    }

    /** The `<rel>_aggregate` selection of rows reached through a relationship (see {@link #relationshipSelect}). */
    SelectIr aggregateSelect(ResolvedTable remote, ExecutableNormalizedField field, ErrorPath path) {
        return select(remote, field, path, aggregateParts(remote, field, path), false);
    }

    /** One row of {@code table} reached through an object relationship: only its select filter applies. */
    private SelectIr object(ResolvedTable table, ExecutableNormalizedField field, ErrorPath path) {
        return new SelectIr(table, true, fields(table, field, path), permissions.selectFilter(table), List.of(), List.of(),
                null, null);
    }

    private SelectIr byPk(ResolvedTable table, ExecutableNormalizedField field, ErrorPath path) {
        Map<String, Object> args = field.getResolvedArguments();
        List<BoolExp> keys = new ArrayList<>();
        for (String key : table.primaryKey()) {
            ResolvedColumn column = table.column(key).orElseThrow();
            keys.add(new BoolExp.Compare(column, ComparisonOperator.EQ,
                    BoolExpParser.text(args.get(key), column.type())));
        }
        keys.add(permissions.selectFilter(table));
        return new SelectIr(table, true, fields(table, field, path), BoolExp.and(keys), List.of(), List.of(),
                null, null);
    }

    /** A list selection with the five select arguments (root field or array relationship). */
    private SelectIr select(ResolvedTable table, ExecutableNormalizedField field, ErrorPath path) {
        return select(table, field, path, fields(table, field, path), true);
    }

    /**
     * Rows chosen by the five select arguments of {@code field} and the role's select filter,
     * answered with {@code fields}. {@code capped}: the permission's `limit` caps them (list
     * fields; an aggregate counts every permitted row, as Hasura does).
     */
    private SelectIr select(ResolvedTable table, ExecutableNormalizedField field, ErrorPath path, List<FieldIr> fields,
                            boolean capped) {
        Map<String, Object> args = field.getResolvedArguments();
        ErrorPath argsPath = path.key("args");
        BoolExp filter = BoolExp.and(List.of(permissions.selectFilter(table), args.get("where") instanceof Map<?, ?> exp
                ? where.parse(table, exp, argsPath.key("where")) : BoolExp.TRUE));
        List<OrderTerm> orderBy = args.get("order_by") instanceof List<?> list
                ? orderBy(table, list, astArgument(field, "order_by")) : List.of();
        List<ResolvedColumn> distinctOn = args.get("distinct_on") instanceof List<?> list
                ? distinctOn(table, list) : List.of();
        if (!distinctOn.isEmpty()) {
            orderBy = withDistinctPrefix(distinctOn, orderBy, argsPath.key("distinct_on"));
        }
        String limit = nonNegative(args.get("limit"), "limit", argsPath);
        Integer cap = capped ? permissions.selectLimit(table) : null;
        if (cap != null && (limit == null || Integer.parseInt(limit) > cap)) {
            limit = Integer.toString(cap);
        }
        return new SelectIr(table, false, fields, filter, orderBy, distinctOn, limit,
                nonNegative(args.get("offset"), "offset", argsPath));
    }

    List<FieldIr> fields(ResolvedTable table, ExecutableNormalizedField parent, ErrorPath path) {
        List<FieldIr> out = new ArrayList<>();
        for (ExecutableNormalizedField child : parent.getChildren()) {
            String name = child.getName();
            ErrorPath at = path.key("selectionSet").key(name);
            if (name.equals(TYPENAME)) {
                out.add(new FieldIr.Constant(child.getResultKey(), TableGraphqlNames.of(table).objectType()));
                continue;
            }
            ResolvedColumn column = table.column(name).orElse(null);
            if (column != null) {
                BoolExp shownWhen = permissions.redaction(table, column).orElse(null);
                out.add(shownWhen == null ? new FieldIr.Column(child.getResultKey(), column)
                        : new FieldIr.RedactedColumn(child.getResultKey(), column, shownWhen));
                continue;
            }
            ResolvedRelationship aggregated = arrayRelationshipOfAggregate(table, name);
            if (aggregated != null) {
                ResolvedTable remote = model.table(aggregated.remoteTable()).orElseThrow();
                out.add(new FieldIr.Aggregate(child.getResultKey(), aggregated.columnMapping(),
                        select(remote, child, at, aggregateParts(remote, child, at), false)));
                continue;
            }
            ResolvedToAction toAction = model.actions().joins().find(table.graphqlName(), name).orElse(null);
            if (toAction != null) {
                out.add(hiddenJoinColumns(child.getResultKey(), table, toAction));
                continue;
            }
            ResolvedRelationship rel = table.relationship(name).orElseThrow(() -> new JoineryException(
                    ErrorCode.VALIDATION_FAILED, "field '" + name + "' not found in type: '"
                    + table.graphqlName() + "'", at));
            ResolvedTable remote = model.table(rel.remoteTable()).orElseThrow();
            SelectIr nested = rel.kind() == ResolvedRelationship.Kind.OBJECT
                    ? object(remote, child, at) : select(remote, child, at);
            out.add(new FieldIr.Nested(child.getResultKey(), rel.columnMapping(), nested));
        }
        return out;
    }

    /**
     * A `to_action` relationship field (SPEC §12) in SQL: an object of the source columns its
     * arguments read, under the field's result key, which the join executor replaces with the
     * action's answer: `'stats', json_build_object('id', t0."id")`.
     */
    private static FieldIr hiddenJoinColumns(String key, ResolvedTable table, ResolvedToAction toAction) {
        List<FieldIr> columns = new ArrayList<>();
        toAction.lhsFields().forEach(c -> columns.add(new FieldIr.Column(c, table.column(c).orElseThrow())));
        return new FieldIr.Group(key, columns);
    }

    /** The array relationship `articles` when {@code name} is `articles_aggregate` and no column or relationship. */
    static ResolvedRelationship arrayRelationshipOfAggregate(ResolvedTable table, String name) {
        if (!name.endsWith(AGGREGATE_SUFFIX) || table.column(name).isPresent() || table.relationship(name).isPresent()) {
            return null;
        }
        return table.relationship(name.substring(0, name.length() - AGGREGATE_SUFFIX.length()))
                .filter(r -> r.kind() == ResolvedRelationship.Kind.ARRAY).orElse(null);
    }

    /** The keys of an `author_aggregate` object: `aggregate`, `nodes`, `__typename`. */
    private List<FieldIr> aggregateParts(ResolvedTable table, ExecutableNormalizedField field, ErrorPath path) {
        TableGraphqlNames names = TableGraphqlNames.of(table);
        List<FieldIr> out = new ArrayList<>();
        for (ExecutableNormalizedField child : field.getChildren()) {
            ErrorPath at = path.key("selectionSet").key(child.getName());
            switch (child.getName()) {
                case TYPENAME -> out.add(new FieldIr.Constant(child.getResultKey(), names.aggregateType()));
                case "nodes" -> out.add(new FieldIr.Nodes(child.getResultKey(), fields(table, child, at)));
                case "aggregate" -> out.add(new FieldIr.Group(child.getResultKey(), aggregateFunctions(table, child, at)));
                default -> throw notFound(child.getName(), names.aggregateType(), at);
            }
        }
        return out;
    }

    /** The keys of `aggregate { count(...) sum { col } ... }`. */
    private List<FieldIr> aggregateFunctions(ResolvedTable table, ExecutableNormalizedField field, ErrorPath path) {
        TableGraphqlNames names = TableGraphqlNames.of(table);
        List<FieldIr> out = new ArrayList<>();
        for (ExecutableNormalizedField child : field.getChildren()) {
            String name = child.getName();
            ErrorPath at = path.key("selectionSet").key(name);
            if (name.equals(TYPENAME)) {
                out.add(new FieldIr.Constant(child.getResultKey(), names.aggregateFields()));
            } else if (name.equals("count")) {
                Map<String, Object> args = child.getResolvedArguments();
                List<ResolvedColumn> columns = args.get("columns") instanceof List<?> list ? distinctOn(table, list) : List.of();
                Map<String, BoolExp> shownWhen = new java.util.HashMap<>();
                columns.forEach(c -> permissions.redaction(table, c).ifPresent(exp -> shownWhen.put(c.name(), exp)));
                out.add(new FieldIr.Count(child.getResultKey(), columns, Boolean.TRUE.equals(args.get("distinct")),
                        shownWhen));
            } else {
                AggregateFunction function = AggregateFunction.byGraphqlName(name)
                        .orElseThrow(() -> notFound(name, names.aggregateFields(), at));
                List<FieldIr> columns = new ArrayList<>();
                for (ExecutableNormalizedField leaf : child.getChildren()) {
                    if (leaf.getName().equals(TYPENAME)) {
                        columns.add(new FieldIr.Constant(leaf.getResultKey(), names.functionFields(function)));
                    } else {
                        ResolvedColumn column = table.column(leaf.getName()).orElseThrow(() -> notFound(leaf.getName(),
                                names.functionFields(function), at.key("selectionSet").key(leaf.getName())));
                        columns.add(new FieldIr.Aggregated(leaf.getResultKey(), function, column,
                                permissions.redaction(table, column).orElse(null)));
                    }
                }
                out.add(new FieldIr.Group(child.getResultKey(), columns));
            }
        }
        return out;
    }

    private static JoineryException notFound(String field, String type, ErrorPath path) {
        return new JoineryException(ErrorCode.VALIDATION_FAILED,
                "field '" + field + "' not found in type: '" + type + "'", path);
    }

    /**
     * The terms of `order_by`, list elements in order and keys of one object in the order the
     * query wrote them (SPEC §2.2). graphql-java's coerced maps follow the schema's field order, so
     * the literal ({@code written}, when the argument is not a variable) supplies the key order.
     */
    private List<OrderTerm> orderBy(ResolvedTable table, List<?> items, Value<?> written) {
        List<OrderTerm> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Value<?> item = written instanceof ArrayValue array && i < array.getValues().size() ? array.getValues().get(i)
                    : written instanceof ObjectValue && i == 0 ? written : null;
            orderTerms(table, List.of(), (Map<?, ?>) items.get(i), item, out);
        }
        return out;
    }

    private void orderTerms(ResolvedTable table, List<ResolvedRelationship> path, Map<?, ?> item, Value<?> written,
                            List<OrderTerm> out) {
        for (String key : keysAsWritten(item, written)) {
            Object value = item.get(key);
            if (value == null) {
                continue;
            }
            ResolvedColumn column = table.column(key).orElse(null);
            Value<?> nested = written instanceof ObjectValue object ? object.getObjectFields().stream()
                    .filter(f -> f.getName().equals(key)).map(ObjectField::getValue).findFirst().orElse(null) : null;
            ResolvedRelationship aggregated = arrayRelationshipOfAggregate(table, key);
            if (column != null) {
                out.add(new OrderTerm(path, column, direction(value)));
            } else if (aggregated != null) {
                aggregateOrderTerms(path, aggregated, (Map<?, ?>) value, nested, out);
            } else {
                ResolvedRelationship rel = table.relationship(key).orElseThrow();
                List<ResolvedRelationship> deeper = new ArrayList<>(path);
                deeper.add(rel);
                orderTerms(model.table(rel.remoteTable()).orElseThrow(), deeper, (Map<?, ?>) value, nested, out);
            }
        }
    }

    /** `articles_aggregate: {count: asc, max: {rating: desc}}`, keys in written order. */
    private void aggregateOrderTerms(List<ResolvedRelationship> path, ResolvedRelationship rel, Map<?, ?> item,
                                     Value<?> written, List<OrderTerm> out) {
        ResolvedTable remote = model.table(rel.remoteTable()).orElseThrow();
        for (String key : keysAsWritten(item, written)) {
            Object value = item.get(key);
            if (value == null) {
                continue;
            }
            if (key.equals("count")) {
                out.add(new OrderTerm(path, null, direction(value), new OrderTerm.ArrayAggregate(rel, remote, null)));
                continue;
            }
            AggregateFunction function = AggregateFunction.byGraphqlName(key).orElseThrow();
            Value<?> nested = written instanceof ObjectValue object ? object.getObjectFields().stream()
                    .filter(f -> f.getName().equals(key)).map(ObjectField::getValue).findFirst().orElse(null) : null;
            Map<?, ?> columns = (Map<?, ?>) value;
            for (String name : keysAsWritten(columns, nested)) {
                if (columns.get(name) != null) {
                    out.add(new OrderTerm(path, remote.column(name).orElseThrow(), direction(columns.get(name)),
                            new OrderTerm.ArrayAggregate(rel, remote, function)));
                }
            }
        }
    }

    private static OrderDirection direction(Object value) {
        return OrderDirection.byGraphqlName((String) value).orElseThrow();
    }

    /** The map's keys: first those the literal names, in its order, then any others (from variables). */
    private static List<String> keysAsWritten(Map<?, ?> item, Value<?> written) {
        Set<String> keys = new LinkedHashSet<>();
        if (written instanceof ObjectValue object) {
            object.getObjectFields().stream().map(ObjectField::getName).filter(item::containsKey).forEach(keys::add);
        }
        item.keySet().forEach(k -> keys.add((String) k));
        return List.copyOf(keys);
    }

    private static Value<?> astArgument(ExecutableNormalizedField field, String name) {
        return field.getAstArguments().stream().filter(a -> a.getName().equals(name)).map(Argument::getValue)
                .findFirst().orElse(null);
    }

    private static List<ResolvedColumn> distinctOn(ResolvedTable table, List<?> names) {
        Set<ResolvedColumn> columns = new LinkedHashSet<>();
        names.forEach(n -> columns.add(table.column((String) n).orElseThrow()));
        return List.copyOf(columns);
    }

    /**
     * DISTINCT ON needs ORDER BY to start with the same columns: absent order_by orders by them
     * (ascending); otherwise its first terms must be exactly those columns, in any order.
     */
    private static List<OrderTerm> withDistinctPrefix(List<ResolvedColumn> distinctOn, List<OrderTerm> orderBy,
                                                      ErrorPath path) {
        if (orderBy.isEmpty()) {
            return distinctOn.stream().map(c -> new OrderTerm(List.of(), c, OrderDirection.ASC)).toList();
        }
        Set<ResolvedColumn> prefix = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(distinctOn.size(), orderBy.size()); i++) {
            OrderTerm term = orderBy.get(i);
            if (term.isOwnColumn()) {
                prefix.add(term.column());
            }
        }
        if (orderBy.size() < distinctOn.size() || !prefix.equals(new LinkedHashSet<>(distinctOn))) {
            throw new JoineryException(ErrorCode.VALIDATION_FAILED,
                    "\"distinct_on\" columns must match initial \"order_by\" columns", path);
        }
        return orderBy;
    }

    private static String nonNegative(Object value, String argument, ErrorPath argsPath) {
        if (value == null) {
            return null;
        }
        int n = ((Number) value).intValue();
        if (n < 0) {
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, "expected a non-negative integer for argument '"
                    + argument + "', but found " + n, argsPath.key(argument));
        }
        return Integer.toString(n);
    }
}
