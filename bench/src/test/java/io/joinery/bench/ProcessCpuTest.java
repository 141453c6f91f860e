package io.joinery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The server's CPU and the part of it its JIT compilers took, as the benchmark reads them. */
class ProcessCpuTest {
    @Test
    void hotSpotsCompilerThreads_areTheJit_asLinuxShowsTheirNames() {
        assertThat(ProcessCpu.isCompiler("C2 CompilerThre")).isTrue();
        assertThat(ProcessCpu.isCompiler("C1 CompilerThre")).isTrue();
        assertThat(ProcessCpu.isCompiler("reactor-http-ep")).isFalse();
        assertThat(ProcessCpu.isCompiler("GC Thread#0")).isFalse();
    }

    @Test
    void theJitsShare_isOfTheCpuUsedBetweenTwoReadings_andNotMeasuredWhenNoneWas() {
        ProcessCpu.JvmCpu before = new ProcessCpu.JvmCpu(1_000, 300);

        assertThat(new ProcessCpu.JvmCpu(1_400, 320).since(before).jitShare()).isEqualTo(0.05);
        assertThat(new ProcessCpu.JvmCpu(1_000, 300).since(before).jitShare()).isNaN();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisJvmsJit_tookSomeOfItsCpu_andNoMoreThanAll() {
        ProcessCpu cpu = ProcessCpu.detect();
        long pid = ProcessHandle.current().pid();

        double jit = cpu.jitMs(pid);
        double all = cpu.processMs(pid);

        // loading JUnit and AssertJ has compiled code on the compiler threads for far over one tick
        assertThat(jit).isGreaterThan(0);
        assertThat(jit).isLessThanOrEqualTo(all);
        assertThat(cpu.jitMs(Long.MAX_VALUE)).isZero();
    }
}
