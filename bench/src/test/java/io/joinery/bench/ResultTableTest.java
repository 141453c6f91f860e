package io.joinery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's A/B lines: observability on against off, per scenario pair. */
class ResultTableTest {
    private static Measurement gateway(String scenario, double rps, double cpuMs) {
        return new Measurement(scenario, Scenario.Tier.GATEWAY, "", rps, 1, 2, 1000, 0, cpuMs, Double.NaN, 1, Map.of());
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
}
