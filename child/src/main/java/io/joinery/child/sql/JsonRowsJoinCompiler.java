package io.joinery.child.sql;

import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.core.error.ErrorPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins rows given as JSON (an action's output, SPEC §3.8) with tables in ONE statement. The rows
 * of every relationship field arrive in ONE jsonb parameter, `{"r0": [{"__argument_id__": 0,
 * "author_id": 7}, ...], "r1": [...]}`, and each relationship field's selection (nested table
 * relationships, array arguments) compiles exactly as a table relationship would:
 *
 * <pre>
 * WITH j AS (SELECT ($1)::jsonb AS v)
 * SELECT json_build_object('r0', (SELECT coalesce(json_agg(json_build_object('i', a0."__argument_id__",
 *          'v', (SELECT json_build_object('name', t0."name") FROM "public"."author" AS t0
 *                WHERE t0."id" = a0."author_id" LIMIT 1))), '[]')
 *        FROM j CROSS JOIN LATERAL jsonb_to_recordset(j.v -> 'r0') AS a0("__argument_id__" integer, "author_id" integer))
 * ) AS data
 * </pre>
 * The result is `{"r0": [{"i": 0, "v": ...}, ...], ...}`. Join values are read as the column's type
 * (`"7"` and `7` both match an `int` column; an uncastable value fails the statement).
 */
public final class JsonRowsJoinCompiler {
    /** The JSON key of a row's position in its relationship's list. */
    public static final String ROW_ID = "__argument_id__";

    private final SqlCompiler compiler;

    /**
     * One relationship field (at one place in the selection) to fill for some rows.
     *
     * @param key          `r0`, `r1`, ...: the rows' key in the parameter and the result's key
     * @param single       object relationship (one row or null) rather than array
     * @param aggregate    a `<rel>_aggregate` field of an array relationship
     * @param field        the relationship field as the client selected it
     * @param fieldToColumn output field of the rows -> column of {@code remote}
     */
    public record Join(String key, ResolvedTable remote, boolean single, boolean aggregate, ExecutableNormalizedField field,
                       ErrorPath path, Map<String, String> fieldToColumn) {
        public Join {
            fieldToColumn = Collections.unmodifiableMap(new LinkedHashMap<>(fieldToColumn));
        }
    }

    public JsonRowsJoinCompiler(ResolvedModel model) {
        this(new SqlCompiler(model));
    }

    /** Joins compiled with {@code compiler}'s role permissions and session (SPEC §10.2: the role's select filters). */
    public JsonRowsJoinCompiler(SqlCompiler compiler) {
        this.compiler = compiler;
    }

    /** @param rowsJson the JSON object of rows by join key (`{"r0": [...], ...}`) */
    public SqlStatement compile(String rowsJson, List<Join> joins) {
        List<String> parents = new ArrayList<>();
        for (int i = 0; i < joins.size(); i++) {
            parents.add("a" + i);
        }
        List<Sql> selects = compiler.renderCorrelated(joins, parents);
        List<Sql> pairs = new ArrayList<>();
        for (int i = 0; i < joins.size(); i++) {
            Join join = joins.get(i);
            String a = parents.get(i);
            List<Sql> columns = new ArrayList<>();
            columns.add(Sql.concat(Sql.ident(ROW_ID), Sql.raw(" integer")));
            join.fieldToColumn().forEach((field, column) -> columns.add(Sql.concat(Sql.ident(field), Sql.raw(" "
                    + SqlCompiler.castType(join.remote().column(column).orElseThrow().type())))));
            Sql rows = Sql.concat(Sql.raw("(SELECT coalesce(json_agg(json_build_object('i', " + a + "."),
                    Sql.ident(ROW_ID), Sql.raw(", 'v', "), selects.get(i), Sql.raw(")), '[]') FROM j CROSS JOIN LATERAL "
                            + "jsonb_to_recordset(j.v -> "), Sql.key(join.key()), Sql.raw(") AS " + a + "("),
                    Sql.join(", ", columns), Sql.raw("))"));
            pairs.add(Sql.concat(Sql.key(join.key()), Sql.raw(", "), rows));
        }
        return compiler.bind(Sql.concat(Sql.raw("WITH j AS (SELECT "), Sql.param(rowsJson, "jsonb"),
                Sql.raw(" AS v) SELECT json_build_object("), Sql.join(", ", pairs), Sql.raw(") AS data")));
    }
}
