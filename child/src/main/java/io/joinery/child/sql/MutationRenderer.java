package io.joinery.child.sql;

import io.joinery.child.schema.ColumnModel;
import io.joinery.child.schema.SchemaModel;
import io.joinery.child.schema.TableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders one {@link MutationIr} as ONE statement: the write is a data-modifying CTE `m0` whose
 * `RETURNING *` rows the answer is built from, as JSON, in the same statement.
 * <pre>
 * WITH m0 AS (INSERT INTO "public"."author" AS t0 ("name") VALUES (($1)::text), (DEFAULT) RETURNING *)
 * SELECT json_build_object('affected_rows', (SELECT count(*) FROM m0),
 *                          'returning', (SELECT coalesce(json_agg(json_build_object('id', t1."id")), '[]') FROM m0 AS t1)) AS data
 * </pre>
 * Relationships under `returning` join the written rows to the tables as they were before this
 * statement (one snapshot per statement): they see earlier mutation fields of the request, not
 * other rows this same field wrote.
 */
final class MutationRenderer {
    private static final String WRITTEN = "m0";

    private final SelectRenderer select;

    MutationRenderer(SchemaModel model) {
        this.select = new SelectRenderer(model);
    }

    SqlStatement render(MutationIr mutation) {
        Sql write = write(mutation.table(), mutation.write());
        return Sql.concat(Sql.raw("WITH " + WRITTEN + " AS ("), write, Sql.raw(") SELECT "), output(mutation.output()),
                Sql.raw(" AS data")).toStatement();
    }

    private Sql write(TableModel table, MutationIr.Write write) {
        String t = select.nextTable();
        Sql target = Sql.concat(SelectRenderer.table(table), Sql.raw(" AS " + t));
        if (write instanceof MutationIr.Insert insert) {
            return insert(table, target, t, insert);
        } else if (write instanceof MutationIr.Update update) {
            Sql where = Sql.concat(Sql.raw(" WHERE "), select.condition(update.where(), t));
            List<Sql> assignments = new ArrayList<>();
            for (MutationIr.Assignment set : update.set()) {
                assignments.add(Sql.concat(Sql.ident(set.column().name()), Sql.raw(" = "), value(set.column(), set.value())));
            }
            for (MutationIr.Assignment inc : update.inc()) {
                assignments.add(Sql.concat(Sql.ident(inc.column().name()), Sql.raw(" = "),
                        SelectRenderer.column(t, inc.column()), Sql.raw(" + "), value(inc.column(), inc.value())));
            }
            if (assignments.isEmpty()) {
                // nothing to set: the matching rows are the answer, nothing is written
                return Sql.concat(Sql.raw("SELECT * FROM "), target, where);
            }
            return Sql.concat(Sql.raw("UPDATE "), target, Sql.raw(" SET "), Sql.join(", ", assignments), where,
                    Sql.raw(" RETURNING *"));
        }
        MutationIr.Delete delete = (MutationIr.Delete) write;
        return Sql.concat(Sql.raw("DELETE FROM "), target, Sql.raw(" WHERE "), select.condition(delete.where(), t),
                Sql.raw(" RETURNING *"));
    }

    private Sql insert(TableModel table, Sql target, String t, MutationIr.Insert insert) {
        if (insert.rows().isEmpty()) {
            return Sql.concat(Sql.raw("SELECT * FROM "), target, Sql.raw(" WHERE false"));
        }
        List<ColumnModel> columns = insert.columns().isEmpty() ? List.of(table.columns().get(0)) : insert.columns();
        List<Sql> rows = new ArrayList<>();
        for (Map<String, Object> row : insert.rows()) {
            List<Sql> values = new ArrayList<>();
            for (ColumnModel column : columns) {
                values.add(row.containsKey(column.name()) ? value(column, row.get(column.name())) : Sql.raw("DEFAULT"));
            }
            rows.add(Sql.join(", ", values).parenthesized());
        }
        Sql conflict = Sql.raw("");
        MutationIr.OnConflict onConflict = insert.onConflict();
        if (onConflict != null) {
            conflict = Sql.concat(Sql.raw(" ON CONFLICT ON CONSTRAINT "), Sql.ident(onConflict.constraint()));
            if (onConflict.updateColumns().isEmpty()) {
                conflict = conflict.append(" DO NOTHING");
            } else {
                List<Sql> sets = onConflict.updateColumns().stream().map(c -> Sql.concat(Sql.ident(c.name()),
                        Sql.raw(" = EXCLUDED."), Sql.ident(c.name()))).toList();
                conflict = Sql.concat(conflict, Sql.raw(" DO UPDATE SET "), Sql.join(", ", sets));
                if (!onConflict.where().equals(BoolExp.TRUE)) {
                    conflict = Sql.concat(conflict, Sql.raw(" WHERE "), select.condition(onConflict.where(), t));
                }
            }
        }
        return Sql.concat(Sql.raw("INSERT INTO "), target, Sql.raw(" ("),
                Sql.join(", ", columns.stream().map(c -> Sql.ident(c.name())).toList()), Sql.raw(") VALUES "),
                Sql.join(", ", rows), conflict, Sql.raw(" RETURNING *"));
    }

    private static Sql value(ColumnModel column, Object text) {
        return Sql.param(text, SqlCompiler.castType(column.type()));
    }

    private Sql output(MutationIr.Output output) {
        if (output instanceof MutationIr.Single single) {
            String t = select.nextTable();
            return Sql.concat(Sql.raw("(SELECT "), select.object(single.fields(), t),
                    Sql.raw(" FROM " + WRITTEN + " AS " + t + " LIMIT 1)"));
        }
        List<Sql> pairs = new ArrayList<>();
        for (MutationIr.ResponseField field : ((MutationIr.Response) output).fields()) {
            Sql value;
            if (field instanceof MutationIr.AffectedRows) {
                value = Sql.raw("(SELECT count(*) FROM " + WRITTEN + ")");
            } else if (field instanceof MutationIr.Returning returning) {
                String t = select.nextTable();
                value = Sql.concat(Sql.raw("(SELECT coalesce(json_agg("), select.object(returning.fields(), t),
                        Sql.raw("), '[]') FROM " + WRITTEN + " AS " + t + ")"));
            } else {
                value = Sql.text(((MutationIr.Typename) field).value());
            }
            pairs.add(Sql.concat(Sql.key(field.key()), Sql.raw(", "), value));
        }
        return Sql.concat(Sql.raw("json_build_object("), Sql.join(", ", pairs), Sql.raw(")"));
    }
}
