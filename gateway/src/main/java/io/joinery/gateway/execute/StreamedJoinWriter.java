package io.joinery.gateway.execute;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.plan.JoinKey;
import io.joinery.gateway.plan.JoinNode;
import io.joinery.gateway.plan.QueryPlan;
import io.joinery.gateway.plan.ResponsePath;
import io.joinery.gateway.plan.RootEntry;
import io.joinery.gateway.plan.UpstreamJoinRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's body for a plan whose joins are one level deep, written from the upstreams' bytes
 * without trees (issue 16): what {@link PassThroughWriter} is to a plan without joins.
 *
 * <p>Design note. {@link #collect} copies the root answer once, token by token, leaving out the
 * hidden join fields and leaving a hole where each relationship's value goes (its placeholder's
 * place), while it reads the tuples from the hidden fields; the join documents are then written
 * from those tuples. {@link #write} copies each join answer's values once, and the body is the
 * root's bytes with every hole filled with its tuple's value (a customer of 20 orders is written
 * once and copied 20 times).
 *
 * <p>It {@link #applies} to a plan with one root fetch whose entries {@link PassThroughWriter}
 * could copy, and whose join nodes have no children and each one path without type conditions, to
 * a root field of the target (no inner fields) with no `__typename` to translate. It declines (null)
 * whenever an answer is not a plain success: upstream errors, a key twice in an object, a
 * placeholder that no node sharing it takes (none of their types), a join column needed for a call
 * whose value is not a text, an integer, a boolean or null, a value that cannot be written into a
 * document, an answer without one of its aliases, a number the tree path cannot read, a value that
 * would nest the client's body too deep for the tree path. Then the tree path
 * ({@link ResponseMerger}, {@link JoinExecutor}) answers: before any join request is sent when the
 * root answer declines; with the join answers already received when one of them does (the tree
 * path's documents are the same texts, so they are not sent again). The tuples, their ids and the
 * documents are the tree path's (ids in traversal order, node after node in plan order, chunks of
 * `maxKeys`), and the bytes are the tree path's bytes ({@code StreamedJoinWriterTest}).
 */
final class StreamedJoinWriter {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final List<RootEntry.Remote> entries;
    private final List<JoinNode> nodes;
    /** Where the nodes' paths lead, from the client's `data`. */
    private final Step root = new Step();

    /**
     * A key of a join path: the nodes whose objects are here, the keys that lead further, and what
     * the hidden keys of the objects here are for ({@code roles}: pairs of the node's place in
     * {@code ending} and the lhs field's index, -1 for the placeholder).
     */
    private static final class Step {
        final Map<String, Step> next = new HashMap<>(2);
        int[] ending = new int[0];
        final Map<String, int[]> roles = new HashMap<>(4);
        /**
         * Where the holes of the object being read here are, and the values of its hidden fields, per
         * node in {@code ending}: the objects here are read one after another (never one inside another).
         */
        private int[] holes;
        JsonNode[][] values;

        /** {@link #holes} and {@link #values} for the next object, none yet. */
        int[] holes(List<JoinNode> nodes) {
            if (holes == null) {
                holes = new int[ending.length];
                values = new JsonNode[ending.length][];
                for (int e = 0; e < ending.length; e++) {
                    values[e] = new JsonNode[nodes.get(ending[e]).lhsFields().size()];
                }
            }
            Arrays.fill(holes, -1);
            for (JsonNode[] row : values) {
                Arrays.fill(row, null);
            }
            return holes;
        }

        /** The keys met at each place of the previous object here, and their roles: rows mostly repeat them. */
        private final String[] met = new String[16];
        private final int[][] metRoles = new int[16][];
        private final Keys keys = new Keys();

        /** The role of key {@code name}, the {@code index}th of its object (null: none). */
        int[] role(int index, String name) {
            if (index < met.length && met[index] == name) {
                return metRoles[index]; // the parser hands out one instance per name
            }
            int[] role = roles.get(name);
            if (index < met.length) {
                met[index] = name;
                metRoles[index] = role;
            }
            return role;
        }

        void end(int node, JoinNode join) {
            int e = ending.length;
            ending = Arrays.copyOf(ending, e + 1);
            ending[e] = node;
            List<JoinKey> keys = join.lhsFields();
            for (int k = 0; k < keys.size(); k++) {
                role(keys.get(k).hiddenKey(), e, k);
            }
            role(join.placeholderKey(), e, -1);
        }

        private void role(String key, int e, int k) {
            int[] known = roles.get(key);
            int[] role = known == null ? new int[2] : Arrays.copyOf(known, known.length + 2);
            role[role.length - 2] = e;
            role[role.length - 1] = k;
            roles.put(key, role);
        }
    }

    private StreamedJoinWriter(List<RootEntry.Remote> entries, List<JoinNode> nodes) {
        this.entries = entries;
        this.nodes = nodes;
        for (int i = 0; i < nodes.size(); i++) {
            Step step = root;
            for (ResponsePath.Step key : nodes.get(i).paths().get(0).steps()) {
                step = step.next.computeIfAbsent(key.key(), k -> new Step());
            }
            step.end(i, nodes.get(i));
        }
    }

    /** The writer of {@code plan}'s body, or null when the plan is not one it writes. */
    static StreamedJoinWriter applies(QueryPlan plan) {
        if (plan.joins().isEmpty()) {
            return null;
        }
        List<RootEntry.Remote> entries = PassThroughWriter.copiedEntries(plan);
        if (entries == null) {
            return null;
        }
        for (JoinNode node : plan.joins()) {
            if (!node.children().isEmpty() || node.paths().size() != 1 || node.paths().get(0).steps().isEmpty()
                    || node.paths().get(0).hasTypeConditions() || node.typenameKey() != null
                    || !node.target().innerFields().isEmpty() || !node.target().typenames().isEmpty()) {
                return null;
            }
        }
        return new StreamedJoinWriter(entries, plan.joins());
    }

    /** One join request: a node's tuples {@code firstId} (inclusive) to {@code endId}, and its document. */
    record Chunk(JoinNode node, int firstId, int endId, UpstreamJoinRequest.Document document) {}

    /**
     * The root answer, copied: the client's body with a hole at each offset of {@code holes}, to be
     * filled with the value of tuple {@code holeIds} (-1: `null`; {@code idCount} tuples in all), the
     * deepest nesting of a hole, and the join requests to send.
     */
    record Root(byte[] body, int[] holes, int[] holeIds, int idCount, int holeDepth, List<Chunk> chunks) {}

    /**
     * Copies the root answer {@code upstream} and writes the join documents (at most {@code maxKeys}
     * tuples each, the client's {@code variables} merged in); null: take the tree path.
     */
    Root collect(byte[] upstream, int maxKeys, ObjectNode variables) {
        return collect(upstream, maxKeys, variables, true);
    }

    /** {@code runs}: copy a compact answer as runs of its bytes ({@link CompactCopy}); else token by token. */
    Root collect(byte[] upstream, int maxKeys, ObjectNode variables, boolean runs) {
        AnswerBuffer out = AnswerBuffer.get();
        Collecting collecting;
        byte[] body;
        try {
            collecting = copied(upstream, out, runs);
            if (collecting == null) {
                return null;
            }
            body = out.toByteArray();
        } catch (IOException | RuntimeException e) {
            // not JSON, a key twice, a tuple value it does not read, a number too large to convert
            return null;
        } finally {
            out.release();
        }
        // ids as the tree path gives them: node after node, each node's in traversal order
        int[] firstIds = new int[nodes.size()];
        int ids = 0;
        for (int n = 0; n < nodes.size(); n++) {
            firstIds[n] = ids;
            ids += collecting.tuples.get(n).values.size();
        }
        int[] holeIds = new int[collecting.holeCount];
        for (int h = 0; h < holeIds.length; h++) {
            int local = collecting.holeTuples[h];
            holeIds[h] = local < 0 ? -1 : firstIds[collecting.holeNodes[h]] + local;
        }
        List<Chunk> chunks = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            List<List<JsonNode>> tuples = collecting.tuples.get(n).values;
            List<UpstreamJoinRequest.Call> calls = new ArrayList<>(tuples.size());
            for (int i = 0; i < tuples.size(); i++) {
                calls.add(new UpstreamJoinRequest.Call(firstIds[n] + i, tuples.get(i)));
            }
            for (List<UpstreamJoinRequest.Call> chunk : JoinExecutor.inChunks(calls, maxKeys)) {
                UpstreamJoinRequest.Document document = UpstreamJoinRequest.write(nodes.get(n), chunk, variables);
                if (!document.refused().isEmpty()) {
                    return null; // the tree path reports the refused values
                }
                chunks.add(new Chunk(nodes.get(n), chunk.get(0).id(), chunk.get(chunk.size() - 1).id() + 1, document));
            }
        }
        return new Root(body, Arrays.copyOf(collecting.holes, collecting.holeCount), holeIds, ids, collecting.holeDepth,
                chunks);
    }

    /** The root answer copied to {@code out}, or null: take the tree path. */
    private Collecting copied(byte[] upstream, AnswerBuffer out, boolean runs) throws IOException {
        CompactCopy copy = runs ? CompactCopy.of(upstream, out) : null;
        if (copy != null) {
            Collecting collecting = new Collecting(out, null, copy);
            try {
                return copy.body(entries, (entry, parser, names) -> value(parser, names, 0,
                        root.next.get(entry.responseKey()), collecting)) ? collecting : null;
            } catch (CompactCopy.NotCompact e) {
                out.truncate(0); // token by token, below
            }
        }
        try (JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
            Collecting collecting = new Collecting(out, generator, null);
            boolean written = PassThroughWriter.writeBody(entries, upstream, generator,
                    (entry, parser, into, names) -> value(parser, names, 0, root.next.get(entry.responseKey()),
                            collecting));
            generator.flush();
            return written ? collecting : null;
        }
    }

    /** The root answer's copying in progress: by {@code generator}, or as byte runs by {@code copy}. */
    private final class Collecting {
        final AnswerBuffer out;
        final JsonGenerator generator;
        final CompactCopy copy;
        final byte[][] keys = new byte[nodes.size()][];
        final List<Tuples> tuples = new ArrayList<>(nodes.size());
        int[] holes = new int[64];
        int[] holeNodes = new int[64];
        /** The node's tuple number of each hole, -1 for `null`. */
        int[] holeTuples = new int[64];
        int holeCount;
        /** The deepest nesting of a hole in the body. */
        int holeDepth;

        Collecting(AnswerBuffer out, JsonGenerator generator, CompactCopy copy) {
            this.out = out;
            this.generator = generator;
            this.copy = copy;
            nodes.forEach(n -> tuples.add(new Tuples()));
        }

        /** Node {@code node}'s client key as {@link CompactCopy#writeKey} writes it. */
        byte[] key(int node) throws CompactCopy.NotCompact {
            if (keys[node] == null) {
                keys[node] = CompactCopy.keyBytes(nodes.get(node).responseKey());
            }
            return keys[node];
        }

        /** A hole written by the generator for node {@code node}'s value, here: its number. */
        int hole(int node) {
            return hole(node, out.size() + generator.getOutputBuffered(), generator.getOutputContext().getNestingDepth());
        }

        /** A hole for node {@code node}'s value at {@code at} in the body, {@code nesting} objects and lists deep. */
        int hole(int node, int at, int nesting) {
            if (holeCount == holes.length) {
                holes = Arrays.copyOf(holes, holeCount * 2);
                holeNodes = Arrays.copyOf(holeNodes, holeCount * 2);
                holeTuples = Arrays.copyOf(holeTuples, holeCount * 2);
            }
            holes[holeCount] = at;
            holeDepth = Math.max(holeDepth, nesting);
            holeNodes[holeCount] = node;
            holeTuples[holeCount] = -1;
            return holeCount++;
        }
    }

    /**
     * Copies the value at the parser's current token; {@code step}: where join paths go from here
     * (null: nowhere). Copying byte runs, where the value ends in the answer (else -1).
     */
    private int value(JsonParser parser, PassThroughWriter.Names names, int depth, Step step, Collecting collecting)
            throws IOException {
        CompactCopy copy = collecting.copy;
        JsonToken token = parser.currentToken();
        if (step != null && token == JsonToken.START_OBJECT) {
            return object(parser, names, depth, step, collecting);
        }
        if (step == null || token != JsonToken.START_ARRAY) {
            if (copy != null) {
                return copy.value(parser, names, depth);
            }
            PassThroughWriter.copy(parser, collecting.generator, names, depth);
            return -1;
        }
        if (copy != null) {
            copy.expect(copy.start(parser), '[');
        } else {
            collecting.generator.writeStartArray();
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (copy != null) {
                copy.element(parser);
            }
            value(parser, names, depth + 1, step, collecting);
        }
        if (copy != null) {
            return copy.end(parser, ']');
        }
        collecting.generator.writeEndArray();
        return -1;
    }

    /**
     * Copies an object on a join path; where the path of a node ends, its hidden fields are read,
     * not written, and its placeholder becomes the client's key with a hole for the value.
     */
    private int object(JsonParser parser, PassThroughWriter.Names names, int depth, Step step, Collecting collecting)
            throws IOException {
        JsonGenerator generator = collecting.generator;
        CompactCopy copy = collecting.copy;
        if (copy != null) {
            int at = copy.start(parser);
            copy.expect(at, '{');
            copy.copyTo(at + 1);
        } else {
            generator.writeStartObject();
        }
        names.start(depth);
        int[] ending = step.ending;
        int[] holes = null;
        JsonNode[][] values = null;
        if (ending.length > 0) {
            holes = step.holes(nodes);
            values = step.values;
        }
        Fields fields = copy == null ? null : new Fields(copy, collecting, ending, holes, depth);
        int index = 0;
        while (step.keys.next(parser, 0, index)) {
            String name = parser.currentName();
            names.add(depth, name);
            if (fields != null) {
                int at = copy.keyAt(name, copy.start(parser));
                fields.next(at - 1);
                copy.skipTo(at); // the answer's comma: the client's are written by Fields
            }
            parser.nextToken();
            int[] role = ending.length == 0 ? null : step.role(index, name);
            index++;
            if (role == null) {
                if (fields != null) {
                    fields.keep();
                } else {
                    generator.writeFieldName(name);
                }
                value(parser, names, depth + 1, step.next.get(name), collecting);
                continue;
            }
            // several nodes may read one hidden field (one relationship under several aliases), and
            // share one placeholder (one response key for relationships of different types in a union)
            boolean placeholder = false;
            boolean placed = false;
            for (int r = 0; r < role.length; r += 2) {
                int e = role[r];
                if (role[r + 1] >= 0) {
                    values[e][role[r + 1]] = keyValue(parser);
                    continue;
                }
                placeholder = true;
                JoinNode node = nodes.get(ending[e]);
                if (parser.currentToken() != JsonToken.VALUE_STRING || !isText(parser, node.lhsType())) {
                    continue; // not this node's type: the tree path places nothing for it
                }
                if (placed) {
                    throw new Declined(); // two values for one key: the tree path merges them
                }
                placed = true;
                names.add(depth, node.responseKey());
                if (fields != null) {
                    fields.hole(e);
                } else {
                    generator.writeFieldName(node.responseKey());
                    generator.writeRawValue(""); // the separator; the value comes with the join's answer
                    holes[e] = collecting.hole(ending[e]);
                }
            }
            if (placeholder && !placed) {
                throw new Declined(); // a placeholder no node takes: the tree path leaves it as it is
            }
        }
        int end = -1;
        if (fields != null) {
            end = copy.end(parser, '}');
            fields.next(end - 1);
        } else {
            generator.writeEndObject();
        }
        for (int e = 0; holes != null && e < holes.length; e++) {
            if (holes[e] >= 0) {
                collecting.holeTuples[holes[e]] = tuple(collecting.tuples.get(ending[e]), values[e]);
            }
        }
        return end;
    }

    /**
     * An object on a join path copied as byte runs: each of its fields is kept (its bytes copied),
     * dropped (a hidden field) or becomes the client's key with a hole (a placeholder), which is
     * known when the next field or the end is met; the commas are the client's object's.
     */
    private final class Fields {
        private static final int KEPT = -1;
        private static final int DROPPED = -2;

        private final CompactCopy copy;
        private final Collecting collecting;
        private final int[] ending;
        private final int[] holes;
        private final int depth;
        private int written;
        /**
         * What the field being read becomes: {@link #KEPT}, {@link #DROPPED}, or a hole for
         * {@code ending}'s node at this index (before the first field: kept, nothing to copy).
         */
        private int field = KEPT;

        Fields(CompactCopy copy, Collecting collecting, int[] ending, int[] holes, int depth) {
            this.copy = copy;
            this.collecting = collecting;
            this.ending = ending;
            this.holes = holes;
            this.depth = depth;
        }

        /** The field being read ends before {@code at} (the next one's comma, or the object's end). */
        void next(int at) throws IOException {
            if (field == KEPT) {
                copy.copyTo(at);
            } else {
                copy.skipTo(at);
                if (field >= 0) {
                    separate();
                    copy.write(collecting.key(ending[field]));
                    // the client's envelope, `data`, then the lists and objects down to this one
                    holes[field] = collecting.hole(ending[field], copy.written(), depth + 3);
                }
            }
            field = DROPPED;
        }

        void keep() {
            separate();
            field = KEPT;
        }

        void hole(int e) {
            field = e;
        }

        private void separate() {
            if (written++ > 0) {
                copy.write((byte) ',');
            }
        }
    }

    /** Whether the string at the parser's current token is {@code text} (without making a String of it). */
    private static boolean isText(JsonParser parser, String text) throws IOException {
        int length = parser.getTextLength();
        if (length != text.length()) {
            return false;
        }
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        for (int i = 0; i < length; i++) {
            if (chars[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The number of the tuple {@code values} among the node's (added when new), or -1: a value is null. */
    private static int tuple(Tuples tuples, JsonNode[] values) throws Declined {
        for (JsonNode value : values) {
            if (value == null || value.isNull()) {
                return -1;
            }
        }
        for (JsonNode value : values) {
            if (value == UNREAD) {
                throw new Declined();
            }
        }
        Integer known = tuples.numbers.putIfAbsent(JoinExecutor.tupleKey(Arrays.asList(values)), tuples.values.size());
        if (known != null) {
            return known;
        }
        tuples.values.add(List.of(values)); // a copy: the values are read into the same array for every object
        return tuples.values.size() - 1;
    }

    /** A node's distinct tuples in the order first met, and their numbers by {@link JoinExecutor#tupleKey}. */
    private static final class Tuples {
        final Map<Object, Integer> numbers = new HashMap<>();
        final List<List<JsonNode>> values = new ArrayList<>();
    }

    /** A join column's value the fast path does not read (a decimal, a list, an object): declined where it is needed. */
    private static final JsonNode UNREAD = TextNode.valueOf("unread");

    /** A hidden field's value as the tree reads it; other than a text, an integer, a boolean or null: {@link #UNREAD}. */
    private static JsonNode keyValue(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_STRING -> TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> IntNode.valueOf(parser.getIntValue());
                case LONG -> LongNode.valueOf(parser.getLongValue());
                default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
            };
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            case VALUE_NULL -> NullNode.getInstance();
            default -> {
                PassThroughWriter.skip(parser);
                yield UNREAD;
            }
        };
    }

    /**
     * The client's body: {@code root}'s with its holes filled from {@code answers} (the bodies of
     * its chunks' requests, in order); null when an answer is not a plain success of its chunk.
     */
    static byte[] write(Root root, List<byte[]> answers) {
        AnswerBuffer out = AnswerBuffer.get();
        try (JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
            generator.setRootValueSeparator(null);
            int[] starts = new int[root.idCount()];
            int[] ends = new int[root.idCount()];
            Arrays.fill(ends, -1);
            for (int c = 0; c < answers.size(); c++) {
                if (!values(root.chunks().get(c), answers.get(c), root.holeDepth(), generator, out, starts, ends)) {
                    return null;
                }
            }
            generator.flush();
            byte[] valueBytes = out.array();
            byte[] body = root.body();
            int[] holes = root.holes();
            int[] holeIds = root.holeIds();
            int length = body.length;
            for (int id : holeIds) {
                length += id < 0 ? NULL.length : ends[id] - starts[id];
            }
            byte[] client = new byte[length];
            int from = 0;
            int at = 0;
            for (int h = 0; h < holes.length; h++) {
                System.arraycopy(body, from, client, at, holes[h] - from);
                at += holes[h] - from;
                from = holes[h];
                int id = holeIds[h];
                if (id < 0) {
                    System.arraycopy(NULL, 0, client, at, NULL.length);
                    at += NULL.length;
                } else {
                    System.arraycopy(valueBytes, starts[id], client, at, ends[id] - starts[id]);
                    at += ends[id] - starts[id];
                }
            }
            System.arraycopy(body, from, client, at, body.length - from);
            return client;
        } catch (IOException | RuntimeException e) {
            return null; // as in collect: the tree path says what
        } finally {
            out.release();
        }
    }

    /**
     * Copies one chunk's answer's values, each alias's once, noting where each one's bytes are;
     * false when the answer is not a plain success with every alias of the chunk.
     */
    private static boolean values(Chunk chunk, byte[] answer, int holeDepth, JsonGenerator generator,
                                  AnswerBuffer out, int[] starts, int[] ends) throws IOException {
        CompactCopy copy = CompactCopy.of(answer, out);
        if (copy != null) {
            generator.flush();
            int written = out.size();
            try {
                return values(chunk, answer, holeDepth, generator, copy, out, starts, ends);
            } catch (CompactCopy.NotCompact e) {
                out.truncate(written); // token by token, below
                Arrays.fill(ends, chunk.firstId(), chunk.endId(), -1);
            }
        }
        return values(chunk, answer, holeDepth, generator, null, out, starts, ends);
    }

    /** {@link #values}, each value copied as byte runs by {@code copy}, or (null) by the generator. */
    private static boolean values(Chunk chunk, byte[] answer, int holeDepth, JsonGenerator generator, CompactCopy copy,
                                  AnswerBuffer out, int[] starts, int[] ends) throws IOException {
        // the tree path writes the client's body under the generator's nesting limit: a value that would
        // pass it there (or come within two levels of it) is left to the tree path
        int deepest = generator.streamWriteConstraints().getMaxNestingDepth() - 2 - holeDepth;
        boolean plain = PassThroughWriter.readPlainAnswer(answer, parser -> {
            PassThroughWriter.Names names = new PassThroughWriter.Names();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String alias = parser.currentName();
                int id = UpstreamJoinRequest.idOf(alias);
                parser.nextToken();
                if (id < chunk.firstId() || id >= chunk.endId()) {
                    PassThroughWriter.skip(parser); // not asked for: read only as far as the tree path reads it
                    continue;
                }
                if (ends[id] >= 0) {
                    return false; // an alias twice: the tree keeps the last
                }
                if (copy != null) {
                    copy.skipTo(copy.start(parser));
                    starts[id] = out.size();
                    copy.copyTo(copy.value(parser, names, 0));
                    ends[id] = out.size();
                } else {
                    starts[id] = out.size() + generator.getOutputBuffered();
                    PassThroughWriter.copy(parser, generator, names, 0);
                    ends[id] = out.size() + generator.getOutputBuffered();
                }
                if (names.deepest > deepest) {
                    return false;
                }
            }
            return true;
        });
        for (int id = chunk.firstId(); plain && id < chunk.endId(); id++) {
            if (ends[id] < 0) {
                return false; // the tree path reports the missing alias
            }
        }
        return plain;
    }

    /** An answer the tree path is to handle. */
    private static final class Declined extends IOException {
        Declined() {
            super("declined", null);
        }
    }
}
