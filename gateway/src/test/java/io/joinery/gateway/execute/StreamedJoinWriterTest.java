package io.joinery.gateway.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.graphql.OperationPreparer;
import io.joinery.core.graphql.PreparedOperation;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.upstream.Idempotency;
import io.joinery.gateway.plan.QueryPlan;
import io.joinery.gateway.plan.QueryPlanner;
import io.joinery.gateway.remote.RemoteClient;
import io.joinery.gateway.remote.RemoteResponse;
import io.joinery.gateway.schema.Supergraph;
import io.joinery.gateway.testing.SdlSupergraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The one-level join fast path writes the client's body from the upstreams' bytes; whenever it
 * does, the bytes are exactly the tree path's ({@link ResponseMerger} then {@link JoinExecutor});
 * whenever an answer is not a plain success it declines, and the tree path answers with the answers
 * already received: every upstream request is sent once either way (issue 16).
 */
class StreamedJoinWriterTest {
    private static final Supergraph SUPERGRAPH = SdlSupergraph.of(List.of(
            SdlSupergraph.remote(Json.parseBody("{\"name\":\"shop\",\"definition\":{\"url\":\"http://shop.test\"}}"), """
                    type Query { orders: [Order]  order: Order  nodes: [Node!]! }
                    interface Node { id: Int! }
                    type Order implements Node { id: Int!  customerId: Int  code: String  total: Float  note: String  lines: [Line!] }
                    type Line { sku: String  qty: Int }
                    type Coupon implements Node { id: Int!  code: String }
                    """),
            SdlSupergraph.remote(Json.parseBody("{\"name\":\"crm\",\"definition\":{\"url\":\"http://crm.test\"}}"), """
                    type Query { customer(id: Int!): Customer  byCode(code: String!): Customer  pair(id: Int!, code: String!): Customer }
                    type Customer { id: Int!  name: String  score: Float  tags: [String] }
                    """)),
            List.of(relationship("customer", "[\"customerId\"]", "{\"customer\": {\"arguments\": {\"id\": \"$customerId\"}}}"),
                    relationship("coded", "[\"code\"]", "{\"byCode\": {\"arguments\": {\"code\": \"$code\"}}}"),
                    relationship("paired", "[\"customerId\", \"code\"]",
                            "{\"pair\": {\"arguments\": {\"id\": \"$customerId\", \"code\": \"$code\"}}}"),
                    relationship("Coupon", "holder", "[\"code\"]", "{\"byCode\": {\"arguments\": {\"code\": \"$code\"}}}")));

    private static JsonNode relationship(String name, String lhs, String field) {
        return relationship("Order", name, lhs, field);
    }

    private static JsonNode relationship(String type, String name, String lhs, String field) {
        return Json.parseBody("{\"remote_schema\": \"shop\", \"type_name\": \"" + type + "\", \"name\": \"" + name + "\", "
                + "\"definition\": {\"to_remote_schema\": {\"remote_schema\": \"crm\", \"lhs_fields\": " + lhs
                + ", \"remote_field\": " + field + "}}}");
    }

    private static final String ORDERS = "{ orders { id customer { id name } total } }";

    /** Every request the upstreams received, as `remote: query`. */
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private String rootAnswer;
    private Function<String, String> crm = StreamedJoinWriterTest::customers;
    private final RemoteClient client = request -> {
        String query = Json.parseBody(new String(request.bodyBytes(), StandardCharsets.UTF_8)).get("query").asText();
        sent.add(request.remote() + ": " + query);
        String body = request.remote().equals("shop") ? rootAnswer : crm.apply(query);
        if (body == null) {
            return Mono.error(new IOException("Connection refused"));
        }
        return Mono.just(new RemoteResponse(200, body, List.of(request.remote() + "=" + sent.size())));
    };

    private static final Pattern CALL = Pattern.compile("f(\\d+): (\\w+)\\(([^)]*)\\)");

    /** The crm's answer to a join document: per alias a customer made from the call's arguments. */
    private static String customers(String query) {
        return answer(query, (alias, arguments) -> "{\"id\": " + alias.substring(1) + ", \"name\": \"C \\\"" + arguments
                .replace("\\", "\\\\").replace("\"", "\\\"") + "\\\" é\\u00e9\", \"score\": 2.50, \"tags\": [\"a\", null]}");
    }

    private static String answer(String query, BiFunction<String, String, String> value) {
        StringBuilder out = new StringBuilder("{\"data\": {");
        Matcher call = CALL.matcher(query);
        String separator = "";
        while (call.find()) {
            out.append(separator).append('"').append('f').append(call.group(1)).append("\": ")
                    .append(value.apply("f" + call.group(1), call.group(3)));
            separator = ", ";
        }
        return out.append("}}").toString();
    }

    private static String row(int id, Object customerId) {
        return "{\"id\": " + id + ", \"customer_join_field\": \"Order\", \"customerId_join_column\": " + customerId
                + ", \"total\": " + id + ".50}";
    }

    private static String orders(String... rows) {
        return "{\"data\": {\"orders\": [" + String.join(", ", rows) + "]}}";
    }

    /**
     * Answers {@code query} with the root answer {@code root}: by the writer alone (the fast path,
     * null when it declines), by the tree path, and by the executor (which must give the tree's
     * bytes and cookies, and send exactly the tree path's requests, each once); returns the tree's body.
     */
    private String answered(String query, String root, int maxKeys, boolean fast) {
        rootAnswer = root;
        QueryPlan plan = plan(query);
        ExecutionRequest request = new ExecutionRequest(Json.object(), SessionVariables.admin(), List.of(), Map.of());
        PlanExecutor executor = new PlanExecutor(client, "test", maxKeys);

        StreamedJoinWriter writer = StreamedJoinWriter.applies(plan);
        assertThat(writer).as("the plan is one the writer writes").isNotNull();
        StreamedJoinWriter.Root collected = writer.collect(root.getBytes(StandardCharsets.UTF_8), maxKeys,
                request.variables());
        String written = written(collected, crm);

        // the same answers without whitespace: copied as runs of their bytes (where they have no
        // escape), the same as token by token
        byte[] compact = CompactCopyTest.compact(root).getBytes(StandardCharsets.UTF_8);
        StreamedJoinWriter.Root runs = writer.collect(compact, maxKeys, request.variables(), true);
        assertSameRoot(runs, writer.collect(compact, maxKeys, request.variables(), false));
        Function<String, String> answers = crm;
        assertThat(written(runs, document -> {
            String answer = answers.apply(document);
            return answer == null ? null : CompactCopyTest.compact(answer);
        })).as("compact answers").isEqualTo(written);

        sent.clear();
        List<String> cookies = new ArrayList<>();
        FieldErrors errors = new FieldErrors(true, plan.hiddenFields());
        FetchOutcome rootOutcome = executor.send(SUPERGRAPH.remotes().get("shop"), plan.roots().get(0).document(),
                null, List.of(), Idempotency.IDEMPOTENT, request).block();
        if (rootOutcome instanceof FetchOutcome.Answered answered) {
            cookies.addAll(answered.setCookies());
        }
        JsonNode data = ResponseMerger.merge(plan, List.of(rootOutcome), SUPERGRAPH, request, errors);
        if (data instanceof ObjectNode object) {
            new JoinExecutor(executor, SUPERGRAPH, request, errors, cookies, maxKeys, Map.of())
                    .run(plan.joins(), object).block();
        }
        ObjectNode treeBody = Json.object();
        treeBody.set("data", data);
        if (!errors.isEmpty()) {
            treeBody.set("errors", errors.toJson());
        }
        String tree = new String(new ExecutionOutcome(treeBody, cookies).bytes(), StandardCharsets.UTF_8);
        List<String> treeRequests = List.copyOf(sent);

        sent.clear();
        ExecutionOutcome outcome = executor.execute(plan, SUPERGRAPH, request).block();
        assertThat(new String(outcome.bytes(), StandardCharsets.UTF_8)).isEqualTo(tree);
        assertThat(sent).as("the executor's requests").containsExactlyInAnyOrderElementsOf(treeRequests);
        assertThat(outcome.setCookies()).as("cookies").hasSameSizeAs(cookies);
        if (fast) {
            assertThat(written).as("fast path taken").isNotNull().isEqualTo(tree);
        } else {
            assertThat(written).as("fast path declined").isNull();
        }
        return tree;
    }

    /** The fast path's body from {@code collected} and the join answers of {@code answers}; null: declined. */
    private static String written(StreamedJoinWriter.Root collected, Function<String, String> answers) {
        if (collected == null) {
            return null;
        }
        List<byte[]> bodies = new ArrayList<>();
        for (StreamedJoinWriter.Chunk chunk : collected.chunks()) {
            String answer = answers.apply(chunk.document().text());
            bodies.add(answer == null ? null : answer.getBytes(StandardCharsets.UTF_8));
        }
        byte[] body = bodies.contains(null) ? null : StreamedJoinWriter.write(collected, bodies);
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    private static void assertSameRoot(StreamedJoinWriter.Root runs, StreamedJoinWriter.Root tokens) {
        if (tokens == null) {
            assertThat(runs).as("declined either way").isNull();
            return;
        }
        assertThat(runs).as("taken either way").isNotNull();
        assertThat(new String(runs.body(), StandardCharsets.UTF_8)).isEqualTo(new String(tokens.body(), StandardCharsets.UTF_8));
        assertThat(runs.holes()).isEqualTo(tokens.holes());
        assertThat(runs.holeIds()).isEqualTo(tokens.holeIds());
        assertThat(runs.idCount()).isEqualTo(tokens.idCount());
        assertThat(runs.holeDepth()).isEqualTo(tokens.holeDepth());
        assertThat(runs.chunks()).hasSameSizeAs(tokens.chunks());
        for (int i = 0; i < runs.chunks().size(); i++) {
            assertThat(runs.chunks().get(i).document().text()).isEqualTo(tokens.chunks().get(i).document().text());
            assertThat(runs.chunks().get(i).firstId()).isEqualTo(tokens.chunks().get(i).firstId());
            assertThat(runs.chunks().get(i).endId()).isEqualTo(tokens.chunks().get(i).endId());
        }
    }

    @Test
    void rowsSharingKeys_nullKeys_nullRows_copiedAsTheTreeWritesThem() {
        String body = answered(ORDERS, orders(row(1, 7), row(2, "null"), "null", row(3, 7),
                "{ \"total\" : 1e3, \"customerId_join_column\" : 9, \"id\" : 4, \"customer_join_field\" : \"Order\" }",
                "{\"id\": 5, \"customer_join_field\": \"Order\", \"total\": -0.0}"), 1000, true);

        assertThat(body).startsWith("{\"data\":{\"orders\":[{\"id\":1,\"customer\":{\"id\":0,")
                .contains("{\"id\":2,\"customer\":null,\"total\":2.5}", "null,{\"id\":3,\"customer\":{\"id\":0,",
                        "{\"total\":1E+3,\"id\":4,\"customer\":{\"id\":1,", "{\"id\":5,\"customer\":null,\"total\":0}")
                .doesNotContain("join_");
        assertThat(sent).hasSize(2).last().asString().contains("f0: customer(id: 7)", "f1: customer(id: 9)")
                .doesNotContain("f2");
    }

    @Test
    void hiddenFieldsFirstLastOrAlone_andAnswersWithoutEscapes_copiedAsTheTreeWritesThem() {
        crm = query -> answer(query, (alias, arguments) -> "{\"id\":" + alias.substring(1) + ",\"name\":\"Cé "
                + arguments + "\",\"score\":2.50,\"tags\":[\"a\",null,\"☃\"]}");
        String body = answered("{ orders { id customer { id name score tags } total } }", "{\"data\":{\"orders\":["
                + "{\"customer_join_field\":\"Order\",\"customerId_join_column\":3,\"id\":1,\"total\":25.0},"
                + "{\"customerId_join_column\":4,\"customer_join_field\":\"Order\"},"
                + "{\"id\":2,\"total\":-0.0,\"customerId_join_column\":null,\"customer_join_field\":\"Order\"},"
                + "{\"customerId_join_column\":3},{},"
                + "{\"id\":3,\"customer_join_field\":\"Order\",\"customerId_join_column\":4,\"total\":1e2}]}}", 1, true);

        String tail = ",\"score\":2.5,\"tags\":[\"a\",null,\"☃\"]}";
        assertThat(body).isEqualTo("{\"data\":{\"orders\":["
                + "{\"customer\":{\"id\":0,\"name\":\"Cé id: 3\"" + tail + ",\"id\":1,\"total\":25},"
                + "{\"customer\":{\"id\":1,\"name\":\"Cé id: 4\"" + tail + "},"
                + "{\"id\":2,\"total\":0,\"customer\":null},{},{},"
                + "{\"id\":3,\"customer\":{\"id\":1,\"name\":\"Cé id: 4\"" + tail + ",\"total\":1E+2}]}}");
        assertThat(sent).hasSize(3); // one key per request
    }

    @Test
    void severalRelationshipsAndAliases_onOneObject_eachInItsPlace() {
        String row = "{\"id\": 1, \"a_join_field\": \"Order\", \"customerId_join_column\": 3, \"coded_join_field\": \"Order\","
                + " \"code_join_column\": \"x\\\"y\\\\z ☃\", \"b_join_field\": \"Order\", \"paired_join_field\": \"Order\","
                + " \"lines\": [{\"sku\": \"s1\"}, {\"sku\": null}]}";
        String row2 = row.replace("\"id\": 1", "\"id\": 2").replace("\"customerId_join_column\": 3", "\"customerId_join_column\": 4");

        String body = answered("{ orders { id a: customer { name } coded { id } b: customer { id } paired { name } "
                + "lines { sku } } }", orders(row, row2, row), 1000, true);

        assertThat(Json.parseBody(body).at("/data/orders/1").fieldNames()).toIterable()
                .containsExactly("id", "a", "coded", "b", "paired", "lines");
        // ids run over the level: node after node (a, coded, b, paired), each in traversal order
        assertThat(String.join("\n", sent)).contains("f0: customer(id: 3)", "f1: customer(id: 4)",
                "f2: byCode(code: \"x\\\"y\\\\z ☃\")", "f3: customer(id: 3)", "f5: pair(id: 3, code: \"x\\\"y\\\\z ☃\")");
    }

    @Test
    void objectsWithoutThePlaceholder_ofAnotherType_getNoValue() {
        String body = answered("{ nodes { id ... on Order { customer { name } } } }", "{\"data\": {\"nodes\": ["
                + "{\"id\": 1, \"customer_join_field\": \"Order\", \"customerId_join_column\": 2}, {\"id\": 9}]}}", 1000, true);

        assertThat(body).contains("{\"id\":9}");
    }

    @Test
    void twoRelationshipsUnderOneKeyInAUnion_eachObjectGetsItsOwn() {
        String body = answered("{ nodes { id ... on Order { who: customer { name } } ... on Coupon { who: holder { name } } } }",
                "{\"data\": {\"nodes\": [{\"id\": 1, \"who_join_field\": \"Order\", \"customerId_join_column\": 2},"
                        + " {\"id\": 9, \"who_join_field\": \"Coupon\", \"code_join_column\": \"c9\"}]}}", 1000, true);

        assertThat(body).contains("{\"id\":1,\"who\":{\"id\":0,", "{\"id\":9,\"who\":{\"id\":1,");
        // a placeholder that none of them takes is left to the tree path (which leaves it in place)
        answered("{ nodes { id ... on Order { who: customer { name } } ... on Coupon { who: holder { name } } } }",
                "{\"data\": {\"nodes\": [{\"id\": 1, \"who_join_field\": \"Other\"}]}}", 1000, false);
    }

    @Test
    void aJoinColumnNoCallNeeds_mayHoldAnyValue() {
        answered("{ nodes { id ... on Order { customer { name } } } }", "{\"data\": {\"nodes\": ["
                + "{\"id\": 1, \"customer_join_field\": \"Order\", \"customerId_join_column\": 2},"
                + " {\"id\": 9, \"customerId_join_column\": [1.5, {\"a\": 1}]},"
                + " {\"id\": 10, \"customer_join_field\": \"Order\", \"customerId_join_column\": null}]}}", 1000, true);
    }

    @Test
    void moreKeysThanMaxKeys_sentInChunks_eachAnswerAtItsRows() {
        String body = answered(ORDERS, orders(row(1, 1), row(2, 2), row(3, 3), row(4, 1), row(5, 4), row(6, 5)), 2, true);

        assertThat(sent).hasSize(4);
        assertThat(Json.parseBody(body).at("/data/orders/5/customer/id").asInt()).isEqualTo(4);
    }

    @Test
    void aSingleObjectRoot_andANullRoot() {
        answered("{ order { customer { name } } }", "{\"data\": {\"order\": {\"customer_join_field\": \"Order\", "
                + "\"customerId_join_column\": 1}}, \"errors\": []}", 1000, true);
        answered("{ order { customer { name } } }", "{\"data\": {\"order\": null}}", 1000, true);
    }

    @Test
    void aJoinAnswerWithErrors_declined_theTreePathUsesTheAnswerReceived() {
        crm = query -> answer(query, (alias, arguments) -> "null").replace("}}",
                "}, \"errors\": [{\"message\": \"no such customer\", \"path\": [\"f1\"]}]}");

        String body = answered(ORDERS, orders(row(1, 7), row(2, 8)), 1000, false);

        assertThat(body).contains("no such customer", "\"path\":[\"orders\",1,\"customer\"]");
    }

    @Test
    void joinAnswersThatAreNotPlain_declined() {
        crm = query -> answer(query, (alias, arguments) -> alias.equals("f1") ? "{\"id\": 1, \"id\": 2}" : "{\"id\": 0}");
        assertThat(answered(ORDERS, orders(row(1, 7), row(2, 8)), 1000, false)).contains("\"customer\":{\"id\":2}");

        crm = query -> "{\"data\": {\"f0\": {\"id\": 0}}}";
        assertThat(answered(ORDERS, orders(row(1, 7), row(2, 8)), 1000, false)).contains("expecting key f1");

        crm = query -> "{\"data\": null}";
        answered(ORDERS, orders(row(1, 7)), 1000, false);

        crm = query -> "not json";
        assertThat(answered(ORDERS, orders(row(1, 7)), 1000, false)).contains("not valid JSON");

        crm = query -> null; // the connection fails
        assertThat(answered(ORDERS, orders(row(1, 7)), 1000, false)).contains("HTTP exception");
    }

    @Test
    void rootAnswersThatAreNotPlain_declined_beforeAnyJoinRequest() {
        answered(ORDERS, "{\"data\": {\"orders\": []}, \"errors\": [{\"message\": \"partial\"}]}", 1000, false);
        answered(ORDERS, orders("{\"id\": 1, \"id\": 2, \"customer_join_field\": \"Order\", \"customerId_join_column\": 1}"),
                1000, false);
        answered(ORDERS, orders(row(1, "7.5")), 1000, false);
        answered(ORDERS, orders(row(1, "[1]")), 1000, false);
        answered(ORDERS, orders(row(1, 1).replace("\"Order\"", "\"Coupon\"")), 1000, false);
        answered(ORDERS, "{\"data\": {\"orders\": [" + row(1, 1) + "]}} trailing", 1000, false);
    }

    @Test
    void numbersTheTreeCannotRead_declinedWhereverTheyAre() {
        String huge = "1e2147483648";
        assertThat(answered(ORDERS, orders(row(1, 7)).replace("}}", "}, \"extensions\": {\"c\": " + huge + "}}"),
                1000, false)).contains("not valid JSON");
        assertThat(sent).hasSize(1); // the root request only
        answered(ORDERS, orders(row(1, 7).replace("\"total\": 1.50", "\"total\": " + huge)), 1000, false);

        crm = query -> customers(query).replace("}}", "}, \"extensions\": [" + huge + "]}");
        answered(ORDERS, orders(row(1, 7)), 1000, false);
        crm = query -> customers(query).replace("}}", ", \"f9\": {\"n\": " + huge + "}}}");
        answered(ORDERS, orders(row(1, 7)), 1000, false);
    }

    @Test
    void aJoinValueTooDeepForTheClientsBody_leftToTheTreePath() {
        QueryPlan plan = plan(ORDERS);
        StreamedJoinWriter.Root root = StreamedJoinWriter.applies(plan)
                .collect(orders(row(1, 7)).getBytes(StandardCharsets.UTF_8), 1000, Json.object());
        String shallow = "{\"data\": {\"f0\": {\"id\": 7, \"deep\": " + "[".repeat(900) + "]".repeat(900) + "}}}";
        String deep = shallow.replace("[".repeat(900), "[".repeat(998)).replace("]".repeat(900), "]".repeat(998));

        assertThat(StreamedJoinWriter.write(root, List.of(shallow.getBytes(StandardCharsets.UTF_8)))).isNotNull();
        assertThat(StreamedJoinWriter.write(root, List.of(deep.getBytes(StandardCharsets.UTF_8)))).isNull();
    }

    private static QueryPlan plan(String query) {
        PreparedOperation operation = new OperationPreparer(100).prepare("test", SUPERGRAPH.schema(), query, null);
        return new QueryPlanner().plan(SUPERGRAPH, operation.operation(), operation.fragments());
    }
}
