package io.joinery.child.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.benmanes.caffeine.cache.Cache;
import io.joinery.child.actions.ActionExecutor;
import io.joinery.child.actions.ActionJoinExecutor;
import io.joinery.child.actions.ActionJoinPlan;
import io.joinery.child.db.PgErrors;
import io.joinery.child.db.SqlRunner;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.schema.RootField;
import io.joinery.child.sql.SqlCompiler;
import io.joinery.child.sql.StatementTemplate;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.graphql.OperationPreparer;
import io.joinery.core.http.GraphqlAnswer;
import io.joinery.core.json.Json;
import io.joinery.core.observe.Telemetry;
import io.joinery.core.observe.Tracing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Runs a prepared operation: each root field by its {@link RootField} kind, then ONE response
 * ({@link ResponseBuilder}).
 *
 * <pre>
 * query     TableSelect (+ Constant when there is no action field) ─SqlCompiler→ ONE statement
 *              (its template cached when the operation declares no variables; the session's
 *              values bound per request) ─SqlRunner→ `data` JSON text
 *           ActionField ─ActionExecutor→ answers, concurrently with the statement (≤ 16 at once)
 *           Introspection ─graphql-java→ trees;  Constant → its value
 * mutation  in document order, never overlapping (SPEC §2.2):
 *           ActionField                  one step
 *           run of TableMutation fields  one step: compiled, then ONE transaction, one statement
 *                                        per field (two when its answer follows relationships)
 * </pre>
 * then      relationships to actions (SPEC §12) ─ActionJoinExecutor→ handler calls level by level, placed
 *           into the answer (only when the operation selects one)
 * Invariants: a statement that answers every root field is spliced into the response undecoded;
 * a transaction never stays open across a handler call (the handler may write through this
 * child); the first failure fails the whole request, rolling back the transaction it is in (action
 * errors too, SPEC §3.7), so the route answers only errors.
 */
public final class OperationRunner {
    private static final int ACTION_CONCURRENCY = 16;

    private final SqlRunner sql;
    private final ActionExecutor actions;
    private final ActionJoinExecutor actionJoins;
    private final Cache<GraphqlExecutor.PlanKey, StatementTemplate> statements;
    private final Tracing tracing;

    public OperationRunner(SqlRunner sql, ActionExecutor actions, ActionJoinExecutor actionJoins) {
        this(sql, actions, actionJoins, Telemetry.noop());
    }

    /** @param telemetry counts hits and misses of the compiled statements' cache (`statements`) */
    public OperationRunner(SqlRunner sql, ActionExecutor actions, ActionJoinExecutor actionJoins,
                           Telemetry telemetry) {
        this.sql = sql;
        this.actions = actions;
        this.actionJoins = actionJoins;
        this.statements = telemetry.planCache("statements", 2_000);
        this.tracing = telemetry.tracing();
    }

    Mono<GraphqlAnswer> run(PreparedRequest request, ActionExecutor.Context context) {
        Mono<GraphqlAnswer> answer = request.isMutation() ? mutation(request, context) : query(request, context);
        // relationships to actions (SPEC §12) are answered after every root field, level by level
        boolean joinsActions = ActionJoinPlan.selectsAny(request.roots(), request.snapshot().model().actions().joins());
        return joinsActions ? answer.flatMap(a -> actionJoins.complete(a, request.roots(), context)) : answer;
    }

    private Mono<GraphqlAnswer> query(PreparedRequest request, ActionExecutor.Context context) {
        List<RootField> roots = request.roots();
        List<RootField.ActionField> actionFields = new ArrayList<>();
        for (RootField field : roots) {
            if (field instanceof RootField.ActionField action) {
                actionFields.add(action);
            }
        }
        // constants ride in the statement so that, without actions, it can answer every field
        boolean constantsInSql = actionFields.isEmpty();
        List<RootField> sqlFields = roots.stream().filter(f -> f instanceof RootField.TableSelect
                || f instanceof RootField.Constant && constantsInSql).toList();
        if (!sqlFields.isEmpty() && sqlFields.size() == roots.size()) {
            return Mono.deferContextual(c -> queryJsonUtf8(compiled(c, request, sqlFields))).map(ResponseBuilder::ofData);
        }
        ResponseBuilder response = new ResponseBuilder(roots);
        answerLocally(request, response, constantsInSql);
        Mono<ObjectNode> tables = sqlFields.isEmpty() ? Mono.just(Json.object())
                : Mono.deferContextual(c -> queryJsonUtf8(compiled(c, request, sqlFields))).map(OperationRunner::parseObject);
        Mono<List<Map.Entry<RootField, ActionExecutor.Answer>>> answers = Flux.fromIterable(actionFields)
                .flatMapSequential(f -> actions.answer(f, context).map(a -> Map.entry((RootField) f, a)),
                        ACTION_CONCURRENCY)
                .collectList();
        return Mono.zip(answers, tables).map(both -> {
            both.getT1().forEach(e -> response.tree(e.getKey(), e.getValue().value())
                    .setCookies(e.getValue().setCookies()));
            return response.fromData(sqlFields, both.getT2()).build();
        });
    }

    private Mono<GraphqlAnswer> mutation(PreparedRequest request, ActionExecutor.Context context) {
        ResponseBuilder response = new ResponseBuilder(request.roots());
        answerLocally(request, response, false);
        List<List<RootField>> steps = new ArrayList<>();
        List<RootField> tableRun = null;
        for (RootField field : request.roots()) {
            if (field instanceof RootField.ActionField) {
                steps.add(List.of(field));
                tableRun = null;
            } else if (field instanceof RootField.TableMutation) {
                if (tableRun == null) {
                    tableRun = new ArrayList<>();
                    steps.add(tableRun);
                }
                tableRun.add(field);
            }
        }
        return Flux.fromIterable(steps)
                .concatMap(step -> step.get(0) instanceof RootField.ActionField action
                        ? actions.answer(action, context)
                                .doOnNext(a -> response.tree(action, a.value()).setCookies(a.setCookies())).then()
                        : transaction(request, step, response))
                .then(Mono.fromSupplier(response::build));
    }

    /** Introspection, and the constants unless the statement answers them. */
    private static void answerLocally(PreparedRequest request, ResponseBuilder response, boolean constantsInSql) {
        Map<String, JsonNode> introspection = null;
        for (RootField field : request.roots()) {
            if (field instanceof RootField.Constant constant && !constantsInSql) {
                response.tree(field, TextNode.valueOf(constant.value()));
            } else if (field instanceof RootField.Introspection) {
                if (introspection == null) {
                    introspection = OperationPreparer.introspect(request.schema(), request.operation(),
                            request.variables());
                }
                response.tree(field, introspection.get(field.resultKey()));
            }
        }
    }

    /**
     * One run of table mutation fields: every field is compiled before the transaction opens, then
     * run in order in ONE transaction; the first failure rolls them all back.
     */
    private Mono<Void> transaction(PreparedRequest request, List<RootField> run, ResponseBuilder response) {
        return Mono.defer(() -> {
            SqlCompiler compiler = request.compiler();
            List<SqlCompiler.MutationStatement> compiled = new ArrayList<>();
            run.forEach(field -> compiled.add(compiler.compileMutation((RootField.TableMutation) field)));
            return sql.inTransaction(session -> Flux.range(0, run.size())
                    .concatMap(i -> execute(session, compiled.get(i)).doOnNext(json -> response.text(run.get(i), json)))
                    .then());
        });
    }

    /** A mutation field's JSON: its one statement, or its write then its answer (see MutationStatement). */
    private static Mono<String> execute(SqlRunner.Session session, SqlCompiler.MutationStatement mutation) {
        SqlStatement write = mutation.write();
        if (mutation.answer() == null) {
            return session.queryJson(write).onErrorMap(e -> PgErrors.toJoinery(e, write, mutation.errorPath()));
        }
        return session.query(write)
                .onErrorMap(e -> PgErrors.toJoinery(e, write, mutation.errorPath()))
                .flatMap(rows -> {
                    Map<String, Object> outcome = rows.get(0);
                    SqlStatement answer = mutation.answerFor((String) outcome.get("rows"),
                            ((Number) outcome.get("affected_rows")).longValue());
                    return session.queryJson(answer).onErrorMap(e -> PgErrors.toJoinery(e, answer, mutation.errorPath()));
                });
    }

    /** The query's statement, compiled (or found in the cache) in a `graphql.plan` span. */
    private SqlStatement compiled(ContextView context, PreparedRequest request, List<RootField> sqlFields) {
        return tracing.inSpan(context, "graphql.plan", () -> compile(request, sqlFields));
    }

    /**
     * The template is cached per (snapshot, role, document, operation) when the operation declares
     * no variables; the request's session is read only here, when it is bound, so one session's
     * values never reach another's request.
     */
    private SqlStatement compile(PreparedRequest request, List<RootField> sqlFields) {
        StatementTemplate template = request.isSqlCacheable()
                ? statements.get(request.key(), k -> request.compiler().queryTemplate(sqlFields))
                : request.compiler().queryTemplate(sqlFields);
        return template.bind(request.session());
    }

    private Mono<byte[]> queryJsonUtf8(SqlStatement statement) {
        return sql.queryJsonUtf8(statement).onErrorMap(e -> PgErrors.toJoinery(e, statement, ErrorPath.root()));
    }

    private static ObjectNode parseObject(byte[] sqlJson) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(sqlJson);
        } catch (IOException e) {
            throw new IllegalStateException("Postgres returned invalid JSON", e);
        }
    }
}
