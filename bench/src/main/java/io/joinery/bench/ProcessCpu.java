package io.joinery.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of processes, read from {@code /proc/<pid>/stat} (user + system, in clock ticks of
 * {@code getconf CLK_TCK}, usually 10 ms). A process group such as a Postgres server is its
 * postmaster, every live descendant (the backends) and the children the postmaster already reaped.
 * A JVM's JIT compilers are its threads HotSpot names {@code C1 CompilerThreadN} and
 * {@code C2 CompilerThreadN} (in {@code /proc/<pid>/task/<tid>/stat}, cut to 15 characters).
 */
final class ProcessCpu {
    private final double msPerTick;

    private ProcessCpu(double msPerTick) {
        this.msPerTick = msPerTick;
    }

    static ProcessCpu detect() {
        long ticks = 100;
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            if (getconf.waitFor() == 0 && out.matches("\\d+")) {
                ticks = Long.parseLong(out);
            }
        } catch (IOException e) {
            // no getconf: Linux's USER_HZ is 100 everywhere it runs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ProcessCpu(1000.0 / ticks);
    }

    /** User + system CPU ms of one process (all its threads); 0 when it is gone. */
    double processMs(long pid) {
        return stat(pid).map(this::ms).orElse(0.0);
    }

    /** User + system CPU ms of a JVM's JIT compiler threads; 0 when the process is gone. */
    double jitMs(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.map(thread -> read(thread.resolve("stat")))
                    .flatMap(Optional::stream)
                    .filter(text -> isCompiler(text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'))))
                    .mapToDouble(text -> ms(fields(text))).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** A JVM's CPU ms so far: all its threads, and its JIT compilers. */
    JvmCpu jvm(long pid) {
        return new JvmCpu(processMs(pid), jitMs(pid));
    }

    /** CPU ms of a JVM, {@code ms} in all, {@code jitMs} of it in its JIT compilers. */
    record JvmCpu(double ms, double jitMs) {
        /** What was used between {@code before} and this reading. */
        JvmCpu since(JvmCpu before) {
            return new JvmCpu(ms - before.ms, jitMs - before.jitMs);
        }

        /** The JIT compilers' part of the CPU used; NaN when none was (not measured). */
        double jitShare() {
            return ms > 0 ? jitMs / ms : Double.NaN;
        }
    }

    static boolean isCompiler(String threadName) {
        return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre");
    }

    /** CPU ms of a process, its live descendants, and its children that already exited and were waited for. */
    double treeMs(long pid) {
        double reaped = stat(pid).map(f -> (Long.parseLong(f[13]) + Long.parseLong(f[14])) * msPerTick).orElse(0.0);
        double live = processMs(pid);
        live += ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToDouble(p -> processMs(p.pid())).sum();
        return live + reaped;
    }

    /** User + system time of a stat file's {@link #fields}, in ms. */
    private double ms(String[] fields) {
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * msPerTick;
    }

    /** The fields of /proc/pid/stat after the command name: [0] is field 3 (state), [11] utime, [12] stime. */
    private static Optional<String[]> stat(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat")).map(ProcessCpu::fields);
    }

    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** A stat file's text; empty when its process or thread is gone. */
    private static Optional<String> read(Path stat) {
        try {
            return Optional.of(Files.readString(stat));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
