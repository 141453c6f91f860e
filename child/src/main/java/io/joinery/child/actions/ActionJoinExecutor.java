package io.joinery.child.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.GraphqlTypeRef;
import io.joinery.child.metadata.ResolvedToAction;
import io.joinery.child.metadata.ToActionJoins;
import io.joinery.child.metadata.ToActionRelationship;
import io.joinery.child.schema.RootField;
import io.joinery.core.http.GraphqlAnswer;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers the `to_action` relationship fields of one request (SPEC §12), after its root fields:
 *
 * <pre>
 * data (tables: hidden join columns from the ONE statement; action outputs: join values from the shaper)
 *   level 1: every relationship field in the data ─ its arguments from the row ─ dedupe (action, arguments)
 *            ─ ONE handler call per distinct set, concurrently (≤ concurrency) ─ interpret (SPEC §3.5)
 *            ─ shape onto each field's selection ─ the outputs' table relationships: ONE statement per field
 *            ─ placed where the hidden values were
 *   level 2: the relationship fields inside what level 1 placed ... until none is left
 * </pre>
 * The handler call is the direct call's: the same {@link ActionPayload} (the client's query as
 * `request_query`), the same headers, through the same {@link ActionHandlerClient}. A call that
 * fails (handler error, timeout, bad output) makes each field that needed it `null`, with one
 * error at each of their client paths carrying the message and code of a direct call (SPEC §0.1,
 * §3.7); everything else is kept. A row whose join value is null gets `null` and no call. The
 * joined calls' `Set-Cookie` values are not passed on.
 */
public final class ActionJoinExecutor {
    /** `JOINERY_ACTION_JOIN_CONCURRENCY`'s default: handler calls in flight at once per level. */
    public static final int DEFAULT_CONCURRENCY = 16;

    private final ActionHandlerClient handlers;
    private final ActionOutputJoin outputJoin;
    private final int concurrency;

    public ActionJoinExecutor(ActionHandlerClient handlers, ActionOutputJoin outputJoin, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("the action join concurrency must be at least 1");
        }
        this.handlers = handlers;
        this.outputJoin = outputJoin;
        this.concurrency = concurrency;
    }

    /** One relationship field of one row: where its value goes and the arguments of its call. */
    private record Pending(ExecutableNormalizedField field, ResolvedToAction relationship, ObjectNode parent,
                           List<Object> path, ObjectNode input) {
        String callKey() {
            return relationship.target().name() + "\u0000" + Json.write(input);
        }
    }

    /** One distinct call of a level and the fields waiting for it. */
    private record Call(ActionDef action, ObjectNode input, List<Pending> waiting) {}

    /**
     * The answer with every `to_action` relationship field filled, and errors for the calls that
     * failed. {@code answer} is what the root fields produced (`{"data": ...}`).
     */
    public Mono<GraphqlAnswer> complete(GraphqlAnswer answer, List<RootField> roots, ActionExecutor.Context context) {
        return Mono.defer(() -> {
            ObjectNode body = parse(answer.body());
            JsonNode data = body.get("data");
            if (data == null || !data.isObject()) {
                return Mono.just(answer);
            }
            Walk walk = new Walk(context.model().actions().joins());
            List<Pending> first = new ArrayList<>();
            for (RootField root : roots) {
                if (!(root instanceof RootField.Introspection) && !(root instanceof RootField.Constant)) {
                    walk.walk(data.get(root.resultKey()), root.field().getChildren(), List.of(root.resultKey()), first);
                }
            }
            ArrayNode errors = Json.array();
            return level(first, walk, context, errors).then(Mono.fromSupplier(() -> {
                if (!errors.isEmpty()) {
                    body.set("errors", errors);
                }
                return new GraphqlAnswer(Json.write(body), answer.setCookies());
            }));
        });
    }

    private Mono<Void> level(List<Pending> pending, Walk walk, ActionExecutor.Context context, ArrayNode errors) {
        if (pending.isEmpty()) {
            return Mono.empty();
        }
        Map<String, Call> calls = new LinkedHashMap<>();
        for (Pending p : pending) {
            calls.computeIfAbsent(p.callKey(), k -> new Call(p.relationship().target(), p.input(), new ArrayList<>()))
                    .waiting().add(p);
        }
        ActionResponseInterpreter interpreter = new ActionResponseInterpreter(context.model().actions().customTypes());
        return Flux.fromIterable(calls.values())
                .flatMapSequential(call -> handlers.call(new ActionCall(call.action().definition(),
                                new ActionPayload(call.action().name(), call.input(), context.session(), context.query()),
                                context.clientHeaders()))
                        .map(outcome -> Map.entry(call, interpreter.interpret(outcome, call.action().definition().outputType()))),
                        concurrency)
                .collectList()
                .flatMap(results -> place(results, walk, context, errors))
                .flatMap(next -> level(next, walk, context, errors));
    }

    /** Failed calls become nulls and errors; answers are shaped, joined to tables and placed. Returns the next level. */
    private Mono<List<Pending>> place(List<Map.Entry<Call, ActionResult>> results, Walk walk,
                                      ActionExecutor.Context context, ArrayNode errors) {
        Map<ExecutableNormalizedField, List<Map.Entry<Pending, JsonNode>>> byField = new IdentityHashMap<>();
        List<ExecutableNormalizedField> order = new ArrayList<>();
        for (Map.Entry<Call, ActionResult> result : results) {
            for (Pending p : result.getKey().waiting()) {
                if (result.getValue() instanceof ActionResult.Failure failure) {
                    p.parent().putNull(p.field().getResultKey());
                    errors.add(error(failure.error(), p.path(), context.session().isAdmin()));
                } else {
                    JsonNode value = ((ActionResult.Success) result.getValue()).value();
                    byField.computeIfAbsent(p.field(), f -> {
                        order.add(f);
                        return new ArrayList<>();
                    }).add(Map.entry(p, value));
                }
            }
        }
        ActionResultShaper shaper = new ActionResultShaper(context.model().actions().customTypes());
        List<Pending> next = new ArrayList<>();
        return Flux.fromIterable(order)
                .concatMap(field -> {
                    List<Map.Entry<Pending, JsonNode>> entries = byField.get(field);
                    GraphqlTypeRef type = entries.get(0).getKey().relationship().target().definition().outputType();
                    List<ActionSelection> selection = ActionExecutor.selection(field.getChildren());
                    ArrayNode values = Json.array();
                    ArrayNode shaped = Json.array();
                    for (Map.Entry<Pending, JsonNode> entry : entries) {
                        values.add(entry.getValue());
                        shaped.add(shaper.shape(entry.getValue(), type, selection));
                    }
                    return outputJoin.fill(context.model(), context.session(), values, new GraphqlTypeRef.ListOf(type, false), field, shaped)
                            .doOnNext(filled -> {
                                for (int i = 0; i < entries.size(); i++) {
                                    Pending p = entries.get(i).getKey();
                                    p.parent().set(field.getResultKey(), filled.get(i));
                                    walk.walk(filled.get(i), field.getChildren(), p.path(), next);
                                }
                            });
                })
                .then(Mono.fromSupplier(() -> next));
    }

    /** `{"message", "path": [client path], "extensions"}`: a direct call's error at the field's place. */
    private static ObjectNode error(ActionError error, List<Object> path, boolean includeInternal) {
        ObjectNode direct = error.toGraphqlError(includeInternal);
        ObjectNode out = Json.object();
        out.set("message", direct.get("message"));
        ArrayNode at = out.putArray("path");
        path.forEach(step -> {
            if (step instanceof Integer index) {
                at.add(index);
            } else {
                at.add((String) step);
            }
        });
        out.set("extensions", direct.get("extensions"));
        return out;
    }

    /** Finds the relationship fields in a response tree, following the client's selection. */
    private static final class Walk {
        private final ToActionJoins joins;

        Walk(ToActionJoins joins) {
            this.joins = joins;
        }

        void walk(JsonNode node, List<ExecutableNormalizedField> selection, List<Object> path, List<Pending> out) {
            if (node == null || selection.isEmpty()) {
                return;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    walk(node.get(i), selection, append(path, i), out);
                }
                return;
            }
            if (!node.isObject()) {
                return;
            }
            ObjectNode object = (ObjectNode) node;
            for (ExecutableNormalizedField field : selection) {
                List<Object> at = append(path, field.getResultKey());
                Optional<ResolvedToAction> relationship = ActionJoinPlan.find(field, joins);
                if (relationship.isPresent()) {
                    pending(object, field, relationship.get(), at).ifPresent(out::add);
                } else {
                    walk(object.get(field.getResultKey()), field.getChildren(), at, out);
                }
            }
        }

        /** The field's call, or none (and `null` in place) when a join value is null. */
        private static Optional<Pending> pending(ObjectNode parent, ExecutableNormalizedField field,
                                                 ResolvedToAction relationship, List<Object> path) {
            JsonNode hidden = parent.get(field.getResultKey());
            Map<String, JsonNode> row = new LinkedHashMap<>();
            for (String lhs : relationship.lhsFields()) {
                JsonNode value = hidden == null ? null : hidden.get(lhs);
                if (value == null || value.isNull()) {
                    parent.putNull(field.getResultKey());
                    return Optional.empty();
                }
                row.put(lhs, value);
            }
            ObjectNode input = (ObjectNode) ToActionRelationship.substitute(relationship.arguments(), row);
            return Optional.of(new Pending(field, relationship, parent, path, input));
        }

        private static List<Object> append(List<Object> path, Object step) {
            List<Object> out = new ArrayList<>(path);
            out.add(step);
            return List.copyOf(out);
        }
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the response body is not JSON", e);
        }
    }
}
