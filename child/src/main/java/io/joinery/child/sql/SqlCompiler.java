package io.joinery.child.sql;

import io.joinery.child.db.PgType;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.schema.RootField;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.http.SessionVariables;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the table fields of a query into ONE SQL statement that returns ONE row with ONE json
 * column, the `data` object (DESIGN "Child request flow").
 *
 * <pre>
 * normalized fields --SelectIrBuilder--> FieldIr/SelectIr --render--> Sql --> StatementTemplate($1..$n)
 *                                                                  --bind(session)--> SqlStatement
 * </pre>
 * The permissions' session variables are parameters like any value: rendering never reads the
 * session, {@link StatementTemplate#bind} does. So a query's template is the same for every session
 * of a role, and the executor caches it ({@link #queryTemplate}).
 *
 * Shapes (t0, t1, ... are table aliases, r0, ... row-set aliases, numbered in order of appearance):
 * <pre>
 * data       SELECT row_to_json((SELECT "o$" FROM (SELECT &lt;list&gt; AS "author", ($1)::text AS "__typename") AS "o$")) AS data
 * list       (SELECT coalesce(json_agg(&lt;row&gt; ORDER BY ...), '[]') FROM "public"."author" AS t0&lt;lateral&gt; WHERE ...)
 * windowed   (SELECT coalesce(json_agg(r0.j ORDER BY r0.o0 ...), '[]')
 *              FROM (SELECT DISTINCT ON (...) &lt;row&gt; AS j, &lt;order expr&gt; AS o0 FROM ...&lt;lateral&gt; WHERE ...
 *                    ORDER BY ... LIMIT ... OFFSET ...) AS r0)        -- when limit/offset/distinct_on
 * single     (SELECT &lt;row&gt; FROM ...&lt;lateral&gt; WHERE ... LIMIT 1)       -- _by_pk, object relationship
 * row        row_to_json(e0), with &lt;lateral&gt; = , LATERAL (SELECT t0."id" AS "id", &lt;list correlated on t0&gt; AS "articles", ...) AS e0
 *            (objects that are not records, see below: json_build_object(...) in place of row_to_json(e0), no lateral)
 * aggregate  (SELECT json_build_object('aggregate', json_build_object('count', count(*), 'sum', json_build_object(...)),
 *                                  'nodes', coalesce(json_agg(&lt;row&gt; ORDER BY ...), '[]')) FROM ... WHERE ...)
 *            -- windowed: FROM (SELECT t0 AS v, &lt;order expr&gt; AS o0 ... LIMIT ...) AS r0, columns read as (r0.v)."col"
 * to_action  row_to_json(... t0."id" AS "id" ...) AS "stats"  -- the hidden join columns of a relationship to an
 *                                                         action (SPEC §12); actions.ActionJoinExecutor calls it
 * where      count of related rows: (SELECT count(*) FROM "public"."article" AS t1 WHERE t1."author_id" = t0."id") &gt;= $1
 * order by   an array aggregate: (SELECT max(t1."rating") FROM ... WHERE &lt;join&gt;) DESC NULLS FIRST
 * </pre>
 * Invariants: every value is a bind parameter, sent as text and cast to the column's type (typmods
 * dropped so a cast never truncates the value), except LIMIT and OFFSET, integer literals (see
 * SelectRenderer); identifiers are quoted; object keys are the client's result keys, in selection
 * order. Objects are row_to_json of a record (the record's column aliases are the keys: Postgres
 * builds the JSON far faster than json_build_object, SelectRenderer#asRecord): a row's object is a
 * LATERAL sub-select in its own FROM, which Postgres folds into the row's plan (SelectRenderer#rowJson),
 * the root's and a group's a sub-select in place; objects that hold
 * aggregates or a key past Postgres' 63-byte identifiers use json_build_object (keys are string
 * arguments); it takes at most 100 arguments, so such objects with more than 50 keys are built from
 * several json_build_object calls spliced as text (each is `{...}`; inner braces are cut).
 * json_agg carries the order explicitly, since a sub-select's order is not guaranteed to survive.
 */
public final class SqlCompiler {
    private final ResolvedModel model;
    private final RolePermissions permissions;
    private final SessionVariables session;
    private final SelectIrBuilder builder;

    /** A compiler for admin: no permission predicates. */
    public SqlCompiler(ResolvedModel model) {
        this(model, RolePermissions.admin(), SessionVariables.admin());
    }

    /**
     * A compiler for one request of a role: its permissions' filters, checks and presets become
     * predicates and values of the same statement, session variables read from {@code session}.
     */
    public SqlCompiler(ResolvedModel model, RolePermissions permissions, SessionVariables session) {
        this.model = model;
        this.permissions = permissions;
        this.session = session;
        this.builder = new SelectIrBuilder(model, permissions);
    }

    /**
     * Compiles the given root fields ({@link RootField.TableSelect}s and {@link RootField.Constant}s,
     * in order) of a normalized QUERY operation into ONE statement returning ONE row with ONE json
     * column: the `data` object with the fields' result keys in selection order. Throws
     * JoineryException (VALIDATION_FAILED, message, path) for semantic errors graphql-java
     * validation cannot catch.
     */
    public SqlStatement compileQuery(List<RootField> rootFields) {
        return queryTemplate(rootFields).bind(session);
    }

    /**
     * {@link #compileQuery}'s statement before this compiler's session is read: the same for every
     * session of the role, so it may be cached under (snapshot, role, document, operation) as long
     * as the operation declares no variables. Reads nothing of the session.
     */
    public StatementTemplate queryTemplate(List<RootField> rootFields) {
        List<FieldIr> fields = builder.rootFields(rootFields);
        return Sql.concat(Sql.raw("SELECT "), new SelectRenderer(model, permissions).object(fields, null), Sql.raw(" AS data"))
                .toTemplate();
    }

    /**
     * Compiles ONE table mutation root field of a normalized MUTATION operation into one statement
     * returning one row with one json column: the field's value (see {@link MutationRenderer}).
     * Throws JoineryException (VALIDATION_FAILED) for what graphql-java validation cannot catch.
     */
    public MutationStatement compileMutation(RootField.TableMutation rootField) {
        MutationIr mutation = new MutationIrBuilder(model, builder, permissions).build(rootField);
        return new MutationRenderer(model, permissions).render(mutation).bind(session);
    }

    /** A statement built around this compiler's renders ({@link JsonRowsJoinCompiler}), bound to its session. */
    SqlStatement bind(Sql statement) {
        return statement.toTemplate().bind(session);
    }

    /**
     * Hook for statements built around other row sources ({@link JsonRowsJoinCompiler}): each
     * relationship field read into a selection, then rendered correlated to its parent row alias
     * through {@code join} (parent column -> table column), with aliases numbered across all of them.
     */
    List<Sql> renderCorrelated(List<JsonRowsJoinCompiler.Join> joins, List<String> parents) {
        SelectRenderer render = new SelectRenderer(model, permissions);
        List<Sql> out = new ArrayList<>();
        for (int i = 0; i < joins.size(); i++) {
            JsonRowsJoinCompiler.Join join = joins.get(i);
            if (join.aggregate()) {
                SelectIr select = builder.aggregateSelect(join.remote(), join.field(), join.path());
                out.add(render.aggregate(select, join.fieldToColumn(), parents.get(i)));
            } else {
                SelectIr select = builder.relationshipSelect(join.remote(), join.single(), join.field(), join.path());
                out.add(render.select(select, join.fieldToColumn(), parents.get(i)));
            }
        }
        return out;
    }

    /**
     * One mutation field's statements, and the path its database errors are reported at. Without
     * {@code answer}, {@code write} returns the field's JSON. With it, {@code write} returns one row
     * (`affected_rows` bigint, `rows` the written rows as JSON text) and {@link #answerFor} the
     * statement that returns the field's JSON, run next in the same transaction.
     */
    public record MutationStatement(SqlStatement write, SqlStatement answer, ErrorPath errorPath) {
        /** The answer statement with the write's outcome bound as its first two parameters. */
        public SqlStatement answerFor(String rowsJson, long affectedRows) {
            List<Object> params = new java.util.ArrayList<>(answer.params());
            params.set(0, rowsJson);
            params.set(1, Long.toString(affectedRows));
            return new SqlStatement(answer.text(), params);
        }
    }

    /** {@link MutationStatement} before the session is read (see {@link StatementTemplate}). */
    record MutationTemplate(StatementTemplate write, StatementTemplate answer, ErrorPath errorPath) {
        MutationStatement bind(SessionVariables session) {
            return new MutationStatement(write.bindMutation(session), answer == null ? null : answer.bindMutation(session),
                    errorPath);
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
