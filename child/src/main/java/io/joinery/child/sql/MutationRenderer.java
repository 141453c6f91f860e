package io.joinery.child.sql;

import io.joinery.child.db.PgErrors;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders one {@link MutationIr}. The write is a data-modifying CTE `m0` (its `RETURNING *` rows
 * are the field's rows); when the answer selects no relationship, the answer is built from `m0`
 * as JSON in the same statement:
 * <pre>
 * WITH m0 AS (INSERT INTO "public"."author" AS t0 ("name") VALUES (($1)::text), (DEFAULT) RETURNING *)
 * SELECT json_build_object('affected_rows', (SELECT count(*) FROM m0),
 *                          'returning', (SELECT coalesce(json_agg(json_build_object('id', t1."id")), '[]') FROM m0 AS t1)) AS data
 * </pre>
 * All CTEs of a statement see the tables as they were before it (one snapshot), so an answer that
 * follows relationships takes a second statement in the same transaction, as Hasura does: the
 * write returns `affected_rows` and the rows as JSON text, and the answer reads them back with
 * `json_populate_recordset` ($1 rows, $2 affected_rows) while relationships see every write.
 * <p>
 * Nested inserts chain CTEs `w0, w1, ...` per object: a row an object relationship points at is
 * inserted first and referenced as `(SELECT "id" FROM w0)`; array relationship rows follow, their
 * mapped columns read from the parent's CTE. `m0` is then the union of the top-level rows and
 * `affected_rows` counts every CTE.
 */
final class MutationRenderer {
    private static final String WRITTEN = "m0";

    private final ResolvedModel model;
    private final SelectRenderer select;
    private final List<Sql> ctes = new ArrayList<>();
    private final List<String> cteNames = new ArrayList<>();
    private final List<String> guards = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();

    private final RolePermissions permissions;

    /** Renders without reading any session (see {@link SelectRenderer}); {@link SqlCompiler} binds it. */
    MutationRenderer(ResolvedModel model, RolePermissions permissions) {
        this.model = model;
        this.permissions = permissions;
        this.select = new SelectRenderer(model, permissions);
    }

    /** Renders the write and, when the answer follows relationships, the answer's template. */
    SqlCompiler.MutationTemplate render(MutationIr mutation) {
        Sql affected = write(mutation.table(), mutation.write());
        List<Sql> all = new ArrayList<>(ctes);
        Sql with = Sql.concat(Sql.raw("WITH "), Sql.join(", ", all));
        if (!followsRelationships(mutation.output())) {
            Sql statement = Sql.concat(with, Sql.raw(" SELECT "), output(select, mutation.output(), affected),
                    Sql.raw(" AS data"), checked());
            return new SqlCompiler.MutationTemplate(statement.toTemplate(), null, mutation.errorPath());
        }
        Sql write = Sql.concat(with, Sql.raw(" SELECT "), affected, Sql.raw(" AS affected_rows, (SELECT coalesce(json_agg("
                + WRITTEN + "), '[]') FROM " + WRITTEN + ")::text AS rows"), checked());
        SelectRenderer answerRenderer = new SelectRenderer(model, permissions);
        Sql answer = Sql.concat(Sql.raw("WITH " + WRITTEN + " AS (SELECT * FROM json_populate_recordset(null::"),
                SelectRenderer.table(mutation.table()), Sql.raw(", "), Sql.param(null, "json"),
                Sql.raw(")), n0 AS (SELECT "), Sql.param(null, "bigint"), Sql.raw(" AS affected_rows) SELECT "),
                output(answerRenderer, mutation.output(), Sql.raw("(SELECT affected_rows FROM n0)")), Sql.raw(" AS data"));
        return new SqlCompiler.MutationTemplate(write.toTemplate(), answer.toTemplate(), mutation.errorPath());
    }

    /** Whether the answer reads other tables (relationships), which must see this write. */
    private static boolean followsRelationships(MutationIr.Output output) {
        List<FieldIr> fields = new ArrayList<>();
        if (output instanceof MutationIr.Single single) {
            fields.addAll(single.fields());
        } else {
            for (MutationIr.ResponseField field : ((MutationIr.Response) output).fields()) {
                if (field instanceof MutationIr.Returning returning) {
                    fields.addAll(returning.fields());
                }
            }
        }
        return fields.stream().anyMatch(f -> f instanceof FieldIr.Nested || f instanceof FieldIr.Aggregate);
    }

    /** Adds the CTEs of the write (the last is `m0`); returns the `affected_rows` expression. */
    private Sql write(ResolvedTable table, MutationIr.Write write) {
        if (write instanceof MutationIr.Insert insert) {
            if (insert.rows().isEmpty()) {
                String t = select.nextTable();
                addCte(WRITTEN, Sql.concat(Sql.raw("SELECT * FROM "), SelectRenderer.table(table), Sql.raw(" AS " + t
                        + " WHERE false")));
                return countOf(List.of(WRITTEN));
            }
            if (!insert.isNested()) {
                addCte(WRITTEN, insertStatement(table, insert.rows(), insert.onConflict(), Map.of()));
                check(WRITTEN, insert.check());
                return countOf(List.of(WRITTEN));
            }
            List<String> roots = insertRows(table, insert.rows(), insert.onConflict(), insert.check(), Map.of());
            List<String> written = List.copyOf(cteNames);
            addCte(WRITTEN, Sql.join(" UNION ALL ", roots.stream().map(r -> Sql.raw("SELECT * FROM " + r)).toList()));
            return countOf(written);
        }
        String t = select.nextTable();
        Sql target = Sql.concat(SelectRenderer.table(table), Sql.raw(" AS " + t));
        if (write instanceof MutationIr.Update update) {
            Sql where = Sql.concat(Sql.raw(" WHERE "), select.condition(update.where(), t));
            List<Sql> assignments = new ArrayList<>();
            for (MutationIr.Assignment set : update.set()) {
                assignments.add(Sql.concat(Sql.ident(set.column().name()), Sql.raw(" = "), value(set.column(), set.value())));
            }
            for (MutationIr.Assignment inc : update.inc()) {
                assignments.add(Sql.concat(Sql.ident(inc.column().name()), Sql.raw(" = "),
                        SelectRenderer.column(t, inc.column()), Sql.raw(" + "), value(inc.column(), inc.value())));
            }
            addCte(WRITTEN, Sql.concat(Sql.raw("UPDATE "), target, Sql.raw(" SET "), Sql.join(", ", assignments),
                    where, Sql.raw(" RETURNING *")));
            check(WRITTEN, update.check());
            return countOf(List.of(WRITTEN));
        }
        MutationIr.Delete delete = (MutationIr.Delete) write;
        addCte(WRITTEN, Sql.concat(Sql.raw("DELETE FROM "), target, Sql.raw(" WHERE "),
                select.condition(delete.where(), t), Sql.raw(" RETURNING *")));
        return countOf(List.of(WRITTEN));
    }

    private void addCte(String name, Sql body) {
        cteNames.add(name);
        ctes.add(Sql.concat(Sql.raw(name + " AS ("), body, Sql.raw(")")));
    }

    private static Sql countOf(List<String> names) {
        return Sql.join(" + ", names.stream().map(n -> Sql.raw("(SELECT count(*) FROM " + n + ")")).toList());
    }

    /**
     * Inserts {@code rows} and their nested rows as CTEs; returns the names of the CTEs holding
     * {@code rows} themselves. {@code inherited} gives columns whose value comes from a parent CTE.
     */
    private List<String> insertRows(ResolvedTable table, List<MutationIr.InsertRow> rows, MutationIr.OnConflict onConflict,
                                    BoolExp check, Map<String, Sql> inherited) {
        if (rows.isEmpty()) {
            return List.of();
        }
        if (rows.stream().noneMatch(MutationIr.InsertRow::isNested)) {
            String name = nestedCte(insertStatement(table, rows, onConflict, inherited));
            check(name, check);
            return List.of(name);
        }
        List<String> names = new ArrayList<>();
        for (MutationIr.InsertRow row : rows) {
            Map<String, Sql> columns = new LinkedHashMap<>(inherited);
            for (MutationIr.RelatedInsert parent : row.before()) {
                String p = insertRows(parent.remote(), parent.rows(), parent.onConflict(), parent.check(), Map.of()).get(0);
                String g = guard(p, "cannot proceed to insert object relation \"" + parent.relationship().name()
                        + "\" since insert to table \"" + parent.remote().graphqlName() + "\" affects zero rows");
                parent.relationship().columnMapping().forEach((own, remote) -> columns.put(own, guarded(p, remote, g)));
            }
            String name = nestedCte(insertStatement(table, List.of(row), onConflict, columns));
            check(name, check);
            names.add(name);
            String g = row.after().isEmpty() ? null : guard(name,
                    "cannot proceed to insert array relations since insert to table \"" + table.graphqlName()
                            + "\" affects zero rows");
            for (MutationIr.RelatedInsert children : row.after()) {
                Map<String, Sql> fromParent = new LinkedHashMap<>();
                children.relationship().columnMapping().forEach((own, remote) -> fromParent.put(remote,
                        guarded(name, own, g)));
                insertRows(children.remote(), children.rows(), children.onConflict(), children.check(), fromParent);
            }
        }
        return names;
    }

    /**
     * A parent row skipped by `on_conflict` (do nothing, or an update whose `where` fails) leaves
     * its CTE empty, and rows depending on it would get NULL keys. Hasura refuses; so does this: the
     * guard CTE (read by `affected_rows`, so it runs) fails the statement with a cast of a marked
     * message, which {@link PgErrors} turns into `not-supported` with the message.
     */
    private String guard(String parentCte, String message) {
        String name = "g" + guards.size();
        guards.add(name);
        ctes.add(Sql.concat(Sql.raw(name + " AS (SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM " + parentCte
                + ") THEN ("), Sql.param(PgErrors.GUARD_MARKER + message + PgErrors.GUARD_END, "text"),
                Sql.raw(" || (SELECT count(*) FROM " + parentCte + "))::integer END AS x)")));
        return name;
    }

    /**
     * A permission's check on the rows a CTE wrote (SPEC §10.2): a CTE that fails the statement,
     * with {@link PgErrors#PERMISSION_MARKER} in the message, when some written row does not
     * satisfy {@code check} (null counts as not satisfied). The final SELECT reads it
     * ({@link #checked}), so it always runs, in the same statement and transaction as the write.
     * A check that follows a relationship sees the other tables as they were before the statement.
     */
    private void check(String writtenCte, BoolExp check) {
        if (check.equals(BoolExp.TRUE)) {
            return;
        }
        String name = "c" + checks.size();
        checks.add(name);
        String t = select.nextTable();
        ctes.add(Sql.concat(Sql.raw(name + " AS (SELECT CASE WHEN EXISTS (SELECT 1 FROM " + writtenCte + " AS " + t
                + " WHERE NOT coalesce("), select.condition(check, t).parenthesized(), Sql.raw(", false)) THEN ("),
                Sql.param(PgErrors.PERMISSION_MARKER, "text"),
                Sql.raw(" || (SELECT count(*) FROM " + writtenCte + "))::integer END AS x)")));
    }

    /** ` WHERE (SELECT count(x) FROM c0) = 0 AND ...`: makes every check CTE run; always true when they pass. */
    private Sql checked() {
        if (checks.isEmpty()) {
            return Sql.raw("");
        }
        return Sql.raw(" WHERE " + String.join(" AND ", checks.stream()
                .map(c -> "(SELECT count(x) FROM " + c + ") = 0").toList()));
    }

    /**
     * A column value read from the parent's CTE, through its guard: the dependent insert (a
     * data-modifying CTE, so always run) evaluates the guard before it can write a NULL key.
     */
    private static Sql guarded(String parentCte, String column, String guard) {
        return Sql.concat(Sql.raw("(SELECT "), Sql.ident(column), Sql.raw(" FROM " + parentCte
                + " WHERE (SELECT count(x) FROM " + guard + ") = 0)"));
    }

    private String nestedCte(Sql body) {
        String name = "w" + cteNames.size();
        addCte(name, body);
        return name;
    }

    /** `INSERT INTO t AS t0 (cols) VALUES (...), (...) [ON CONFLICT ...] RETURNING *`. */
    private Sql insertStatement(ResolvedTable table, List<MutationIr.InsertRow> rows, MutationIr.OnConflict onConflict,
                                Map<String, Sql> inherited) {
        String t = select.nextTable();
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> r.values().keySet().stream().filter(n -> !inherited.containsKey(n)).forEach(names::add));
        names.addAll(inherited.keySet());
        List<ResolvedColumn> columns = names.isEmpty() ? List.of(table.columns().get(0))
                : names.stream().map(n -> table.column(n).orElseThrow()).toList();
        List<Sql> values = new ArrayList<>();
        for (MutationIr.InsertRow row : rows) {
            List<Sql> items = new ArrayList<>();
            for (ResolvedColumn column : columns) {
                if (inherited.containsKey(column.name())) {
                    items.add(inherited.get(column.name()));
                } else if (row.values().containsKey(column.name())) {
                    items.add(value(column, row.values().get(column.name())));
                } else {
                    items.add(Sql.raw("DEFAULT"));
                }
            }
            values.add(Sql.join(", ", items).parenthesized());
        }
        return Sql.concat(Sql.raw("INSERT INTO "), SelectRenderer.table(table), Sql.raw(" AS " + t + " ("),
                Sql.join(", ", columns.stream().map(c -> Sql.ident(c.name())).toList()), Sql.raw(") VALUES "),
                Sql.join(", ", values), onConflict(onConflict, t), Sql.raw(" RETURNING *"));
    }

    private Sql onConflict(MutationIr.OnConflict onConflict, String t) {
        if (onConflict == null) {
            return Sql.raw("");
        }
        Sql conflict = Sql.concat(Sql.raw(" ON CONFLICT ON CONSTRAINT "), Sql.ident(onConflict.constraint()));
        if (onConflict.updateColumns().isEmpty()) {
            return conflict.append(" DO NOTHING");
        }
        List<Sql> sets = onConflict.updateColumns().stream().map(c -> Sql.concat(Sql.ident(c.name()),
                Sql.raw(" = EXCLUDED."), Sql.ident(c.name()))).toList();
        conflict = Sql.concat(conflict, Sql.raw(" DO UPDATE SET "), Sql.join(", ", sets));
        if (!onConflict.where().equals(BoolExp.TRUE)) {
            conflict = Sql.concat(conflict, Sql.raw(" WHERE "), select.condition(onConflict.where(), t));
        }
        return conflict;
    }

    /** A written value: text, null, or a preset's session variable (bound per request). */
    private Sql value(ResolvedColumn column, Object text) {
        return Sql.param(text, SqlCompiler.castType(column.type()));
    }

    /** ` WHERE <the role's select filter>` on written rows, or nothing for admin. */
    private static Sql visible(SelectRenderer renderer, BoolExp filter, String t) {
        return filter.equals(BoolExp.TRUE) ? Sql.raw("") : Sql.concat(Sql.raw(" WHERE "), renderer.condition(filter, t));
    }

    /** The field's JSON, read from `m0`. */
    private static Sql output(SelectRenderer renderer, MutationIr.Output output, Sql affected) {
        if (output instanceof MutationIr.Single single) {
            String t = renderer.nextTable();
            return Sql.concat(Sql.raw("(SELECT "), renderer.object(single.fields(), t),
                    Sql.raw(" FROM " + WRITTEN + " AS " + t), visible(renderer, single.filter(), t), Sql.raw(" LIMIT 1)"));
        }
        List<Sql> pairs = new ArrayList<>();
        for (MutationIr.ResponseField field : ((MutationIr.Response) output).fields()) {
            Sql value;
            if (field instanceof MutationIr.AffectedRows) {
                value = affected;
            } else if (field instanceof MutationIr.Returning returning) {
                String t = renderer.nextTable();
                value = Sql.concat(Sql.raw("(SELECT coalesce(json_agg("), renderer.object(returning.fields(), t),
                        Sql.raw("), '[]') FROM " + WRITTEN + " AS " + t), visible(renderer, returning.filter(), t),
                        Sql.raw(")"));
            } else {
                value = Sql.text(((MutationIr.Typename) field).value());
            }
            pairs.add(Sql.concat(Sql.key(field.key()), Sql.raw(", "), value));
        }
        return Sql.concat(Sql.raw("json_build_object("), Sql.join(", ", pairs), Sql.raw(")"));
    }
}
