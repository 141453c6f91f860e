package io.joinery.gateway.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import io.joinery.core.upstream.Idempotency;
import io.joinery.gateway.plan.ClientPath;
import io.joinery.gateway.plan.JoinKey;
import io.joinery.gateway.plan.JoinNode;
import io.joinery.gateway.plan.ResponsePath;
import io.joinery.gateway.plan.UpstreamJoinRequest;
import io.joinery.gateway.schema.RemoteSchema;
import io.joinery.gateway.schema.Supergraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a plan's join tree over the merged root data (SPEC §5.3 steps 2-7, §0.1, §0.2).
 *
 * <p>Design note. Level by level: for every join node of the level, walk its paths from its base
 * values (the client's `data` for the first level; the values just stitched in by the parent node
 * for the next), going on only from objects whose hidden `__typename` the path's type conditions
 * admit; keep the objects whose placeholder answered the relationship's type, read the hidden lhs
 * fields, and give each distinct tuple an id (unique across the level; a null value gives `null`
 * without a call). Hidden join fields and type names are removed once the whole level is
 * collected. Then ONE request per node that has tuples, all nodes of the level concurrently; the
 * answers are stitched in place (the client's key takes the placeholder's place) and the children
 * of every node form the next level. The number of requests depends on the join tree, never on
 * the number of rows.
 *
 * <p>Errors are values: a failed node nulls its fields and adds errors at client paths; the other
 * nodes and the rest of `data` are untouched.
 */
final class JoinExecutor {
    private static final int MAX_CONCURRENT_JOINS = 32;

    private final PlanExecutor executor;
    private final Supergraph supergraph;
    private final ExecutionRequest request;
    private final FieldErrors fieldErrors;
    private final List<String> setCookies;

    /** {@code fieldErrors} and {@code setCookies} are the execution's; the joins add to them. */
    JoinExecutor(PlanExecutor executor, Supergraph supergraph, ExecutionRequest request, FieldErrors fieldErrors,
                 List<String> setCookies) {
        this.executor = executor;
        this.supergraph = supergraph;
        this.request = request;
        this.fieldErrors = fieldErrors;
        this.setCookies = setCookies;
    }

    /** A value joins start from, and its client path. */
    private record Base(JsonNode value, ClientPath path) {}

    /** A join node and the values its paths start at. */
    private record Pending(JoinNode node, List<Base> bases) {}

    /** An object that gets the relationship's value: its client path and its tuple's id. */
    private record Site(ObjectNode object, ClientPath path, int id) {}

    /** One node's work at one level. */
    private static final class Batch {
        final JoinNode node;
        final List<Site> sites = new ArrayList<>();
        final Map<String, UpstreamJoinRequest.Call> calls = new LinkedHashMap<>();
        final List<ObjectNode> reached = new ArrayList<>();
        /** Objects whose hidden `__typename` was read on the way. */
        final List<ObjectNode> typed = new ArrayList<>();
        final List<Base> stitched = new ArrayList<>();

        Batch(JoinNode node) {
            this.node = node;
        }
    }

    /** Runs {@code joins} over the client's {@code data}, stitching their values into it in place. */
    Mono<Void> run(List<JoinNode> joins, ObjectNode data) {
        List<Pending> first = joins.stream().map(j -> new Pending(j, List.of(new Base(data, ClientPath.ROOT)))).toList();
        return level(first);
    }

    private Mono<Void> level(List<Pending> pendings) {
        if (pendings.isEmpty()) {
            return Mono.empty();
        }
        int[] nextId = {0};
        List<Batch> batches = pendings.stream().map(p -> collect(p, nextId)).toList();
        for (Batch batch : batches) {
            for (ObjectNode object : batch.reached) {
                batch.node.lhsFields().forEach(k -> object.remove(k.hiddenKey()));
            }
            batch.typed.forEach(object -> object.remove(batch.node.typenameKey()));
        }
        return Flux.fromIterable(batches)
                .filter(b -> !b.calls.isEmpty())
                .flatMapSequential(b -> send(b).map(outcome -> Map.entry(b, outcome)), MAX_CONCURRENT_JOINS)
                .collectList()
                .flatMap(answers -> {
                    answers.forEach(answer -> stitch(answer.getKey(), answer.getValue()));
                    List<Pending> next = new ArrayList<>();
                    for (Batch batch : batches) {
                        for (JoinNode child : batch.node.children()) {
                            next.add(new Pending(child, batch.stitched));
                        }
                    }
                    return level(next);
                });
    }

    private Mono<FetchOutcome> send(Batch batch) {
        RemoteSchema remote = supergraph.remotes().get(batch.node.remote());
        UpstreamJoinRequest.Document document = UpstreamJoinRequest.write(batch.node,
                List.copyOf(batch.calls.values()), request.variables());
        // a join request is always a query, also under a mutation's result
        return executor.send(remote, document.text(), null, document.variables(), Idempotency.IDEMPOTENT,
                request.withVariables(document.generatedValues()));
    }

    private Batch collect(Pending pending, int[] nextId) {
        Batch batch = new Batch(pending.node());
        for (Base base : pending.bases()) {
            for (ResponsePath path : pending.node().paths()) {
                walk(batch, base.value(), path.steps(), 0, base.path(), nextId);
            }
        }
        return batch;
    }

    private void walk(Batch batch, JsonNode value, List<ResponsePath.Step> steps, int depth, ClientPath path,
                      int[] nextId) {
        if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                walk(batch, array.get(i), steps, depth, path.index(i), nextId);
            }
            return;
        }
        if (!(value instanceof ObjectNode object)) {
            return;
        }
        JoinNode node = batch.node;
        if (depth < steps.size()) {
            ResponsePath.Step step = steps.get(depth);
            if (!step.types().isEmpty()) {
                batch.typed.add(object);
                JsonNode typename = object.get(node.typenameKey());
                if (!step.admits(typename == null ? null : typename.asText())) {
                    return;
                }
            }
            JsonNode next = object.get(step.key());
            if (next != null) {
                walk(batch, next, steps, depth + 1, path.key(step.key()), nextId);
            }
            return;
        }
        batch.reached.add(object);
        JsonNode placeholder = object.get(node.placeholderKey());
        if (placeholder == null || !placeholder.isTextual() || !placeholder.asText().equals(node.lhsType())) {
            return;
        }
        List<JsonNode> values = new ArrayList<>();
        for (JoinKey key : node.lhsFields()) {
            JsonNode v = object.get(key.hiddenKey());
            if (v == null || v.isNull()) {
                place(object, node, NullNode.getInstance());
                return;
            }
            values.add(v);
        }
        String tuple = Json.write(values);
        UpstreamJoinRequest.Call call = batch.calls.computeIfAbsent(tuple,
                t -> new UpstreamJoinRequest.Call(nextId[0]++, values));
        batch.sites.add(new Site(object, path, call.id()));
    }

    private void stitch(Batch batch, FetchOutcome outcome) {
        JoinNode node = batch.node;
        String key = node.responseKey();
        ClientPath firstPath = batch.sites.get(0).path().key(key);
        if (outcome instanceof FetchOutcome.Failed failed) {
            batch.sites.forEach(site -> place(site.object(), node, NullNode.getInstance()));
            fieldErrors.add(failed.message(), firstPath, failed.internal());
            return;
        }
        FetchOutcome.Answered answered = (FetchOutcome.Answered) outcome;
        synchronized (setCookies) {
            setCookies.addAll(answered.setCookies());
        }
        Map<Integer, List<Site>> byId = new LinkedHashMap<>();
        batch.sites.forEach(site -> byId.computeIfAbsent(site.id(), id -> new ArrayList<>()).add(site));
        JsonNode unusable = null;
        Set<Integer> reported = new HashSet<>();
        for (JsonNode upstreamError : answered.errors()) {
            int id = FieldErrors.upstreamKey(upstreamError).map(UpstreamJoinRequest::idOf).orElse(-1);
            List<Site> sites = byId.get(id);
            if (sites == null) {
                unusable = unusable == null ? upstreamError : unusable;
                continue;
            }
            reported.add(id);
            for (Site site : sites) {
                fieldErrors.addUpstream(upstreamError, site.path().key(key), node.target().innerFields());
            }
        }
        if (unusable != null || answered.data() == null) {
            batch.sites.forEach(site -> place(site.object(), node, NullNode.getInstance()));
            if (unusable != null) {
                fieldErrors.addUnplaced(unusable, firstPath, answered.errors());
            }
            return;
        }
        Map<Integer, JsonNode> resolved = new HashMap<>();
        for (Site site : batch.sites) {
            JsonNode value;
            if (resolved.containsKey(site.id())) {
                value = resolved.get(site.id()).deepCopy();
            } else {
                value = extract(answered.data(), site, node, reported.contains(site.id()));
                resolved.put(site.id(), value);
            }
            JsonNode placed = place(site.object(), node, value);
            if (!placed.isNull()) {
                batch.stitched.add(new Base(placed, site.path().key(key)));
            }
        }
    }

    /**
     * Puts a join's value under its response key, where its placeholder was (the client's field
     * order). The same relationship may be selected twice on one object (`customer { name }` plus
     * `customer { id }` from a fragment): GraphQL merges the two selections, so a second value is
     * merged into the first, objects key by key and lists element by element. Returns the node now
     * under the key, where nested joins of this value are found.
     */
    private static JsonNode place(ObjectNode parent, JoinNode node, JsonNode value) {
        String key = node.responseKey();
        JsonNode existing = parent.get(key);
        if (existing != null || !parent.has(node.placeholderKey())) {
            JsonNode merged = merge(existing, value);
            parent.set(key, merged);
            parent.remove(node.placeholderKey());
            return merged;
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        parent.fields().forEachRemaining(e -> {
            boolean placeholder = e.getKey().equals(node.placeholderKey());
            fields.put(placeholder ? key : e.getKey(), placeholder ? value : e.getValue());
        });
        parent.removeAll();
        parent.setAll(fields);
        return value;
    }

    private static JsonNode merge(JsonNode existing, JsonNode incoming) {
        if (existing instanceof ObjectNode into && incoming instanceof ObjectNode from) {
            from.fields().forEachRemaining(e -> into.set(e.getKey(), merge(into.get(e.getKey()), e.getValue())));
            return into;
        }
        if (existing instanceof ArrayNode into && incoming instanceof ArrayNode from && into.size() == from.size()) {
            for (int i = 0; i < from.size(); i++) {
                into.set(i, merge(into.get(i), from.get(i)));
            }
            return into;
        }
        return incoming;
    }

    /** `data.f<n>`, then the remaining path names; the leaf value with `__typename` translated. */
    private JsonNode extract(ObjectNode data, Site site, JoinNode node, boolean errorReported) {
        String alias = UpstreamJoinRequest.alias(site.id());
        JsonNode value = data.get(alias);
        if (value == null) {
            fieldErrors.add("expecting key " + alias + " in the response from remote",
                    site.path().key(node.responseKey()), null);
            return NullNode.getInstance();
        }
        for (String field : node.target().innerFields()) {
            if (!(value instanceof ObjectNode object)) {
                if (errorReported) {
                    return NullNode.getInstance(); // the upstream's own error already explains the null
                }
                fieldErrors.add("unexpected non-object json value found while path not empty: " + field,
                        site.path().key(node.responseKey()), null);
                return NullNode.getInstance();
            }
            value = object.get(field);
            value = value == null ? NullNode.getInstance() : value;
        }
        if (!node.target().typenames().isEmpty()) {
            ResponseMerger.translate(value, node.target().typenames(), supergraph.remotes().get(node.remote()).names());
        }
        return value;
    }
}
