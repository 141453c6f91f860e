package io.joinery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchMainTest {
    @Test
    void stolenShare_isTheStealTicksOverAllTicksBetweenTwoLines() {
        String before = "cpu  100 0 50 800 0 0 0 50 0 0";
        String after = "cpu  400 0 150 1200 0 0 0 250 0 0";
        // 300 user + 100 system + 400 idle + 200 steal = 1000 ticks, 200 of them stolen
        assertThat(BenchMain.stolenShare(before, after)).isEqualTo("20.0 %");
    }

    @Test
    void stolenShare_unknownWithoutUsableLines() {
        assertThat(BenchMain.stolenShare(null, "cpu  1 2 3 4 5 6 7 8")).isEqualTo("unknown");
        assertThat(BenchMain.stolenShare("cpu  1 2 3", "cpu  1 2 3")).isEqualTo("unknown");
        assertThat(BenchMain.stolenShare("cpu  1 1 1 1 1 1 1 1", "cpu  1 1 1 1 1 1 1 1")).isEqualTo("unknown");
        assertThat(BenchMain.stolenShare("cpu  a 1 1 1 1 1 1 1", "cpu  1 1 1 1 1 1 1 1")).isEqualTo("unknown");
    }

    @Test
    void cpuLine_readsTheMachinesLineOnLinux() {
        String line = BenchMain.cpuLine();
        if (line != null) {
            assertThat(line).startsWith("cpu ");
            assertThat(BenchMain.stolenShare(line, line)).isEqualTo("unknown"); // no time passed between them
        }
    }
}
