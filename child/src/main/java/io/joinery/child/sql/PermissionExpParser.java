package io.joinery.child.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.child.schema.ComparisonOperator;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles a permission's boolean expression (`filter`, `check`: JSON as declared in metadata,
 * SPEC §10.1) into a {@link BoolExp}: the `where` language plus what only permissions have.
 * <ul>
 *   <li>a string value beginning with `x-hasura-` (any case) is a {@link BoolExp.SessionVariable};</li>
 *   <li>column comparisons `_ceq _cne _cgt _clt _cgte _clte` with a column name, `["col"]`, or
 *       `["$", "col"]` for the permission's own table;</li>
 *   <li>`_exists {_table, _where}` over any tracked table;</li>
 *   <li>Hasura's `$`-spellings of every key (`$eq`, `$and`, `$exists`, `$cgt`, ...);</li>
 *   <li>`{"col": value}` as `{"col": {"_eq": value}}`.</li>
 * </ul>
 * It is also metadata's {@link io.joinery.child.metadata.PermissionCheck} ({@link #check}): what
 * does not compile is refused with `validation-failed` at its key.
 */
public final class PermissionExpParser {
    private static final Map<String, ComparisonOperator> COLUMN_OPERATORS = Map.of(
            "_ceq", ComparisonOperator.EQ, "_cne", ComparisonOperator.NEQ, "_cgt", ComparisonOperator.GT,
            "_clt", ComparisonOperator.LT, "_cgte", ComparisonOperator.GTE, "_clte", ComparisonOperator.LTE);

    private final ResolvedModel model;
    private final ResolvedTable root;

    private PermissionExpParser(ResolvedModel model, ResolvedTable root) {
        this.model = model;
        this.root = root;
    }

    /** {@code exp} on rows of {@code table} as a {@link BoolExp}. */
    public static BoolExp parse(ResolvedModel model, ResolvedTable table, JsonNode exp, ErrorPath at) {
        return new PermissionExpParser(model, table).exp(table, exp, at);
    }

    /** The {@link io.joinery.child.metadata.PermissionCheck} of metadata: parses and discards. */
    public static void check(ResolvedModel model, ResolvedTable table, JsonNode exp, ErrorPath at) {
        parse(model, table, exp, at);
    }

    /** `_eq` for `$eq`, `_and` for `$and`: one spelling for the rest of the parser. */
    private static String canonical(String key) {
        return key.startsWith("$") ? "_" + key.substring(1) : key;
    }

    private BoolExp exp(ResolvedTable table, JsonNode exp, ErrorPath at) {
        if (exp == null || !exp.isObject()) {
            throw invalid("expected an object, but found " + describe(exp), at);
        }
        List<BoolExp> terms = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = exp.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = canonical(entry.getKey());
            JsonNode value = entry.getValue();
            ErrorPath path = at.key(entry.getKey());
            switch (key) {
                case "_and" -> terms.add(new BoolExp.Junction(BoolExp.Connective.AND, all(table, value, path)));
                case "_or" -> terms.add(new BoolExp.Junction(BoolExp.Connective.OR, all(table, value, path)));
                case "_not" -> terms.add(new BoolExp.Not(exp(table, value, path)));
                case "_exists" -> terms.add(exists(value, path));
                default -> terms.add(field(table, entry.getKey(), value, path));
            }
        }
        return BoolExp.and(terms);
    }

    private List<BoolExp> all(ResolvedTable table, JsonNode list, ErrorPath at) {
        if (list.isObject()) {
            return List.of(exp(table, list, at));
        }
        if (!list.isArray()) {
            throw invalid("expected an array, but found " + describe(list), at);
        }
        List<BoolExp> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(exp(table, list.get(i), at.index(i)));
        }
        return out;
    }

    private BoolExp exists(JsonNode value, ErrorPath at) {
        if (value == null || !value.isObject() || !value.has("_table")) {
            throw invalid("expected an object with \"_table\" and \"_where\"", at);
        }
        QualifiedTable name = QualifiedTable.parse(value.get("_table"), at.key("_table"));
        ResolvedTable table = model.table(name).orElseThrow(() -> invalid("table \"" + name.displayName()
                + "\" is not tracked", at.key("_table")));
        JsonNode where = value.has("_where") ? value.get("_where") : Json.object();
        return new BoolExp.ExistsTable(table, exp(table, where, at.key("_where")));
    }

    private BoolExp field(ResolvedTable table, String key, JsonNode value, ErrorPath at) {
        ResolvedColumn column = table.column(key).orElse(null);
        if (column != null) {
            return comparisons(table, column, value, at);
        }
        ResolvedRelationship rel = table.relationship(key).orElseThrow(() -> invalid("column or relationship \""
                + key + "\" does not exist in table \"" + table.name().displayName() + "\"", at));
        ResolvedTable remote = model.table(rel.remoteTable()).orElseThrow();
        return new BoolExp.Exists(rel, remote, exp(remote, value, at));
    }

    private BoolExp comparisons(ResolvedTable table, ResolvedColumn column, JsonNode ops, ErrorPath at) {
        if (!ops.isObject()) {
            return new BoolExp.Compare(column, ComparisonOperator.EQ, operand(column, ComparisonOperator.EQ, ops, at));
        }
        List<BoolExp> terms = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ops.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = canonical(entry.getKey());
            ErrorPath path = at.key(entry.getKey());
            ComparisonOperator columnOp = COLUMN_OPERATORS.get(name);
            if (columnOp != null) {
                terms.add(columnComparison(table, column, columnOp, entry.getValue(), path));
                continue;
            }
            ComparisonOperator op = ComparisonOperator.byGraphqlName(name)
                    .filter(o -> ComparisonOperator.forType(column.type()).contains(o))
                    .orElseThrow(() -> invalid("operator \"" + entry.getKey() + "\" does not apply to column \""
                            + column.name() + "\" of type " + column.type().sqlName(), path));
            terms.add(new BoolExp.Compare(column, op, operand(column, op, entry.getValue(), path)));
        }
        return BoolExp.and(terms);
    }

    private BoolExp columnComparison(ResolvedTable table, ResolvedColumn column, ComparisonOperator op, JsonNode value,
                                     ErrorPath at) {
        boolean onRoot = false;
        String name;
        if (value.isTextual()) {
            name = value.asText();
        } else if (value.isArray() && value.size() == 1 && value.get(0).isTextual()) {
            name = value.get(0).asText();
        } else if (value.isArray() && value.size() == 2 && value.get(0).asText().equals("$") && value.get(1).isTextual()) {
            name = value.get(1).asText();
            onRoot = true;
        } else {
            throw invalid("expected a column name, [\"column\"] or [\"$\", \"column\"]", at);
        }
        ResolvedTable of = onRoot ? root : table;
        ResolvedColumn other = of.column(name).orElseThrow(() -> invalid("column \"" + name
                + "\" does not exist in table \"" + of.name().displayName() + "\"", at));
        return new BoolExp.CompareColumns(column, op, other, onRoot);
    }

    /** A literal as the text Postgres casts, or a session variable; never null (Hasura refuses null operands). */
    private static Object operand(ResolvedColumn column, ComparisonOperator op, JsonNode value, ErrorPath at) {
        if (value == null || value.isNull()) {
            throw invalid("expected a value for operator \"" + op.graphqlName() + "\", but found null", at);
        }
        BoolExp.SessionVariable variable = sessionVariable(value);
        if (variable != null) {
            return variable;
        }
        return switch (op.operand()) {
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw invalid("expected a boolean, but found " + describe(value), at);
                }
                yield value.booleanValue();
            }
            case LIST, TEXT_LIST -> {
                if (!value.isArray()) {
                    throw invalid("expected an array, but found " + describe(value), at);
                }
                List<Object> items = new ArrayList<>();
                for (JsonNode item : value) {
                    BoolExp.SessionVariable v = sessionVariable(item);
                    items.add(v != null ? v : op.operand() == ComparisonOperator.Operand.LIST
                            ? BoolExpParser.text(Json.MAPPER.convertValue(item, Object.class), column.type())
                            : item.asText());
                }
                yield items;
            }
            case TEXT -> value.asText();
            case SAME -> BoolExpParser.text(Json.MAPPER.convertValue(value, Object.class), column.type());
        };
    }

    /** `"X-Hasura-User-Id"` as a session variable; any other value is a literal. */
    static BoolExp.SessionVariable sessionVariable(JsonNode value) {
        if (value != null && value.isTextual() && value.asText().toLowerCase(Locale.ROOT).startsWith("x-hasura-")) {
            return new BoolExp.SessionVariable(value.asText().toLowerCase(Locale.ROOT));
        }
        return null;
    }

    private static String describe(JsonNode value) {
        return value == null || value.isNull() ? "null" : value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static JoineryException invalid(String message, ErrorPath at) {
        return new JoineryException(ErrorCode.VALIDATION_FAILED, message, at);
    }
}
