package io.joinery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's A/B lines: observability on against off, and a role against admin, per scenario pair. */
class ResultTableTest {
    private static Measurement gateway(String scenario, double rps, double cpuMs) {
        return new Measurement(scenario, Scenario.Tier.GATEWAY, "", rps, 1, 2, 1000, 0, cpuMs, 0.01, Double.NaN, 1, Map.of(),
                List.of());
    }

    @Test
    void aScenarioAndItsObservabilityOffTwin_giveTheThroughputAndCpuDifference() {
        List<Measurement> results = List.of(gateway("gateway-join-50", 960, 0.525),
                gateway("gateway-join-50-observability-off", 1000, 0.5), gateway("gateway-join-500-400-keys", 100, 5));

        assertThat(ResultTable.observabilityOverhead(results)).containsExactly(
                "gateway-join-50: throughput -4.0 % with observability on (960 vs 1,000 req/s), "
                        + "server CPU per query +5.0 % (0.525 vs 0.500 ms)");
        assertThat(ResultTable.render(List.of("test"), results))
                .contains("Observability overhead (issue 18)")
                .contains("- gateway-join-50: throughput -4.0 %");
    }

    @Test
    void withRounds_theThroughputDifferenceIsTheMedianOfThePairedRounds() {
        Measurement on = new Measurement("gateway-join-50", Scenario.Tier.GATEWAY, "", 700, 1, 2, 1000, 0, 0.5, 0.01,
                Double.NaN, 2, Map.of(), List.of(900.0, 950.0, 100.0));
        Measurement off = new Measurement("gateway-join-50-observability-off", Scenario.Tier.GATEWAY, "", 1000, 1, 2,
                1000, 0, 0.5, 0.01, Double.NaN, 2, Map.of(), List.of(1000.0, 1000.0, 1000.0));

        assertThat(ResultTable.observabilityOverhead(List.of(on, off))).containsExactly(
                "gateway-join-50: throughput -10.0 % with observability on (median of 3 paired rounds, from -90.0 to "
                        + "-5.0 %; overall 700 vs 1,000 req/s, -30.0 %), server CPU per query +0.0 % (0.500 vs 0.500 ms)");
    }

    @Test
    void theTable_showsWhatPartOfTheServersCpuItsJitTook() {
        Measurement measured = new Measurement("gateway-join-50", Scenario.Tier.GATEWAY, "", 1000, 1, 2, 1000, 0, 0.5,
                0.032, Double.NaN, 2, Map.of(), List.of());
        Measurement notMeasured = new Measurement("gateway-pass-through-50", Scenario.Tier.GATEWAY, "", 1000, 1, 2,
                1000, 0, 0.5, Double.NaN, Double.NaN, 1, Map.of(), List.of());

        String table = ResultTable.render(List.of("test"), List.of(measured, notMeasured));

        assertThat(table).contains("| server CPU ms/query | of it JIT |")
                .containsPattern("\\| gateway-join-50 +\\| +1,000 \\| +1\\.00 \\| +2\\.00 \\| +0\\.500 \\| +3\\.2 % \\|")
                .containsPattern("\\| gateway-pass-through-50 +\\|.*\\| +0\\.500 \\| +n/a \\|");
    }

    @Test
    void withoutPairs_thereIsNoOverheadSection() {
        assertThat(ResultTable.render(List.of("test"), List.of(gateway("gateway-join-50", 960, 0.5))))
                .doesNotContain("Observability overhead");
    }

    @Test
    void everyObservabilityOffScenario_isTheTwinOfAGatewayScenario_listedRightAfterIt() {
        List<Scenario> all = Scenarios.all();
        List<String> twins = all.stream().filter(Scenario::observabilityOff).map(Scenario::name).toList();
        assertThat(twins).containsExactly("gateway-pass-through-50-observability-off",
                "gateway-join-50-observability-off");
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).observabilityOff()) {
                assertThat(all.get(i - 1).name() + Scenario.OBSERVABILITY_OFF).isEqualTo(all.get(i).name());
                assertThat(all.get(i).query()).isEqualTo(all.get(i - 1).query());
            }
        }
    }

    private static Measurement child(String scenario, double rps, double cpuMs, double postgresMs, List<Double> rounds) {
        return new Measurement(scenario, Scenario.Tier.CHILD, "", rps, 1, 2, 1000, 0, cpuMs, 0.01, postgresMs, 1, Map.of(),
                rounds);
    }

    @Test
    void aRoleScenarioAndItsAdminBaseline_giveTheTimePerQueryAndCpuDifference() {
        List<Measurement> results = List.of(child("child-20-rows", 1000, 0.1, 0.2, List.of(1000.0, 1000.0, 1000.0)),
                child("child-20-rows-role-filter", 800, 0.11, 0.25, List.of(950.0, 800.0, 100.0)));

        assertThat(ResultTable.roleCost(results)).containsExactly(
                "child-20-rows-role-filter against child-20-rows: time per query +25.0 % as the role (median of 3 "
                        + "paired rounds, from +5.3 to +900.0 %; overall 800 vs 1,000 req/s, +25.0 %), server CPU per "
                        + "query +10.0 % (0.110 vs 0.100 ms), Postgres CPU per query +25.0 % (0.250 vs 0.200 ms), "
                        + "SQL statements per query 1.00 vs 1.00");
        assertThat(ResultTable.render(List.of("test"), results)).contains("Permission cost (issue 14)");
        assertThat(ResultTable.render(List.of("test"), results.subList(0, 1))).doesNotContain("Permission cost");
    }

    @Test
    void everyRoleScenario_isListedRightAfterItsAdminBaseline_withTheSameQuery() {
        List<Scenario> all = Scenarios.all();
        List<String> roles = all.stream().filter(s -> s.baseline() != null).map(Scenario::name).toList();
        assertThat(roles).containsExactly("child-20-rows-role-filter", "child-50-authors-x-10-articles-role-filter");
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).baseline() != null) {
                assertThat(all.get(i - 1).name()).isEqualTo(all.get(i).baseline());
                assertThat(all.get(i).query()).isEqualTo(all.get(i - 1).query());
                assertThat(all.get(i).headers()).containsKey("X-Hasura-Role");
            }
        }
    }
}
