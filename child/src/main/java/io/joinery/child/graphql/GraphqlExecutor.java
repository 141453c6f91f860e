package io.joinery.child.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLSchema;
import io.joinery.child.actions.ActionExecutor;
import io.joinery.child.actions.ActionHandlerClient;
import io.joinery.child.actions.InvocationQueue;
import io.joinery.child.actions.InvocationRows;
import io.joinery.child.metadata.ChildSnapshot;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.db.PgErrors;
import io.joinery.child.sql.SqlCompiler;
import io.joinery.child.db.SqlRunner;
import io.joinery.child.db.SqlStatement;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.graphql.OperationKind;
import io.joinery.core.graphql.OperationPreparer;
import io.joinery.core.graphql.PreparedOperation;
import io.joinery.core.graphql.Variables;
import io.joinery.core.http.GraphqlRequest;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs one GraphQL request on the child.
 *
 * <pre>
 * request ─▶ schema for (snapshot version, role)      cached
 *         ─▶ parse + validate + pick operation         cached by (version, role, query, operationName)
 *         ─▶ coerce variables, normalize (graphql-java)
 *         ─▶ compile table fields to ONE SQL statement  cached when the operation has no variables
 *         ─▶ run it; Postgres returns the `data` JSON text, spliced into the response undecoded
 * </pre>
 *
 * A mutation runs its root fields in document order in ONE transaction, one statement per field
 * (two when its answer follows relationships, so they see the write); any failure rolls back all
 * of them (SPEC §2.2).
 *
 * Root `__schema`/`__type` fields are answered by graphql-java introspection; only an operation that
 * mixes them with table fields pays for decoding the SQL result to merge the two in selection order.
 * An operation with an action root field goes to {@link ActionExecutor} instead (handler calls, then
 * at most one SQL statement per action field for its table relationships; its table root fields
 * still compile to ONE statement); its handlers' `Set-Cookie` values come back with the body.
 */
public final class GraphqlExecutor {
    private static final Set<String> INTROSPECTION_ROOTS = Set.of("__schema", "__type");
    private static final String TYPENAME = "__typename";

    private final Supplier<ChildSnapshot> snapshots;
    private final SqlRunner sql;
    private final ActionExecutor actions;
    private final OperationPreparer preparer = new OperationPreparer(2_000);
    private final Cache<SchemaKey, GraphQLSchema> schemas = Caffeine.newBuilder().maximumSize(200).build();
    private final Cache<PlanKey, SqlStatement> statements = Caffeine.newBuilder().maximumSize(2_000).build();

    /** The schema a role sees in one snapshot. */
    record SchemaKey(long version, String role) {}

    /** What a prepared operation and its SQL are cached under (STYLE §4). */
    public record PlanKey(long metadataVersion, String role, String query, String operationName) {}

    public GraphqlExecutor(Supplier<ChildSnapshot> snapshots, SqlRunner sql) {
        this(snapshots, sql, ActionHandlerClient.pooled(System::getenv));
    }

    public GraphqlExecutor(Supplier<ChildSnapshot> snapshots, SqlRunner sql, ActionHandlerClient handlers) {
        this(snapshots, sql, handlers, new InvocationQueue(new InvocationRows(sql)));
    }

    /** @param invocations where asynchronous action mutations store their calls (the worker's queue) */
    public GraphqlExecutor(Supplier<ChildSnapshot> snapshots, SqlRunner sql, ActionHandlerClient handlers,
                           InvocationQueue invocations) {
        this.snapshots = snapshots;
        this.sql = sql;
        this.actions = new ActionExecutor(handlers, sql, invocations);
    }

    /** A response body and the `Set-Cookie` values action handlers returned (SPEC §3.4). */
    public record Response(String body, List<String> setCookies) {
        public Response {
            setCookies = List.copyOf(setCookies);
        }
    }

    /**
     * One request, parsed and normalized once: then either the action path ({@link ActionExecutor};
     * the operation's table root fields still compile to ONE statement) or the table path.
     */
    public Mono<Response> execute(GraphqlRequest request, SessionVariables session,
                                  List<Map.Entry<String, String>> clientHeaders) {
        return Mono.defer(() -> {
            Prepared prepared = prepare(request, session);
            if (ActionExecutor.hasActionFields(prepared.snapshot().model().actions(), prepared.roots())) {
                return withActions(prepared, request, session, clientHeaders);
            }
            return tablesOnly(prepared).map(body -> new Response(body, List.of()));
        });
    }

    /** {@link #execute(GraphqlRequest, SessionVariables, List)} without client headers: the response body. */
    public Mono<String> execute(GraphqlRequest request, SessionVariables session) {
        return execute(request, session, List.of()).map(Response::body);
    }

    /** What every request needs: one snapshot, its schema for the role, the operation, its root fields. */
    private record Prepared(ChildSnapshot snapshot, GraphQLSchema schema, PlanKey key, PreparedOperation operation,
                            Map<String, Object> variables, List<ExecutableNormalizedField> roots) {}

    private Prepared prepare(GraphqlRequest request, SessionVariables session) {
        ChildSnapshot snapshot = snapshots.get();
        GraphQLSchema schema = schemaFor(snapshot, session.role());
        PlanKey key = new PlanKey(snapshot.version(), session.role(), request.query(), request.operationName());
        PreparedOperation operation = preparer.prepare(key, schema, request.query(), request.operationName());
        Map<String, Object> variables = Variables.fromJson(request.variables());
        ExecutableNormalizedOperation normalized = OperationPreparer.normalize(schema, operation, variables);
        return new Prepared(snapshot, schema, key, operation, variables, normalized.getTopLevelFields());
    }

    private Mono<Response> withActions(Prepared p, GraphqlRequest request, SessionVariables session,
                                       List<Map.Entry<String, String>> clientHeaders) {
        ChildSnapshot snapshot = p.snapshot();
        boolean isMutation = p.operation().kind() == OperationKind.MUTATION;
        Map<String, JsonNode> introspection = p.roots().stream().anyMatch(f -> INTROSPECTION_ROOTS.contains(f.getName()))
                ? OperationPreparer.introspect(p.schema(), p.operation(), p.variables()) : Map.of();
        ActionExecutor.Request actionRequest = new ActionExecutor.Request(snapshot.model(), session, request.query(),
                clientHeaders, isMutation, p.roots(), introspection,
                tableFields -> {
                    if (isMutation) {
                        return mutate(snapshot, tableFields).map(body -> parseData(body).get("data"));
                    }
                    SqlStatement statement = new SqlCompiler(snapshot.model()).compileQuery(tableFields);
                    return sql.queryJson(statement)
                            .onErrorMap(e -> PgErrors.toJoinery(e, statement, ErrorPath.root()))
                            .map(json -> (JsonNode) parseData(json));
                });
        return actions.execute(actionRequest).map(answer -> {
            ObjectNode body = Json.object();
            body.set("data", answer.data());
            return new Response(Json.write(body), answer.setCookies());
        });
    }

    private GraphQLSchema schemaFor(ChildSnapshot snapshot, String role) {
        return schemas.get(new SchemaKey(snapshot.version(), role), k -> ChildSchemaBuilder.build(snapshot.model(), role));
    }

    /** Table (and introspection) root fields only: the response body, `{"data": ...}`. */
    private Mono<String> tablesOnly(Prepared p) {
        ChildSnapshot snapshot = p.snapshot();
        GraphQLSchema schema = p.schema();
        PreparedOperation operation = p.operation();
        Map<String, Object> variables = p.variables();
        List<ExecutableNormalizedField> roots = p.roots();
        if (operation.kind() == OperationKind.MUTATION) {
            return mutate(snapshot, roots);
        }
        List<ExecutableNormalizedField> dataFields = new ArrayList<>();
        for (ExecutableNormalizedField field : roots) {
            if (!INTROSPECTION_ROOTS.contains(field.getName())) {
                dataFields.add(field);
            }
        }
        boolean hasIntrospection = dataFields.size() != roots.size();
        if (dataFields.isEmpty()) {
            return Mono.just(respond(OperationPreparer.introspect(schema, operation, variables)));
        }
        SqlStatement statement = compile(snapshot, p.key(), operation, dataFields);
        Mono<String> data = sql.queryJson(statement)
                .onErrorMap(e -> PgErrors.toJoinery(e, statement, ErrorPath.root()));
        if (!hasIntrospection) {
            return data.map(json -> "{\"data\":" + json + "}");
        }
        LinkedHashMap<String, JsonNode> introspection = OperationPreparer.introspect(schema, operation, variables);
        return data.map(json -> respond(merge(roots, introspection, json)));
    }

    /**
     * All mutation fields of the request, in order, in ONE transaction (one statement each, two when
     * the answer follows relationships): the first failure rolls everything back and fails the
     * request, so the route answers only errors. Every field is compiled before the transaction opens.
     */
    private Mono<String> mutate(ChildSnapshot snapshot, List<ExecutableNormalizedField> roots) {
        SqlCompiler compiler = new SqlCompiler(snapshot.model());
        List<MutationStep> steps = new ArrayList<>();
        for (ExecutableNormalizedField field : roots) {
            steps.add(new MutationStep(field.getResultKey(), TYPENAME.equals(field.getName()) ? null
                    : compiler.compileMutation(field)));
        }
        return sql.inTransaction(session -> Flux.fromIterable(steps).concatMap(step -> {
            if (step.statement() == null) {
                return Mono.just(Json.write(ChildSchemaBuilder.MUTATION_ROOT));
            }
            return run(session, step.statement());
        }).collectList()).map(values -> {
            StringBuilder body = new StringBuilder("{\"data\":{");
            for (int i = 0; i < steps.size(); i++) {
                body.append(i == 0 ? "" : ",").append(Json.write(steps.get(i).key())).append(':').append(values.get(i));
            }
            return body.append("}}").toString();
        });
    }

    /** A mutation field's JSON: its one statement, or its write then its answer (see MutationStatement). */
    private static Mono<String> run(SqlRunner.Session session, SqlCompiler.MutationStatement mutation) {
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

    /** One mutation root field: its result key and statement (null for `__typename`). */
    private record MutationStep(String key, SqlCompiler.MutationStatement statement) {}

    private SqlStatement compile(ChildSnapshot snapshot, PlanKey key, PreparedOperation operation,
                                 List<ExecutableNormalizedField> dataFields) {
        SqlCompiler compiler = new SqlCompiler(snapshot.model());
        if (!operation.operation().getVariableDefinitions().isEmpty()) {
            return compiler.compileQuery(dataFields);
        }
        return statements.get(key, k -> compiler.compileQuery(dataFields));
    }

    private static ObjectNode parseData(String sqlJson) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(sqlJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Postgres returned invalid JSON", e);
        }
    }

    private static LinkedHashMap<String, JsonNode> merge(List<ExecutableNormalizedField> roots,
                                                         LinkedHashMap<String, JsonNode> introspection, String sqlJson) {
        ObjectNode sqlData;
        try {
            sqlData = (ObjectNode) Json.MAPPER.readTree(sqlJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Postgres returned invalid JSON", e);
        }
        LinkedHashMap<String, JsonNode> merged = new LinkedHashMap<>();
        for (ExecutableNormalizedField field : roots) {
            String key = field.getResultKey();
            merged.put(key, introspection.containsKey(key) ? introspection.get(key) : sqlData.get(key));
        }
        return merged;
    }

    private static String respond(Map<String, JsonNode> data) {
        ObjectNode body = Json.object();
        ObjectNode dataNode = body.putObject("data");
        data.forEach(dataNode::set);
        return Json.write(body);
    }
}
