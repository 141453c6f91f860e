package io.joinery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading wrk's summary line (printed by the benchmark's Lua `done` hook). */
class WrkTest {

    @Test
    void summaryLine_givesRequestsDurationPercentilesAndErrors() {
        String output = """
                Running 2s test @ http://127.0.0.1:8080/v1/graphql
                  2 threads and 32 connections
                JOINERY_BENCH 10000 2000000 1500 4250 3
                """;

        Wrk.Result result = Wrk.parse(output).orElseThrow();

        assertThat(result.requests()).isEqualTo(10_000);
        assertThat(result.seconds()).isEqualTo(2.0);
        assertThat(result.rps()).isEqualTo(5_000.0);
        assertThat(result.p50Ms()).isEqualTo(1.5);
        assertThat(result.p99Ms()).isEqualTo(4.25);
        assertThat(result.errors()).isEqualTo(3);
    }

    @Test
    void noSummaryLine_isNoResult() {
        assertThat(Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused")).isEmpty();
    }
}
