package io.joinery.child.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ResolvedActions;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.db.PgErrors;
import io.joinery.child.db.SqlRunner;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs an operation whose root fields include actions (SPEC §3.4-3.9).
 *
 * <pre>
 * each action field ─ActionPayload→ ActionHandlerClient.call ─ActionResponseInterpreter→ value | error
 *                   ─ActionResultShaper→ shaped ─ActionOutputJoin→ relationships filled (≤ 1 SQL statement)
 * other root fields: table fields (ONE statement, through the caller), `__typename`, introspection
 * </pre>
 * One handler call per action field occurrence (two aliases: two calls). In a query the action
 * fields and the table fields run concurrently; in a mutation the action fields run one after the
 * other in document order. Any action error fails the whole request (SPEC §3.7): the Mono errors
 * with {@link ActionErrorException}.
 *
 * <p>An asynchronous action's mutation field only stores the call ({@link InvocationQueue}) and
 * answers its id; {@link AsyncActionWorker} calls the handler later. Its query field reads the
 * stored result ({@link AsyncResultReader}).
 */
public final class ActionExecutor {
    private static final int QUERY_CONCURRENCY = 16;

    private final ActionHandlerClient handlers;
    private final SqlRunner sql;
    private final InvocationQueue invocations;
    private final AsyncResultReader asyncResults;

    public ActionExecutor(ActionHandlerClient handlers, SqlRunner sql) {
        this(handlers, sql, new InvocationQueue(new InvocationRows(sql)));
    }

    /** @param invocations where asynchronous action mutations store their calls (SPEC §3.9) */
    public ActionExecutor(ActionHandlerClient handlers, SqlRunner sql, InvocationQueue invocations) {
        this.handlers = handlers;
        this.sql = sql;
        this.invocations = invocations;
        this.asyncResults = new AsyncResultReader(invocations.table(), sql);
    }

    /**
     * One operation to run.
     *
     * @param query         the client's query text (`request_query`)
     * @param introspection answers of the root `__schema`/`__type` fields by result key
     * @param tableFields   runs the given table root fields as ONE statement and returns the `data` object
     */
    public record Request(ResolvedModel model, SessionVariables session, String query,
                         List<Map.Entry<String, String>> clientHeaders, boolean isMutation,
                         List<ExecutableNormalizedField> roots, Map<String, JsonNode> introspection,
                         Function<List<ExecutableNormalizedField>, Mono<JsonNode>> tableFields) {
        public Request {
            clientHeaders = List.copyOf(clientHeaders);
            roots = List.copyOf(roots);
            introspection = new LinkedHashMap<>(introspection);
        }
    }

    /** The `data` object and the handlers' `Set-Cookie` values for the client's response. */
    public record Response(ObjectNode data, List<String> setCookies) {
        public Response {
            setCookies = List.copyOf(setCookies);
        }
    }

    /** Whether any of the root fields is an action of the model. */
    public static boolean hasActionFields(ResolvedActions actions, List<ExecutableNormalizedField> roots) {
        return roots.stream().anyMatch(f -> actions.action(f.getName()).isPresent());
    }

    public Mono<Response> execute(Request request) {
        ResolvedActions actions = request.model().actions();
        List<ExecutableNormalizedField> actionFields = new ArrayList<>();
        List<ExecutableNormalizedField> tableFields = new ArrayList<>();
        for (ExecutableNormalizedField root : request.roots()) {
            if (actions.action(root.getName()).isPresent()) {
                actionFields.add(root);
            } else if (!root.getName().equals("__typename") && !request.introspection().containsKey(root.getResultKey())) {
                tableFields.add(root);
            }
        }
        if (request.isMutation()) {
            return mutateInOrder(request);
        }
        Flux<Answer> answers = Flux.fromIterable(actionFields).flatMapSequential(f -> run(request, f), QUERY_CONCURRENCY);
        Mono<JsonNode> tables = tableFields.isEmpty() ? Mono.just((JsonNode) Json.object())
                : request.tableFields().apply(tableFields);
        return Mono.zip(answers.collectList(), tables).map(both -> assemble(request, both.getT1(), both.getT2()));
    }

    /**
     * Mutation fields in document order, never overlapping (SPEC §2.2): each action field is one
     * step; each run of consecutive table mutation fields is one step, in one transaction (a
     * transaction cannot stay open across a handler call: the handler may write through this child).
     */
    private Mono<Response> mutateInOrder(Request request) {
        ResolvedActions actions = request.model().actions();
        List<List<ExecutableNormalizedField>> steps = new ArrayList<>();
        List<ExecutableNormalizedField> tableRun = null;
        for (ExecutableNormalizedField root : request.roots()) {
            if (actions.action(root.getName()).isPresent()) {
                steps.add(List.of(root));
                tableRun = null;
            } else if (!root.getName().equals("__typename") && !request.introspection().containsKey(root.getResultKey())) {
                if (tableRun == null) {
                    tableRun = new ArrayList<>();
                    steps.add(tableRun);
                }
                tableRun.add(root);
            }
        }
        List<Answer> answers = new ArrayList<>();
        ObjectNode tableData = Json.object();
        return Flux.fromIterable(steps)
                .concatMap(step -> actions.action(step.get(0).getName()).isPresent()
                        ? run(request, step.get(0)).doOnNext(answers::add).then()
                        : request.tableFields().apply(step).doOnNext(data -> tableData.setAll((ObjectNode) data)).then())
                .then(Mono.fromSupplier(() -> assemble(request, answers, tableData)));
    }

    /** One action field's answer. */
    private record Answer(ExecutableNormalizedField field, JsonNode value, List<String> setCookies) {}

    private Mono<Answer> run(Request request, ExecutableNormalizedField field) {
        return Mono.defer(() -> {
            ResolvedActions actions = request.model().actions();
            ActionDef action = actions.action(field.getName()).orElseThrow();
            ActionDef.Definition definition = action.definition();
            if (definition.isAsynchronous()) {
                return request.isMutation() ? submit(request, action, field)
                        : asyncResults.read(request.model(), action, request.session(), field)
                                .map(value -> new Answer(field, value, List.of()));
            }
            ActionPayload payload = new ActionPayload(action.name(), ActionPayload.inputOf(field.getResolvedArguments()),
                    request.session(), request.query());
            ActionResponseInterpreter interpreter = new ActionResponseInterpreter(actions.customTypes());
            return handlers.call(new ActionCall(definition, payload, request.clientHeaders()))
                    .flatMap(outcome -> {
                        ActionResult result = interpreter.interpret(outcome, definition.outputType());
                        JsonNode value = result.valueOrThrow();
                        JsonNode shaped = new ActionResultShaper(actions.customTypes())
                                .shape(value, definition.outputType(), selection(field.getChildren()));
                        return new ActionOutputJoin(request.model(), sql)
                                .fill(value, definition.outputType(), field, shaped)
                                .map(filled -> new Answer(field, filled, result.setCookies()));
                    });
        });
    }

    /**
     * An asynchronous action mutation: the invocation is stored and its id answered at once. Client
     * headers are kept only when the action forwards them, and never `X-Hasura-*` (the admin secret).
     */
    private Mono<Answer> submit(Request request, ActionDef action, ExecutableNormalizedField field) {
        List<Map.Entry<String, String>> headers = action.definition().forwardClientHeaders()
                ? request.clientHeaders().stream()
                        .filter(h -> !h.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("x-hasura-")).toList()
                : List.of();
        return invocations.submit(action.name(), ActionPayload.inputOf(field.getResolvedArguments()), request.session(),
                        headers)
                .onErrorMap(e -> PgErrors.toJoinery(e, null, ErrorPath.root()))
                .map(id -> new Answer(field, Json.MAPPER.getNodeFactory().textNode(id.toString()), List.of()));
    }

    static List<ActionSelection> selection(List<ExecutableNormalizedField> fields) {
        List<ActionSelection> out = new ArrayList<>();
        for (ExecutableNormalizedField field : fields) {
            out.add(new ActionSelection(field.getResultKey(), field.getName(), selection(field.getChildren())));
        }
        return out;
    }

    private static Response assemble(Request request, List<Answer> answers, JsonNode tableData) {
        Map<ExecutableNormalizedField, Answer> byField = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Answer answer : answers) {
            byField.put(answer.field(), answer);
            cookies.addAll(answer.setCookies());
        }
        ObjectNode data = Json.object();
        for (ExecutableNormalizedField root : request.roots()) {
            String key = root.getResultKey();
            if (byField.containsKey(root)) {
                data.set(key, byField.get(root).value());
            } else if (root.getName().equals("__typename")) {
                data.put(key, request.isMutation() ? ChildSchemaBuilder.MUTATION_ROOT : ChildSchemaBuilder.QUERY_ROOT);
            } else if (request.introspection().containsKey(key)) {
                data.set(key, request.introspection().get(key));
            } else {
                data.set(key, tableData.get(key));
            }
        }
        return new Response(data, cookies);
    }
}
