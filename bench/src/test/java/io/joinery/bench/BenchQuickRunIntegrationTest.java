package io.joinery.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * `bench/run --quick` as CI runs it: the child and gateway jars (built by `package`, before this
 * phase), the upstream stub and wrk. It asserts that every scenario produced every number, never
 * what the numbers are (no timing assertions). Needs wrk: on a developer machine where it is
 * missing the test is skipped; in CI (environment {@code CI} set, as .ci/run runs, which installs
 * wrk) or with {@code -Djoinery.bench.requireWrk=true} a missing wrk is a failure.
 */
class BenchQuickRunIntegrationTest {

    @Test
    @Timeout(600)
    void quickRun_measuresEveryScenario() {
        String path = System.getenv("PATH");
        boolean hasWrk = Wrk.find(path).isPresent();
        if (Boolean.getBoolean("joinery.bench.requireWrk") || System.getenv("CI") != null) {
            assertThat(hasWrk).as("wrk is on the PATH (apt-get install -y wrk)").isTrue();
        }
        assumeTrue(hasWrk, "wrk is not installed: the quick benchmark run is skipped (apt-get install -y wrk)");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--work-dir",
                repo.resolve("bench/target/bench-quick-test").toString()}, Map.of("PATH", path), repo);

        List<Measurement> results = Bench.run(options);

        assertThat(results).extracting(Measurement::scenario).containsExactlyElementsOf(
                Scenarios.all().stream().map(Scenario::name).toList());
        for (Measurement m : results) {
            assertThat(m.isComplete()).as("every number of %s: %s", m.scenario(), m).isTrue();
        }
        String table = ResultTable.render(List.of("quick run"), results);
        assertThat(table).contains("gateway-join-500-400-keys").contains("child-aggregate")
                .contains("- gateway-pass-through-50: throughput").contains("- gateway-join-50: throughput");
    }
}
