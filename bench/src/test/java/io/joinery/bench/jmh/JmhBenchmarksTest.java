package io.joinery.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every JMH benchmark, run once per parameter outside JMH: its set-up works and the operation it
 * times does the real work (so a benchmark can never silently measure an error path).
 */
class JmhBenchmarksTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "off"})
    void observability_sendsATraceparentUpstream_onlyByDefault(String observability) {
        ObservabilityBenchmark benchmark = new ObservabilityBenchmark();
        benchmark.observability = observability;
        benchmark.setUp();
        try {
            assertThat(benchmark.request()).extracting(Map.Entry::getKey)
                    .isEqualTo(observability.equals("off") ? List.of() : List.of("traceparent"));
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway-pass-through-50", "gateway-join-50", "gateway-join-500-400-keys"})
    void planner_plansOneRootFetch_andTheJoin(String scenario) {
        QueryPlannerBenchmark benchmark = new QueryPlannerBenchmark();
        benchmark.scenario = scenario;
        benchmark.setUp();

        assertThat(benchmark.plan().roots()).hasSize(1);
        assertThat(benchmark.plan().joins()).hasSize(scenario.contains("join") ? 1 : 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway-pass-through-50", "gateway-join-50", "gateway-join-500-400-keys"})
    void planExecution_answersEveryRow_withItsJoinedCustomer(String scenario) throws Exception {
        PlanExecutionBenchmark benchmark = new PlanExecutionBenchmark();
        benchmark.scenario = scenario;
        benchmark.setUp();

        JsonNode body = benchmark.execute().body();
        assertThat(body.has("errors")).as(body.toString()).isFalse();
        JsonNode orders = body.at("/data/orders");
        assertThat(orders).hasSize(scenario.contains("500") ? 500 : 50);
        for (JsonNode order : orders) {
            if (scenario.contains("join")) {
                int customerId = (order.get("id").asInt() - 1) % (scenario.contains("500") ? 400 : 50) + 1;
                assertThat(order.at("/customer/name").asText()).isEqualTo("Customer " + customerId);
            } else {
                assertThat(order.has("customer")).isFalse();
            }
        }
        String written = new String(benchmark.executeAndWrite(), StandardCharsets.UTF_8);
        assertThat(written.equals(Json.MAPPER.writeValueAsString(body))).as("the response is written as it is").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway-pass-through-50", "gateway-join-500-400-keys"})
    void httpBody_readsTheSameRequest_andWritesTheSameBytes_everyWay(String scenario) throws Exception {
        HttpBodyBenchmark benchmark = new HttpBodyBenchmark();
        benchmark.scenario = scenario;
        benchmark.setUp();

        assertThat(benchmark.readAsBytes()).isEqualTo(benchmark.readAsText());
        assertThat(benchmark.readAsBytes().query()).contains("orders");
        byte[] written = benchmark.writeAsText();
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"orders\"");
        assertThat(benchmark.writeAsBytes()).isEqualTo(written);
        assertThat(benchmark.writeToPooledBuffer()).isEqualTo(written.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"child-20-rows", "child-50-authors-x-10-articles", "child-nested-filters",
            "child-aggregate"})
    void sqlCompiler_compilesOneStatementPerQuery(String scenario) {
        SqlCompilerBenchmark benchmark = new SqlCompilerBenchmark();
        benchmark.scenario = scenario;
        benchmark.setUp();

        String root = scenario.equals("child-aggregate") ? "article_aggregate"
                : scenario.contains("authors") ? "author" : "article";
        assertThat(benchmark.compile().text()).startsWith("SELECT row_to_json((SELECT \"o$\" FROM (SELECT (SELECT ")
                .endsWith(") AS \"" + root + "\") AS \"o$\")) AS data");
        assertThat(benchmark.normalizeAndCompile()).isEqualTo(benchmark.compile());
    }
}
