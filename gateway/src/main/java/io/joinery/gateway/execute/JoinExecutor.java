package io.joinery.gateway.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.plan.ClientPath;
import io.joinery.gateway.plan.JoinKey;
import io.joinery.gateway.plan.JoinNode;
import io.joinery.gateway.plan.ResponsePath;
import io.joinery.gateway.plan.UpstreamJoinRequest;
import io.joinery.gateway.schema.Supergraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
 * collected. Then ONE request per node that has tuples, all nodes of the level concurrently
 * (bounded); the answers are stitched in place (the client's key takes the placeholder's place)
 * and the children of every node form the next level. The number of requests depends on the join
 * tree, never on the number of rows, up to `maxKeys` distinct tuples per node and level: past it
 * the node's tuples are sent in chunks of at most `maxKeys`, one request each, concurrently
 * (SPEC §11.2: `levels x ceil(keys / max)` requests); ids stay those of the level, so every
 * answer lands at its own sites.
 *
 * <p>Errors are values: a failed request nulls the fields of its tuples and adds one error at the
 * first of their client paths; a tuple whose value cannot be written into a document safely is
 * not sent and gets an error at each of its client paths; the other tuples, nodes and the rest of
 * `data` are untouched.
 */
final class JoinExecutor {
    /** Join requests of one level in flight at once, over all its nodes and chunks. */
    private static final int MAX_CONCURRENT_REQUESTS = 32;

    private final PlanExecutor executor;
    private final Supergraph supergraph;
    private final ExecutionRequest request;
    private final FieldErrors fieldErrors;
    private final List<String> setCookies;
    private final int maxKeys;
    private final Map<String, FetchOutcome> received;

    /**
     * {@code fieldErrors} and {@code setCookies} are the execution's; the joins add to them.
     * {@code maxKeys}: the most tuples one join request asks for (`JOINERY_JOIN_MAX_KEYS`).
     * {@code received}: answers already received, by document text (a document among them is not sent).
     */
    JoinExecutor(PlanExecutor executor, Supergraph supergraph, ExecutionRequest request, FieldErrors fieldErrors,
                 List<String> setCookies, int maxKeys, Map<String, FetchOutcome> received) {
        this.maxKeys = maxKeys;
        this.received = received;
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

    /** Up to `maxKeys` tuples of one node: one upstream request. */
    private record Chunk(Batch batch, List<UpstreamJoinRequest.Call> calls) {}

    /** What became of a chunk: its document and the upstream's answer (null: nothing was sent). */
    private record Answer(Chunk chunk, UpstreamJoinRequest.Document document, FetchOutcome outcome) {}

    /** One node's work at one level. */
    private static final class Batch {
        final JoinNode node;
        final List<Site> sites = new ArrayList<>();
        final Map<Object, UpstreamJoinRequest.Call> calls = new LinkedHashMap<>();
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
        List<Chunk> chunks = new ArrayList<>();
        for (Batch batch : batches) {
            for (ObjectNode object : batch.reached) {
                batch.node.lhsFields().forEach(k -> object.remove(k.hiddenKey()));
            }
            batch.typed.forEach(object -> object.remove(batch.node.typenameKey()));
            for (List<UpstreamJoinRequest.Call> calls : inChunks(List.copyOf(batch.calls.values()), maxKeys)) {
                chunks.add(new Chunk(batch, calls));
            }
        }
        // one chunk (the common case): no operator that orders concurrent requests
        Mono<List<Answer>> sent = chunks.size() == 1
                ? Mono.defer(() -> send(chunks.get(0))).map(List::of)
                : Flux.fromIterable(chunks).flatMapSequential(this::send, MAX_CONCURRENT_REQUESTS).collectList();
        return sent.flatMap(answers -> {
                    for (Batch batch : batches) {
                        List<Answer> own = answers.stream().filter(a -> a.chunk().batch() == batch).toList();
                        if (!own.isEmpty()) {
                            stitch(batch, own, nextId[0]);
                        }
                    }
                    List<Pending> next = new ArrayList<>();
                    for (Batch batch : batches) {
                        for (JoinNode child : batch.node.children()) {
                            next.add(new Pending(child, batch.stitched));
                        }
                    }
                    return level(next);
                });
    }

    /** A node's calls of one level as its requests ask for them: in order, at most {@code maxKeys} each (SPEC §11.2). */
    static List<List<UpstreamJoinRequest.Call>> inChunks(List<UpstreamJoinRequest.Call> calls, int maxKeys) {
        List<List<UpstreamJoinRequest.Call>> chunks = new ArrayList<>((calls.size() + maxKeys - 1) / maxKeys);
        for (int from = 0; from < calls.size(); from += maxKeys) {
            chunks.add(calls.subList(from, Math.min(calls.size(), from + maxKeys)));
        }
        return chunks;
    }

    /** Sends one chunk's request, or nothing when every tuple of it was refused. */
    private Mono<Answer> send(Chunk chunk) {
        JoinNode node = chunk.batch().node;
        UpstreamJoinRequest.Document document = UpstreamJoinRequest.write(node, chunk.calls(), request.variables());
        if (document.sent().isEmpty()) {
            return Mono.just(new Answer(chunk, document, null));
        }
        FetchOutcome known = received.isEmpty() ? null : received.remove(document.text());
        if (known != null) {
            return Mono.just(new Answer(chunk, document, known));
        }
        return executor.joinReply(supergraph.remotes().get(node.remote()), document, request)
                .map(reply -> new Answer(chunk, document, reply.outcome()));
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
        List<JoinKey> keys = node.lhsFields();
        List<JsonNode> values = new ArrayList<>(keys.size());
        for (JoinKey key : keys) {
            JsonNode v = object.get(key.hiddenKey());
            if (v == null || v.isNull()) {
                place(object, node, NullNode.getInstance());
                return;
            }
            values.add(v);
        }
        UpstreamJoinRequest.Call call = batch.calls.computeIfAbsent(tupleKey(values),
                t -> new UpstreamJoinRequest.Call(nextId[0]++, values));
        batch.sites.add(new Site(object, path, call.id()));
    }

    /**
     * Equal for two tuples exactly when their values are written as the same JSON (what makes
     * them one call): a text by itself, an integer that fits a long as a {@code Long}, anything else
     * as JSON; several values each with its length, so no two tuples share a key.
     */
    static Object tupleKey(List<JsonNode> values) {
        if (values.size() == 1) {
            JsonNode value = values.get(0);
            if (value.isTextual()) {
                return value.textValue();
            }
            if (value.isInt() || value.isLong()) {
                return value.longValue();
            }
        }
        StringBuilder key = new StringBuilder();
        for (JsonNode value : values) {
            String part = value.isTextual() ? "s" + value.textValue()
                    : value.isInt() || value.isLong() ? "j" + value.longValue() : "j" + Json.write(value);
            key.append(part.length()).append(':').append(part);
        }
        return values.size() == 1 ? new NonText(key.toString()) : key.toString();
    }

    /** The key of a one-value tuple whose value is not a text (never equal to a text's key). */
    private record NonText(String key) {}

    /**
     * Reports each chunk's errors (a refused tuple at each of its sites; an upstream error at the
     * sites of the tuple its path names; a failed or unusable answer once, at the chunk's first
     * site, nulling the chunk's tuples), then places every site's value, in traversal order.
     */
    private void stitch(Batch batch, List<Answer> answers, int ids) {
        JoinNode node = batch.node;
        String key = node.responseKey();
        List<String> innerFields = node.target().innerFields();
        SitesById byId = new SitesById(batch.sites);
        // by id: ids are dense over the level
        ObjectNode[] dataOf = new ObjectNode[ids];
        boolean[] reported = new boolean[ids];
        for (Answer answer : answers) {
            answer.document().refused().forEach((id, refusal) -> byId.of(id).forEach(site ->
                    fieldErrors.add(refusal.message(), site.path().key(key), refusal.internal())));
            if (answer.outcome() == null) {
                continue;
            }
            List<Integer> sent = answer.document().sent();
            if (answer.outcome() instanceof FetchOutcome.Failed failed) {
                fieldErrors.add(failed.message(), firstPath(byId, sent, key), failed.internal());
                continue;
            }
            FetchOutcome.Answered answered = (FetchOutcome.Answered) answer.outcome();
            synchronized (setCookies) {
                setCookies.addAll(answered.setCookies());
            }
            JsonNode unusable = null;
            if (!answered.errors().isEmpty()) {
                Set<Integer> sentIds = new HashSet<>(sent);
                for (JsonNode upstreamError : answered.errors()) {
                    int id = FieldErrors.upstreamKey(upstreamError).map(UpstreamJoinRequest::idOf).orElse(-1);
                    if (!sentIds.contains(id)) {
                        unusable = unusable == null ? upstreamError : unusable;
                        continue;
                    }
                    reported[id] = true;
                    for (Site site : byId.of(id)) {
                        fieldErrors.addUpstream(upstreamError, site.path().key(key), innerFields);
                    }
                }
            }
            if (unusable != null) {
                fieldErrors.addUnplaced(unusable, firstPath(byId, sent, key), answered.errors());
            } else if (answered.data() != null) {
                sent.forEach(id -> dataOf[id] = answered.data());
            }
        }
        JsonNode[] resolved = new JsonNode[ids];
        for (Site site : batch.sites) {
            ObjectNode data = dataOf[site.id()];
            if (data == null) {
                place(site.object(), node, NullNode.getInstance());
                continue;
            }
            JsonNode value;
            if (resolved[site.id()] != null) {
                value = resolved[site.id()].deepCopy();
            } else {
                value = extract(data, site, node, innerFields, reported[site.id()]);
                resolved[site.id()] = value;
            }
            JsonNode placed = place(site.object(), node, value);
            // the bases of the node's own joins, the next level; a node without any needs none
            if (!placed.isNull() && !node.children().isEmpty()) {
                batch.stitched.add(new Base(placed, site.path().key(key)));
            }
        }
    }

    /** Where a chunk's own errors go: ids grow in traversal order, so the smallest id's first site is the chunk's first. */
    private static ClientPath firstPath(SitesById byId, List<Integer> sent, String key) {
        return byId.of(sent.get(0)).get(0).path().key(key);
    }

    /** A batch's sites by tuple id, grouped on first use (only errors need it). */
    private static final class SitesById {
        private final List<Site> sites;
        private Map<Integer, List<Site>> byId;

        SitesById(List<Site> sites) {
            this.sites = sites;
        }

        List<Site> of(int id) {
            if (byId == null) {
                byId = new HashMap<>();
                sites.forEach(site -> byId.computeIfAbsent(site.id(), i -> new ArrayList<>()).add(site));
            }
            return byId.getOrDefault(id, List.of());
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
        // the keys after the placeholder move behind the value (most often there are none)
        List<Map.Entry<String, JsonNode>> after = new ArrayList<>(0);
        boolean seen = false;
        for (Iterator<Map.Entry<String, JsonNode>> fields = parent.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (seen) {
                after.add(Map.entry(field.getKey(), field.getValue()));
            }
            seen |= field.getKey().equals(node.placeholderKey());
        }
        parent.remove(node.placeholderKey());
        after.forEach(field -> parent.remove(field.getKey()));
        parent.set(key, value);
        after.forEach(field -> parent.set(field.getKey(), field.getValue()));
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
    private JsonNode extract(ObjectNode data, Site site, JoinNode node, List<String> innerFields,
                             boolean errorReported) {
        String alias = UpstreamJoinRequest.alias(site.id());
        JsonNode value = data.get(alias);
        if (value == null) {
            fieldErrors.add("expecting key " + alias + " in the response from remote",
                    site.path().key(node.responseKey()), null);
            return NullNode.getInstance();
        }
        for (String field : innerFields) {
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
