package io.joinery.child.actions;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.db.PgErrors;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ResolvedActions;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.schema.RootField;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Answers ONE action root field (SPEC §3.4-3.9), by its kind:
 *
 * <pre>
 * Action             ─ActionPayload→ ActionHandlerClient.call ─ActionResponseInterpreter→ value | error
 *                    ─ActionResultShaper→ shaped ─ActionOutputJoin→ relationships filled (≤ 1 SQL statement)
 * AsyncActionSubmit  ─InvocationQueue.submit→ the invocation's id   (AsyncActionWorker calls the handler later)
 * AsyncActionResult  ─AsyncResultReader→ the stored call, its output shaped and joined the same way
 * </pre>
 * One handler call per action field occurrence (two aliases: two calls). Which fields run when,
 * and in which order, is the request pipeline's (`graphql.OperationRunner`). Any action error
 * fails the whole request (SPEC §3.7): the Mono errors with {@link ActionErrorException}.
 */
public final class ActionExecutor {
    private final ActionHandlerClient handlers;
    private final ActionOutputJoin outputJoin;
    private final InvocationQueue invocations;
    private final AsyncResultReader asyncResults;

    /** @param invocations where asynchronous action mutations store their calls (SPEC §3.9) */
    public ActionExecutor(ActionHandlerClient handlers, ActionOutputJoin outputJoin, InvocationQueue invocations,
                          AsyncResultReader asyncResults) {
        this.handlers = handlers;
        this.outputJoin = outputJoin;
        this.invocations = invocations;
        this.asyncResults = asyncResults;
    }

    /**
     * What every action field of one request shares.
     *
     * @param query the client's query text (`request_query`)
     */
    public record Context(ResolvedModel model, SessionVariables session, String query,
                          List<Map.Entry<String, String>> clientHeaders) {
        public Context {
            clientHeaders = List.copyOf(clientHeaders);
        }
    }

    /** One action field's value, and the `Set-Cookie` values its handler returned for the client. */
    public record Answer(JsonNode value, List<String> setCookies) {
        public Answer {
            setCookies = List.copyOf(setCookies);
        }
    }

    public Mono<Answer> answer(RootField.ActionField field, Context context) {
        return Mono.defer(() -> {
            if (field instanceof RootField.Action action) {
                return call(action, context);
            }
            if (field instanceof RootField.AsyncActionSubmit submit) {
                return submit(submit, context);
            }
            return asyncResults.read(context.model(), field.action(), context.session(), field.field())
                    .map(value -> new Answer(value, List.of()));
        });
    }

    /** A synchronous action: the handler is called now, its answer validated, shaped and joined. */
    private Mono<Answer> call(RootField.Action root, Context context) {
        ExecutableNormalizedField field = root.field();
        ActionDef action = root.action();
        ActionDef.Definition definition = action.definition();
        ResolvedActions actions = context.model().actions();
        ActionPayload payload = new ActionPayload(action.name(), ActionPayload.inputOf(field.getResolvedArguments()),
                context.session(), context.query());
        ActionResponseInterpreter interpreter = new ActionResponseInterpreter(actions.customTypes());
        return handlers.call(new ActionCall(definition, payload, context.clientHeaders()))
                .flatMap(outcome -> {
                    ActionResult result = interpreter.interpret(outcome, definition.outputType());
                    JsonNode value = result.valueOrThrow();
                    JsonNode shaped = new ActionResultShaper(actions.customTypes())
                            .shape(value, definition.outputType(), selection(field.getChildren()));
                    return outputJoin.fill(context.model(), context.session(), value, definition.outputType(), field, shaped)
                            .map(filled -> new Answer(filled, result.setCookies()));
                });
    }

    /**
     * An asynchronous action mutation: the invocation is stored and its id answered at once. Client
     * headers are kept only when the action forwards them, and never `X-Hasura-*` (the admin secret).
     */
    private Mono<Answer> submit(RootField.AsyncActionSubmit root, Context context) {
        ActionDef action = root.action();
        List<Map.Entry<String, String>> headers = action.definition().forwardClientHeaders()
                ? context.clientHeaders().stream()
                        .filter(h -> !h.getKey().toLowerCase(Locale.ROOT).startsWith("x-hasura-")).toList()
                : List.of();
        return invocations.submit(action.name(), ActionPayload.inputOf(root.field().getResolvedArguments()),
                        context.session(), headers)
                .onErrorMap(e -> PgErrors.toJoinery(e, null, ErrorPath.root()))
                .map(id -> new Answer(Json.MAPPER.getNodeFactory().textNode(id.toString()), List.of()));
    }

    static List<ActionSelection> selection(List<ExecutableNormalizedField> fields) {
        List<ActionSelection> out = new ArrayList<>();
        for (ExecutableNormalizedField field : fields) {
            out.add(new ActionSelection(field.getResultKey(), field.getName(), selection(field.getChildren())));
        }
        return out;
    }
}
