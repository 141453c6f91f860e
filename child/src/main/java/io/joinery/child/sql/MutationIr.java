package io.joinery.child.sql;

import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.core.error.ErrorPath;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One mutation root field: what it writes to {@code table} and what it answers, read from the
 * written rows.
 * <pre>
 * insert_author(objects: [{name: "Ada"}]) { affected_rows returning { id } }
 *   -> MutationIr(author, Insert([InsertRow {name: "Ada"}], null), Response([AffectedRows, Returning [Column id]]))
 * update_author_by_pk(pk_columns: {id: 1}, _set: {name: "B"}) { name }
 *   -> MutationIr(author, Update(id = 1, [name := "B"], []), Single([Column name]))
 * </pre>
 *
 * @param errorPath where database errors of this field point (SPEC §2.2: at the root field)
 */
public record MutationIr(ResolvedTable table, Write write, Output output, ErrorPath errorPath) {

    /** The data-modifying part. */
    public sealed interface Write {}

    /**
     * `INSERT` of {@code rows} (and their nested rows) into the field's table; every inserted row
     * must satisfy {@code check} (the role's insert permission, SPEC §10.2; TRUE for admin).
     */
    public record Insert(List<InsertRow> rows, OnConflict onConflict, BoolExp check) implements Write {
        public Insert {
            rows = List.copyOf(rows);
        }

        /** Whether some row inserts related rows too. */
        public boolean isNested() {
            return rows.stream().anyMatch(InsertRow::isNested);
        }
    }

    /**
     * One object of `objects`: column values (the text Postgres casts, or null; a column not given
     * is DEFAULT), and related rows inserted with it. {@code before} rows are inserted first and
     * supply this row's columns of their mapping (`article.author` when article holds the key);
     * {@code after} rows are inserted next and take their mapping columns from this row
     * (`author.articles`).
     */
    public record InsertRow(Map<String, Object> values, List<RelatedInsert> before, List<RelatedInsert> after) {
        public InsertRow {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        public boolean isNested() {
            return !before.isEmpty() || !after.isEmpty();
        }
    }

    /**
     * `author: {data: {...}, on_conflict}` or `articles: {data: [...], on_conflict}` inside an
     * insert object; {@code check} is the remote table's insert check.
     */
    public record RelatedInsert(ResolvedRelationship relationship, ResolvedTable remote, List<InsertRow> rows,
                                OnConflict onConflict, BoolExp check) {
        public RelatedInsert {
            rows = List.copyOf(rows);
        }
    }

    /** `ON CONFLICT ON CONSTRAINT c DO NOTHING`, or `DO UPDATE SET` the columns `WHERE` (existing row). */
    public record OnConflict(String constraint, List<ResolvedColumn> updateColumns, BoolExp where) {
        public OnConflict {
            updateColumns = List.copyOf(updateColumns);
        }
    }

    /**
     * `UPDATE ... SET col = value` ({@code set}) and `col = col + value` ({@code inc}) `WHERE ...`;
     * every updated row must then satisfy {@code check} (TRUE: no check).
     */
    public record Update(BoolExp where, List<Assignment> set, List<Assignment> inc, BoolExp check) implements Write {
        public Update {
            set = List.copyOf(set);
            inc = List.copyOf(inc);
        }
    }

    public record Delete(BoolExp where) implements Write {}

    public record Assignment(ResolvedColumn column, Object value) {}

    /** What the field answers. */
    public sealed interface Output {}

    /**
     * `_one` / `_by_pk`: the first written row as an object, or null; {@code filter}: the role's
     * select filter, which the written row must pass to be answered.
     */
    public record Single(List<FieldIr> fields, BoolExp filter) implements Output {
        public Single {
            fields = List.copyOf(fields);
        }
    }

    /** `<table>_mutation_response`: its keys in selection order. */
    public record Response(List<ResponseField> fields) implements Output {
        public Response {
            fields = List.copyOf(fields);
        }
    }

    public sealed interface ResponseField {
        String key();
    }

    public record AffectedRows(String key) implements ResponseField {}

    /** `returning`: the written rows that pass {@code filter} (the role's select filter). */
    public record Returning(String key, List<FieldIr> fields, BoolExp filter) implements ResponseField {
        public Returning {
            fields = List.copyOf(fields);
        }
    }

    public record Typename(String key, String value) implements ResponseField {}
}
