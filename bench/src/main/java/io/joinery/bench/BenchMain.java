package io.joinery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * `bench/run`: the load benchmark of issue 16 (see docs/performance.md). Prints the table and
 * writes it to {@code <work-dir>/results.md}. Run from the repository root, where the jars are.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        try {
            BenchOptions options = BenchOptions.parse(args, System.getenv(), Path.of("").toAbsolutePath());
            String before = loadAverage();
            String cpuBefore = cpuLine();
            List<Measurement> results = Bench.run(options);
            String report = ResultTable.render(context(options, before, cpuBefore), results);
            System.out.println();
            System.out.print(report);
            Path file = options.workDir().resolve("results.md");
            Files.writeString(file, report);
            System.out.println("\n(written to " + file + ")");
        } catch (BenchFailure e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("bench: cannot write the results: " + e.getMessage());
            System.exit(1);
        }
    }

    static List<String> context(BenchOptions options, String loadBefore, String cpuBefore) {
        List<String> lines = new ArrayList<>();
        lines.add("Joinery benchmark, " + (options.quick() ? "QUICK run (numbers only prove the harness works)"
                : "full run") + ", " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        lines.add("wrk -t" + BenchOptions.WRK_THREADS + " -c" + BenchOptions.CONNECTIONS + "; "
                + (options.warmup().isZero() ? "no warm-up"
                        : "warm-up per scenario >= " + options.warmup().toSeconds() + " s and "
                                + BenchOptions.WARMUP_REQUESTS + " requests and JIT < "
                                + ResultTable.share(BenchOptions.JIT_SETTLED) + " of server CPU (<= "
                                + BenchOptions.MAX_WARMUP.toSeconds() + " s), then " + BenchOptions.REWARM.toSeconds()
                                + "-" + BenchOptions.MAX_REWARM.toSeconds() + " s")
                + "; " + options.load().toSeconds() + " s measured per scenario; counts from "
                + options.countedRequests() + " sequential requests");
        lines.add("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + "; load average before " + loadBefore + ", after "
                + loadAverage() + "; CPU time stolen by the hypervisor during the run: "
                + stolenShare(cpuBefore, cpuLine()));
        return lines;
    }

    /** The machine's `cpu` line of /proc/stat (its CPU time by kind, in clock ticks), or null. */
    static String cpuLine() {
        try {
            return Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("cpu ")).findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The share of the machine's CPU time between two `cpu` lines of /proc/stat that the hypervisor
     * gave to other machines (`steal`, the eighth number): on a shared virtual machine, CPU per query
     * rises with it, so runs are comparable only at similar values. "unknown" without the lines.
     */
    static String stolenShare(String before, String after) {
        long[] from = ticks(before);
        long[] to = ticks(after);
        if (from == null || to == null) {
            return "unknown";
        }
        long total = 0;
        for (int i = 0; i < from.length; i++) {
            total += to[i] - from[i];
        }
        return total <= 0 ? "unknown" : String.format(Locale.ROOT, "%.1f %%", 100.0 * (to[7] - from[7]) / total);
    }

    /** user, nice, system, idle, iowait, irq, softirq, steal of a `cpu` line, or null. */
    private static long[] ticks(String line) {
        if (line == null) {
            return null;
        }
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 9) {
            return null;
        }
        long[] ticks = new long[8];
        try {
            for (int i = 0; i < 8; i++) {
                ticks[i] = Long.parseLong(fields[i + 1]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return ticks;
    }

    /** The 1, 5 and 15 minute load averages of /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
