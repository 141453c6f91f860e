package io.joinery.gateway.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.gateway.plan.HiddenFields;
import io.joinery.gateway.plan.QueryPlan;
import io.joinery.gateway.plan.RootEntry;
import io.joinery.gateway.plan.RootFetch;
import io.joinery.gateway.plan.TypenameKeys;
import io.joinery.gateway.remote.RemoteResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pass-through fast path copies an upstream answer as bytes; whenever it does, the bytes are
 * exactly what the tree path ({@link PlanExecutor#read}, {@link ResponseMerger}) writes; whenever
 * the answer is not a plain success it declines, and the tree path answers (issue 16).
 */
class PassThroughWriterTest {
    private static final RootEntry.Remote ORDERS = remote("orders", "orders", false);
    /** A client alias the planner sends upstream under another key. */
    private static final RootEntry.Remote ALIASED = remote("latest", "shop__latest", true);

    static RootEntry.Remote remote(String responseKey, String upstreamKey, boolean nonNull) {
        return new RootEntry.Remote(responseKey, 0, upstreamKey, nonNull, false, TypenameKeys.NONE);
    }

    static QueryPlan plan(RootEntry... entries) {
        return new QueryPlan(false, List.of(new RootFetch("shop", "query { orders { id } }", null, List.of())),
                List.of(entries), List.of(), HiddenFields.NONE, Map.of());
    }

    private static String fast(QueryPlan plan, String upstream) {
        List<RootEntry.Remote> entries = PassThroughWriter.applies(plan);
        assertThat(entries).as("plan passes through").isNotNull();
        byte[] written = PassThroughWriter.write(entries, upstream.getBytes(StandardCharsets.UTF_8));
        return written == null ? null : new String(written, StandardCharsets.UTF_8);
    }

    static String tree(QueryPlan plan, String upstream) {
        ExecutionRequest request = new ExecutionRequest(Json.object(), SessionVariables.admin(), List.of(), Map.of());
        FieldErrors errors = new FieldErrors(true, plan.hiddenFields());
        FetchOutcome outcome = PlanExecutor.read(new RemoteResponse(200, upstream, List.of()));
        JsonNode data = ResponseMerger.merge(plan, List.of(outcome), null, request, errors);
        ObjectNode body = Json.object();
        body.set("data", data);
        if (!errors.isEmpty()) {
            body.set("errors", errors.toJson());
        }
        return new String(new ExecutionOutcome(body, List.of()).bytes(), StandardCharsets.UTF_8);
    }

    private static void assertSameAsTree(QueryPlan plan, String upstream) {
        String fast = fast(plan, upstream);
        assertThat(fast).as("fast path taken for %s", upstream).isNotNull();
        assertThat(fast).isEqualTo(tree(plan, upstream));
    }

    @Test
    void plainAnswer_copiedAsTheTreeWritesIt() {
        assertSameAsTree(plan(ORDERS), "{\"data\":{\"orders\":[{\"id\":1,\"total\":12.5,\"status\":\"open\","
                + "\"note\":null,\"paid\":true,\"lines\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}]}}");
    }

    @Test
    void whitespaceEscapesAndUnicode_normalisedAsTheTreeDoes() {
        assertSameAsTree(plan(ORDERS), "{ \"data\" : {\n  \"orders\" : [ { \"note\" : \"caf\\u00e9 \\/ \\\"q\\\" é \\t ☃ 😀\","
                + " \"ctl\": \"\\u0001\" } ]\n} }\n");
    }

    @Test
    void numbers_writtenAsTheTreeWritesThem() {
        assertSameAsTree(plan(ORDERS), "{\"data\":{\"orders\":[1.50, 100.0, 0.0, -0.0, 1e5, 1E-7, 2.5E+10, -0, 7,"
                + " 2147483648, 12345678901234567890, 123456789012345678901234.5000, 1.0E400, 0.1, 12.5, -12.5, 10.05, -12.0,"
                + " 0.000001, 0.0000001, -0.000012, 0.10, 100.25, 5.0e0, 0.5E1]}}");
    }

    /** An object with {@code count} keys, the last one repeating the first when {@code repeat}. */
    private static String manyKeys(int count, boolean repeat) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append("\"k").append(repeat && i == count - 1 ? 0 : i).append("\":").append(i);
        }
        return out.append('}').toString();
    }

    @Test
    void bigObjects_copied() {
        assertSameAsTree(plan(ORDERS), "{\"data\":{\"orders\":[" + manyKeys(40, false) + "," + manyKeys(3, false) + "]}}");
    }

    @Test
    void aliasedRootField_writtenUnderTheClientKey() {
        assertSameAsTree(plan(ORDERS, ALIASED),
                "{\"data\":{\"orders\":[],\"shop__latest\":{\"id\":3,\"__typename\":\"Order\"}}}");
    }

    @Test
    void typenameInsideData_copiedAsItIs() {
        assertSameAsTree(plan(ORDERS), "{\"data\":{\"orders\":[{\"__typename\":\"Order\",\"id\":1}]}}");
    }

    @Test
    void emptyOrNullErrorsAndExtensions_stillPassThrough() {
        assertSameAsTree(plan(ORDERS), "{\"errors\":[],\"data\":{\"orders\":null},\"extensions\":{\"cost\":[1,{\"a\":2}]}}");
        assertSameAsTree(plan(ORDERS), "{\"data\":{\"orders\":[]},\"errors\":null}");
    }

    @Test
    void partialData_nullableFieldNull_passesThrough() {
        assertSameAsTree(plan(ORDERS, remote("other", "other", false)), "{\"data\":{\"orders\":[{\"id\":1}],\"other\":null}}");
    }

    @Test
    void answersTheTreePathMustShape_declined() {
        QueryPlan plan = plan(ORDERS, ALIASED);
        List<String> declined = List.of(
                // upstream errors: placed by FieldErrors
                "{\"data\":{\"orders\":null,\"shop__latest\":null},\"errors\":[{\"message\":\"boom\",\"path\":[\"orders\"]}]}",
                "{\"errors\":[{\"message\":\"boom\"}],\"data\":{\"orders\":[],\"shop__latest\":{}}}",
                // a non-null field null: data is nulled
                "{\"data\":{\"orders\":[],\"shop__latest\":null}}",
                // keys missing, extra or in another order
                "{\"data\":{\"orders\":[]}}",
                "{\"data\":{\"shop__latest\":{},\"orders\":[]}}",
                "{\"data\":{\"orders\":[],\"shop__latest\":{},\"more\":1}}",
                // not a usable answer
                "{\"data\":null}", "{}", "[]", "not json", "{\"data\":{\"orders\":[],\"shop__latest\":{}}} trailing",
                "{\"data\":[1]}", "{\"data\":{\"orders\":[],\"shop__latest\":{}},\"errors\":{}}",
                // a key twice: the tree keeps the last value
                "{\"data\":{\"orders\":[{\"id\":1,\"id\":2}],\"shop__latest\":{}}}",
                "{\"data\":{\"orders\":[],\"shop__latest\":" + manyKeys(40, true) + "}}",
                "{\"data\":{\"orders\":[],\"shop__latest\":{}},\"data\":{\"orders\":[],\"shop__latest\":{}}}");
        for (String upstream : declined) {
            assertThat(fast(plan, upstream)).as(upstream).isNull();
        }
    }

    @Test
    void plansWithWorkOnTheAnswer_takeTheTreePath() {
        RootEntry.Remote translated = new RootEntry.Remote("orders", 0, "orders", false, false,
                new TypenameKeys(Set.of("__typename"), Map.of()));
        RootEntry.Remote conditional = new RootEntry.Remote("orders", 0, "orders", false, true, TypenameKeys.NONE);
        RootEntry.Constant typename = new RootEntry.Constant("__typename", Json.MAPPER.getNodeFactory().textNode("query_root"),
                List.of());
        assertThat(PassThroughWriter.applies(plan(translated))).isNull();
        assertThat(PassThroughWriter.applies(plan(conditional))).isNull();
        assertThat(PassThroughWriter.applies(plan(ORDERS, typename))).isNull();
        QueryPlan twoRemotes = new QueryPlan(false, List.of(new RootFetch("shop", "{a}", null, List.of()),
                new RootFetch("crm", "{b}", null, List.of())), List.of(ORDERS, new RootEntry.Remote("b", 1, "b", false,
                false, TypenameKeys.NONE)), List.of(), HiddenFields.NONE, Map.of());
        assertThat(PassThroughWriter.applies(twoRemotes)).isNull();
    }
}
