package io.joinery.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How a benchmark run is done: the full run (every scenario of a tier warmed up for at least 10 s
 * and 20,000 requests and until the server's JIT is done, at most 120 s; then per scenario 5 s of
 * warm-up again, longer while the JIT still works, and 20 s of load) or the
 * quick one CI uses (no warm-up, 2 s of load: it proves the harness works, its numbers mean little), which
 * scenarios, where the repository (the jars) and the work directory are, and extra JVM options
 * for the servers under test.
 */
record BenchOptions(boolean quick, Path repo, Path workDir, List<String> only, List<String> serverJvmArgs,
                    String searchPath) {
    static final int CONNECTIONS = 32;
    static final int WRK_THREADS = 2;
    /** A full run's warm-up goes on until the server answered this many requests (up to {@link #MAX_WARMUP}). */
    static final long WARMUP_REQUESTS = 20_000;
    static final Duration MAX_WARMUP = Duration.ofSeconds(120);
    /** A full run's warm-up of each scenario again right before it is measured (at least; at most {@link #MAX_REWARM}). */
    static final Duration REWARM = Duration.ofSeconds(5);
    static final Duration MAX_REWARM = Duration.ofSeconds(30);
    /** Warm-ups go in rounds of wrk this long. */
    static final Duration WARMUP_ROUND = Duration.ofSeconds(5);
    /**
     * A warm-up also goes on until the server's JIT compilers took less than this part of its CPU
     * in the last round: the hot path is compiled, and the measured load is not paying for it.
     */
    static final double JIT_SETTLED = 0.03;

    BenchOptions {
        only = List.copyOf(only);
        serverJvmArgs = List.copyOf(serverJvmArgs);
    }

    static final String USAGE = """
            usage: bench/run [--quick] [--only NAME[,NAME...]] [--work-dir DIR]
              --quick      no warm-up, 2 s of load per scenario (also JOINERY_BENCH_QUICK=1). Default: each
                           scenario warmed up for at least 10 s and 20,000 requests, and until the server's
                           JIT compilers take under 3 % of its CPU (at most 120 s), then each one 5 s of
                           warm-up again (until the JIT is done, at most 30 s) and 20 s of load
              --only       run the scenarios whose names start with one of these (e.g. --only gateway-join,child-20)
              --work-dir   where the database, logs and wrk scripts go (default bench/target/bench-work; emptied first)
            environment: JOINERY_BENCH_JAVA_OPTS  extra JVM options for the child and gateway (e.g. a profiler agent)
            """;

    /** From the command line and the environment; {@code repo} is the repository root (the jars are under it). */
    static BenchOptions parse(String[] args, Map<String, String> env, Path repo) {
        boolean quick = "1".equals(env.get("JOINERY_BENCH_QUICK")) || "true".equals(env.get("JOINERY_BENCH_QUICK"));
        Path workDir = repo.resolve("bench/target/bench-work");
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> only.addAll(Arrays.asList(value(args, ++i).split(",")));
                case "--work-dir" -> workDir = Path.of(value(args, ++i));
                default -> throw new BenchFailure("unknown argument " + args[i] + "\n" + USAGE);
            }
        }
        String javaOpts = env.getOrDefault("JOINERY_BENCH_JAVA_OPTS", "").strip();
        List<String> jvmArgs = javaOpts.isEmpty() ? List.of() : List.of(javaOpts.split("\\s+"));
        return new BenchOptions(quick, repo, workDir.toAbsolutePath(), only, jvmArgs, env.get("PATH"));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new BenchFailure(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    Duration warmup() {
        return quick ? Duration.ZERO : Duration.ofSeconds(10);
    }

    Duration load() {
        return quick ? Duration.ofSeconds(2) : Duration.ofSeconds(20); // a cold server may answer nothing in 1 s
    }

    /** Requests sent one by one to count upstream requests or SQL statements per query. */
    int countedRequests() {
        return quick ? 5 : 100;
    }

    boolean selects(Scenario scenario) {
        return only.isEmpty() || only.stream().anyMatch(prefix -> scenario.name().startsWith(prefix.strip()));
    }

    Path childJar() {
        return repo.resolve("child/target/joinery-child.jar");
    }

    Path gatewayJar() {
        return repo.resolve("gateway/target/joinery-gateway.jar");
    }
}
