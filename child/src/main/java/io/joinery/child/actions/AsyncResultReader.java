package io.joinery.child.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.db.PgErrors;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers the query field of an asynchronous action (SPEC §3.3, §3.9):
 * <pre>
 * query { place_order(id: "2b9c...") { id created_at errors output { order_id author { name } } } }
 * </pre>
 * One lookup of the invocation; `output` is shaped as a synchronous answer would be
 * ({@link ActionResultShaper}) and its table relationships are filled by {@link ActionOutputJoin}
 * (ONE statement per `output` selection). Before completion `output` and `errors` are null.
 *
 * <p>Visibility: admin reads any invocation; another role only one whose stored session variables
 * equal the request's exactly. Otherwise, and for an unknown id, the field is `null` (Joinery
 * choice). `errors.internal` (the handler request and response) is shown to admin only, like
 * `internal` everywhere else (SPEC §6).
 */
public final class AsyncResultReader {
    private final InvocationRows rows;
    private final ActionOutputJoin outputJoin;

    public AsyncResultReader(InvocationRows rows, ActionOutputJoin outputJoin) {
        this.rows = rows;
        this.outputJoin = outputJoin;
    }

    Mono<JsonNode> read(ResolvedModel model, ActionDef action, SessionVariables session, ExecutableNormalizedField field) {
        String id = idArgument(field.getResolvedArguments().get("id"));
        return rows.find(action.name(), id)
                .onErrorMap(e -> PgErrors.toJoinery(e, null, ErrorPath.root()))
                .flatMap(found -> found.filter(stored -> session.isAdmin() || stored.session().equals(session))
                        .map(stored -> answer(model, action, session, field, stored))
                        .orElseGet(() -> Mono.just(NullNode.getInstance())));
    }

    private Mono<JsonNode> answer(ResolvedModel model, ActionDef action, SessionVariables session,
                                  ExecutableNormalizedField field, InvocationRows.Stored stored) {
        ObjectNode out = Json.object();
        List<ExecutableNormalizedField> outputs = new ArrayList<>();
        for (ExecutableNormalizedField child : field.getChildren()) {
            String key = child.getResultKey();
            switch (child.getName()) {
                case "__typename" -> out.put(key, action.name());
                case "id" -> out.put(key, stored.id());
                case "created_at" -> out.put(key, stored.createdAt());
                case "errors" -> out.set(key, stored.isFailed() ? errors(stored.errors(), session) : NullNode.getInstance());
                case "output" -> {
                    out.putNull(key);
                    if (stored.isCompleted()) {
                        outputs.add(child);
                    }
                }
                default -> out.putNull(key);
            }
        }
        if (outputs.isEmpty()) {
            return Mono.just(out);
        }
        ActionDef.Definition definition = action.definition();
        ActionResultShaper shaper = new ActionResultShaper(model.actions().customTypes());
        return Flux.fromIterable(outputs)
                .concatMap(output -> {
                    JsonNode shaped = shaper.shape(stored.output(), definition.outputType(),
                            ActionExecutor.selection(output.getChildren()));
                    return outputJoin.fill(model, session, stored.output(), definition.outputType(), output, shaped)
                            .doOnNext(filled -> out.set(output.getResultKey(), filled));
                })
                .then(Mono.just(out));
    }

    private static JsonNode errors(JsonNode errors, SessionVariables session) {
        if (errors == null || session.isAdmin() || !errors.isObject()) {
            return errors == null ? NullNode.getInstance() : errors;
        }
        ObjectNode visible = errors.deepCopy();
        visible.remove("internal");
        return visible;
    }

    /** The `id: uuid!` argument as text (a pass-through scalar: a string, or whatever the client sent). */
    private static String idArgument(Object value) {
        if (value instanceof String text) {
            return text;
        }
        JsonNode node = value instanceof JsonNode json ? json : Json.valueToTree(value);
        return node.isTextual() ? node.asText() : Json.write(node);
    }
}
