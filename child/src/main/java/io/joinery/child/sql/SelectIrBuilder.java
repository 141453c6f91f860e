package io.joinery.child.sql;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.Value;
import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.schema.ColumnModel;
import io.joinery.child.schema.ComparisonOperator;
import io.joinery.child.schema.OrderDirection;
import io.joinery.child.schema.RelationshipModel;
import io.joinery.child.schema.SchemaModel;
import io.joinery.child.schema.TableModel;
import io.joinery.child.schema.TableNames;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayList;
import java.util.HashMap;
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

    private final SchemaModel model;
    private final BoolExpParser where;
    private final Map<String, TableModel> selectRoots = new HashMap<>();
    private final Map<String, TableModel> byPkRoots = new HashMap<>();

    SelectIrBuilder(SchemaModel model) {
        this.model = model;
        this.where = new BoolExpParser(model);
        for (TableModel table : model.tables().values()) {
            TableNames names = TableNames.of(table);
            selectRoots.put(names.selectField(), table);
            if (!table.primaryKey().isEmpty()) {
                byPkRoots.put(names.byPkField(), table);
            }
        }
    }

    List<FieldIr> rootFields(List<ExecutableNormalizedField> fields) {
        List<FieldIr> out = new ArrayList<>();
        for (ExecutableNormalizedField field : fields) {
            out.add(rootField(field));
        }
        return out;
    }

    private FieldIr rootField(ExecutableNormalizedField field) {
        String name = field.getName();
        ErrorPath path = ErrorPath.root().key("selectionSet").key(name);
        if (name.equals(TYPENAME)) {
            return new FieldIr.Constant(field.getResultKey(), ChildSchemaBuilder.QUERY_ROOT);
        } else if (name.equals(ChildSchemaBuilder.NO_QUERIES_FIELD)) {
            return new FieldIr.Constant(field.getResultKey(), ChildSchemaBuilder.NO_QUERIES_MESSAGE);
        } else if (selectRoots.containsKey(name)) {
            return new FieldIr.Nested(field.getResultKey(), Map.of(), select(selectRoots.get(name), field, path));
        } else if (byPkRoots.containsKey(name)) {
            return new FieldIr.Nested(field.getResultKey(), Map.of(), byPk(byPkRoots.get(name), field, path));
        }
        throw new JoineryException(ErrorCode.VALIDATION_FAILED,
                "field '" + name + "' not found in type: '" + ChildSchemaBuilder.QUERY_ROOT + "'", path);
    }

    /**
     * The selection of a relationship from rows that are not a table's (action outputs, SPEC §3.8):
     * object relationships select one row, array relationships take the five select arguments.
     */
    SelectIr relationshipSelect(TableModel remote, boolean single, ExecutableNormalizedField field, ErrorPath path) {
        return single
                ? new SelectIr(remote, true, fields(remote, field, path), BoolExp.TRUE, List.of(), List.of(), null, null)
                : select(remote, field, path);
    }

    private SelectIr byPk(TableModel table, ExecutableNormalizedField field, ErrorPath path) {
        Map<String, Object> args = field.getResolvedArguments();
        List<BoolExp> keys = new ArrayList<>();
        for (String key : table.primaryKey()) {
            ColumnModel column = table.column(key).orElseThrow();
            keys.add(new BoolExp.Compare(column, ComparisonOperator.EQ,
                    BoolExpParser.text(args.get(key), column.type())));
        }
        return new SelectIr(table, true, fields(table, field, path), BoolExp.and(keys), List.of(), List.of(),
                null, null);
    }

    /** A list selection with the five select arguments (root field or array relationship). */
    private SelectIr select(TableModel table, ExecutableNormalizedField field, ErrorPath path) {
        Map<String, Object> args = field.getResolvedArguments();
        ErrorPath argsPath = path.key("args");
        BoolExp filter = args.get("where") instanceof Map<?, ?> exp
                ? where.parse(table, exp, argsPath.key("where")) : BoolExp.TRUE;
        List<OrderTerm> orderBy = args.get("order_by") instanceof List<?> list
                ? orderBy(table, list, astArgument(field, "order_by")) : List.of();
        List<ColumnModel> distinctOn = args.get("distinct_on") instanceof List<?> list
                ? distinctOn(table, list) : List.of();
        if (!distinctOn.isEmpty()) {
            orderBy = withDistinctPrefix(distinctOn, orderBy, argsPath.key("distinct_on"));
        }
        return new SelectIr(table, false, fields(table, field, path), filter, orderBy, distinctOn,
                nonNegative(args.get("limit"), "limit", argsPath), nonNegative(args.get("offset"), "offset", argsPath));
    }

    private List<FieldIr> fields(TableModel table, ExecutableNormalizedField parent, ErrorPath path) {
        List<FieldIr> out = new ArrayList<>();
        for (ExecutableNormalizedField child : parent.getChildren()) {
            String name = child.getName();
            ErrorPath at = path.key("selectionSet").key(name);
            if (name.equals(TYPENAME)) {
                out.add(new FieldIr.Constant(child.getResultKey(), TableNames.of(table).objectType()));
                continue;
            }
            ColumnModel column = table.column(name).orElse(null);
            if (column != null) {
                out.add(new FieldIr.Column(child.getResultKey(), column));
                continue;
            }
            RelationshipModel rel = table.relationship(name).orElseThrow(() -> new JoineryException(
                    ErrorCode.VALIDATION_FAILED, "field '" + name + "' not found in type: '"
                    + table.graphqlName() + "'", at));
            TableModel remote = model.table(rel.remoteTable()).orElseThrow();
            SelectIr nested = rel.kind() == RelationshipModel.Kind.OBJECT
                    ? new SelectIr(remote, true, fields(remote, child, at), BoolExp.TRUE, List.of(), List.of(), null, null)
                    : select(remote, child, at);
            out.add(new FieldIr.Nested(child.getResultKey(), rel.columnMapping(), nested));
        }
        return out;
    }

    /**
     * The terms of `order_by`, list elements in order and keys of one object in the order the
     * query wrote them (SPEC §2.2). graphql-java's coerced maps follow the schema's field order, so
     * the literal ({@code written}, when the argument is not a variable) supplies the key order.
     */
    private List<OrderTerm> orderBy(TableModel table, List<?> items, Value<?> written) {
        List<OrderTerm> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Value<?> item = written instanceof ArrayValue array && i < array.getValues().size() ? array.getValues().get(i)
                    : written instanceof ObjectValue && i == 0 ? written : null;
            orderTerms(table, List.of(), (Map<?, ?>) items.get(i), item, out);
        }
        return out;
    }

    private void orderTerms(TableModel table, List<RelationshipModel> path, Map<?, ?> item, Value<?> written,
                            List<OrderTerm> out) {
        for (String key : keysAsWritten(item, written)) {
            Object value = item.get(key);
            if (value == null) {
                continue;
            }
            ColumnModel column = table.column(key).orElse(null);
            if (column != null) {
                out.add(new OrderTerm(path, column, OrderDirection.byGraphqlName((String) value).orElseThrow()));
            } else {
                RelationshipModel rel = table.relationship(key).orElseThrow();
                List<RelationshipModel> deeper = new ArrayList<>(path);
                deeper.add(rel);
                Value<?> nested = written instanceof ObjectValue object ? object.getObjectFields().stream()
                        .filter(f -> f.getName().equals(key)).map(ObjectField::getValue).findFirst().orElse(null) : null;
                orderTerms(model.table(rel.remoteTable()).orElseThrow(), deeper, (Map<?, ?>) value, nested, out);
            }
        }
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

    private static List<ColumnModel> distinctOn(TableModel table, List<?> names) {
        Set<ColumnModel> columns = new LinkedHashSet<>();
        names.forEach(n -> columns.add(table.column((String) n).orElseThrow()));
        return List.copyOf(columns);
    }

    /**
     * DISTINCT ON needs ORDER BY to start with the same columns: absent order_by orders by them
     * (ascending); otherwise its first terms must be exactly those columns, in any order.
     */
    private static List<OrderTerm> withDistinctPrefix(List<ColumnModel> distinctOn, List<OrderTerm> orderBy,
                                                      ErrorPath path) {
        if (orderBy.isEmpty()) {
            return distinctOn.stream().map(c -> new OrderTerm(List.of(), c, OrderDirection.ASC)).toList();
        }
        Set<ColumnModel> prefix = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(distinctOn.size(), orderBy.size()); i++) {
            OrderTerm term = orderBy.get(i);
            if (term.path().isEmpty()) {
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
