package io.joinery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;

/**
 * One benchmark run: start the stack; then, tier by tier (gateway, child), check every scenario's
 * answer and warm the server up with each of them; then for every scenario a short re-warm-up,
 * wrk (32 connections) while reading the server's CPU time, and the count of what one query costs
 * downstream with requests sent one by one. Everything is bounded in time.
 *
 * <p>A scenario and its observability-off twin (issue 18), or a role's scenario and its admin baseline
 * (issue 14), are an A/B pair: their load is cut into
 * {@link #AB_ROUNDS} rounds run in the order A B, B A, A B, ..., so that what else the machine does
 * weighs on both alike (and a trend over the run cancels out); the report compares each round of A
 * with the round of B next to it in time ({@link ResultTable#observabilityOverhead}).
 */
final class Bench {
    /** Rounds of an A/B pair's load in a full run, 2 s each (a quick run: one round each). */
    static final int AB_ROUNDS = 10;

    private final BenchOptions options;
    private final Wrk wrk;
    private final ProcessCpu cpu = ProcessCpu.detect();

    private Bench(BenchOptions options) {
        this.options = options;
        this.wrk = Wrk.locate(options.searchPath(), options.workDir().resolve("wrk"));
    }

    /** Runs the selected scenarios; the servers are stopped at the end, also on Ctrl-C. */
    static List<Measurement> run(BenchOptions options) {
        List<Scenario> scenarios = Scenarios.all().stream().filter(options::selects).toList();
        if (scenarios.isEmpty()) {
            throw new BenchFailure("no scenario matches --only " + String.join(",", options.only()) + "; scenarios: "
                    + String.join(", ", Scenarios.all().stream().map(Scenario::name).toList()));
        }
        Bench bench = new Bench(options);
        try (FileChannel lock = lock(options.workDir())) {
            boolean gateway = scenarios.stream().anyMatch(s -> s.tier() == Scenario.Tier.GATEWAY && !s.observabilityOff());
            boolean gatewayOff = scenarios.stream().anyMatch(Scenario::observabilityOff);
            boolean child = scenarios.stream().anyMatch(s -> s.tier() == Scenario.Tier.CHILD);
            BenchStack stack = new BenchStack(options);
            Thread stopper = new Thread(stack::close, "joinery-bench-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                stack.start(gateway, gatewayOff, child);
                List<Measurement> results = new ArrayList<>();
                for (Scenario.Tier tier : Scenario.Tier.values()) {
                    List<Scenario> ofTier = scenarios.stream().filter(s -> s.tier() == tier).toList();
                    if (!options.warmup().isZero()) {
                        ofTier.forEach(scenario -> bench.warmUp(scenario, stack));
                        if (gatewayOff && tier == Scenario.Tier.GATEWAY) {
                            // the observability-off gateway gets the same mix of requests as the default
                            // one (JIT profiles depend on it), so a pair compares like with like
                            ofTier.stream().filter(s -> !s.observabilityOff() && ofTier.stream().noneMatch(
                                            twin -> twin.name().equals(s.name() + Scenario.OBSERVABILITY_OFF)))
                                    .forEach(scenario -> bench.warmUp(scenario.withObservabilityOff(), stack));
                        }
                    }
                    for (Scenario scenario : ofTier) {
                        boolean measuredWithItsFirst = scenario.measuredAfter()
                                .filter(first -> ofTier.stream().anyMatch(s -> s.name().equals(first))).isPresent();
                        if (!measuredWithItsFirst) {
                            List<Scenario> measured = new ArrayList<>(List.of(scenario));
                            ofTier.stream().filter(s -> s.measuredAfter().filter(scenario.name()::equals).isPresent())
                                    .findFirst().ifPresent(measured::add);
                            results.addAll(bench.measure(measured, stack));
                        }
                    }
                }
                return results;
            } finally {
                stack.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException e) {
                    // Ctrl-C: the JVM is already shutting down, and the hook has stopped the stack
                }
            }
        } catch (IOException e) {
            throw new BenchFailure("cannot lock " + options.workDir() + ": " + e.getMessage());
        }
    }

    private static String url(Scenario scenario, BenchStack stack) {
        return scenario.tier() == Scenario.Tier.GATEWAY ? stack.gatewayGraphqlUrl(scenario.observabilityOff())
                : stack.childGraphqlUrl();
    }

    /** One request, whose answer must be right: a scenario that answers wrongly is never timed. */
    private static void check(Scenario scenario, String url) {
        JsonNode answer = HttpJson.post(url, scenario.body(), scenario.headers(), scenario.name());
        scenario.problem(answer).ifPresent(problem -> {
            throw new BenchFailure(scenario.name() + " answers wrongly, not measuring it: " + problem);
        });
    }

    /**
     * Measures {@code scenarios} (one, or an A/B pair) under load: checked, re-warmed, then their
     * load in rounds (one round for a single scenario), then each one's downstream count.
     */
    private List<Measurement> measure(List<Scenario> scenarios, BenchStack stack) {
        scenarios.forEach(scenario -> check(scenario, url(scenario, stack)));
        int rounds = scenarios.size() == 1 || options.quick() ? 1 : AB_ROUNDS;
        Duration slice = options.load().dividedBy(rounds);
        BenchStack.step(String.join(" and ", scenarios.stream().map(Scenario::name).toList()) + ": "
                + options.load().toSeconds() + " s of load" + (rounds == 1 ? "" : " each, in " + rounds
                + " alternating rounds of " + slice.toSeconds() + " s"));
        if (!options.warmup().isZero()) {
            for (Scenario scenario : scenarios) {
                // the tier was warmed up with every scenario; this one's own profile comes back in a few
                // seconds, and the JIT recompiles what the other scenarios made it compile otherwise
                drive(scenario, stack, BenchOptions.REWARM, 0, BenchOptions.MAX_REWARM);
                settle(activity(scenario, stack));
            }
        }
        List<Load> loads = new ArrayList<>();
        List<List<Double>> roundRps = new ArrayList<>();
        scenarios.forEach(scenario -> {
            loads.add(new Load());
            roundRps.add(new ArrayList<>());
        });
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < scenarios.size(); i++) {
                int which = round % 2 == 0 ? i : scenarios.size() - 1 - i;
                Load load = loadOnce(scenarios.get(which), stack, slice);
                loads.get(which).add(load);
                if (rounds > 1) {
                    roundRps.get(which).add(load.requests / load.seconds);
                    System.out.println(String.format(Locale.ROOT, "bench:   round %d: %s: %,.0f req/s, server CPU %.3f ms/query",
                            round + 1, scenarios.get(which).name(), load.requests / load.seconds,
                            load.serverMs / Math.max(1, load.requests)));
                }
                settle(activity(scenarios.get(which), stack));
            }
        }
        List<Measurement> measured = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            measured.add(finish(scenarios.get(i), stack, loads.get(i), roundRps.get(i)));
        }
        return measured;
    }

    /**
     * Requests in flight show as upstream requests (gateway) or as Postgres at work (child); the
     * servers' own CPU is no sign of them: JIT compilation and GC go on for a while after a load.
     */
    private DoubleSupplier activity(Scenario scenario, BenchStack stack) {
        if (scenario.tier() == Scenario.Tier.GATEWAY) {
            return () -> stack.stub().requests() * 1000.0;
        }
        OptionalLong postgresPid = stack.postgresPid();
        return () -> postgresPid.isPresent() ? cpu.treeMs(postgresPid.getAsLong()) : 0;
    }

    /** One wrk run of {@code scenario} for {@code duration}, with the CPU its server (and Postgres) spent. */
    private Load loadOnce(Scenario scenario, BenchStack stack, Duration duration) {
        boolean gateway = scenario.tier() == Scenario.Tier.GATEWAY;
        long serverPid = serverPid(scenario, stack);
        OptionalLong postgresPid = gateway ? OptionalLong.empty() : stack.postgresPid();
        ProcessCpu.JvmCpu serverBefore = cpu.jvm(serverPid);
        double postgresBefore = postgresPid.isPresent() ? cpu.treeMs(postgresPid.getAsLong()) : Double.NaN;
        Wrk.Result result = wrk.run(scenario.name(), url(scenario, stack), scenario.body(), scenario.headers(),
                BenchOptions.WRK_THREADS, BenchOptions.CONNECTIONS, duration);
        Load load = new Load();
        load.requests = result.requests();
        load.seconds = result.seconds();
        load.p50Sum = result.p50Ms() * result.requests();
        load.p99Sum = result.p99Ms() * result.requests();
        load.errors = result.errors();
        ProcessCpu.JvmCpu server = cpu.jvm(serverPid).since(serverBefore);
        load.serverMs = server.ms();
        load.jitMs = server.jitMs();
        load.postgresMs = postgresPid.isPresent() ? cpu.treeMs(postgresPid.getAsLong()) - postgresBefore : Double.NaN;
        return load;
    }

    /**
     * The load of one scenario over its rounds: requests, time and CPU add up; the percentiles are
     * each round's weighted by its requests (exact with one round, a close estimate with several).
     */
    private static final class Load {
        long requests;
        double seconds;
        double p50Sum;
        double p99Sum;
        long errors;
        double serverMs;
        double jitMs;
        double postgresMs;

        void add(Load round) {
            requests += round.requests;
            seconds += round.seconds;
            p50Sum += round.p50Sum;
            p99Sum += round.p99Sum;
            errors += round.errors;
            serverMs += round.serverMs;
            jitMs += round.jitMs;
            postgresMs += round.postgresMs; // NaN (not measured: the gateway) stays NaN
        }
    }

    /** The scenario's numbers: its load, then what one query costs downstream, counted with requests sent one by one. */
    private Measurement finish(Scenario scenario, BenchStack stack, Load load, List<Double> roundRps) {
        boolean gateway = scenario.tier() == Scenario.Tier.GATEWAY;
        String url = url(scenario, stack);
        String body = scenario.body();
        if (load.errors > 0) {
            System.err.println("bench: " + scenario.name() + ": " + load.errors + " failed requests under load");
        }
        int n = options.countedRequests();
        Runnable traffic = () -> {
            for (int i = 0; i < n; i++) {
                HttpJson.post(url, body, scenario.headers(), scenario.name());
            }
        };
        double perQuery = Double.NaN;
        Map<String, Double> statements = Map.of();
        if (gateway) {
            long before = stack.stub().requests();
            traffic.run();
            perQuery = (double) (stack.stub().requests() - before) / n;
        } else if (stack.statements().isPresent()) {
            StatementCounter.Count count = stack.statements().get().measure(n, traffic);
            perQuery = count.perRequest();
            statements = count.byStatement();
        }
        double requests = Math.max(1, load.requests);
        Measurement m = new Measurement(scenario.name(), scenario.tier(), scenario.description(),
                load.requests / load.seconds, load.p50Sum / requests, load.p99Sum / requests, load.requests,
                load.errors, load.serverMs / requests, new ProcessCpu.JvmCpu(load.serverMs, load.jitMs).jitShare(),
                load.postgresMs / requests, perQuery, statements, roundRps);
        System.out.println(String.format(Locale.ROOT, "bench: %s: %,.0f req/s, p50 %.2f ms, p99 %.2f ms, "
                        + "server CPU %.3f ms/query%s", m.scenario(), m.rps(), m.p50Ms(), m.p99Ms(), m.serverCpuMs(),
                gateway ? "" : String.format(Locale.ROOT, ", Postgres CPU %.3f ms/query", m.postgresCpuMs())));
        return m;
    }

    /**
     * wrk in rounds of 5 s until the warm-up time has passed AND the server has answered
     * {@link BenchOptions#WARMUP_REQUESTS} requests AND its JIT compilers took under
     * {@link BenchOptions#JIT_SETTLED} of its CPU in the last round (on 2 cores under load, C2 works
     * through its queue for tens of seconds, and code not compiled yet runs several times slower),
     * but never longer than {@link BenchOptions#MAX_WARMUP}. Every scenario of a tier is warmed up
     * before the first is measured, so the order of the scenarios matters little.
     */
    private void warmUp(Scenario scenario, BenchStack stack) {
        check(scenario, url(scenario, stack));
        BenchStack.step(scenario.name() + ": warm-up (at least " + options.warmup().toSeconds() + " s and "
                + BenchOptions.WARMUP_REQUESTS + " requests, and until the JIT is done, at most "
                + BenchOptions.MAX_WARMUP.toSeconds() + " s)");
        Warm warm = drive(scenario, stack, options.warmup(), BenchOptions.WARMUP_REQUESTS, BenchOptions.MAX_WARMUP);
        System.out.println(String.format(Locale.ROOT, "bench: %s: warmed up in %d s, %,d requests; JIT %s of the "
                + "server's CPU in the last 5 s", scenario.name(), warm.elapsed.toSeconds(), warm.requests,
                ResultTable.share(warm.jitShare)));
        if (warm.requests < BenchOptions.WARMUP_REQUESTS || warm.jitShare > BenchOptions.JIT_SETTLED) {
            System.err.printf("bench: %s: the warm-up stopped at its %d s bound (the machine is busy): the JIT may "
                    + "not have compiled everything yet%n", scenario.name(), BenchOptions.MAX_WARMUP.toSeconds());
        }
    }

    /** How a warm-up ended: its time, the requests answered, the JIT's share of the server's CPU in its last round. */
    private record Warm(Duration elapsed, long requests, double jitShare) {}

    /**
     * wrk in rounds of 5 s until {@code minimum} has passed, {@code requests} were answered and the
     * server's JIT took under {@link BenchOptions#JIT_SETTLED} of its CPU in the last round; at most
     * {@code maximum}.
     */
    private Warm drive(Scenario scenario, BenchStack stack, Duration minimum, long requests, Duration maximum) {
        long pid = serverPid(scenario, stack);
        long started = System.nanoTime();
        long answered = 0;
        double jitShare = Double.NaN;
        boolean compiling = true;
        Duration elapsed = Duration.ZERO;
        while (elapsed.compareTo(maximum) < 0 && (elapsed.compareTo(minimum) < 0 || answered < requests || compiling)) {
            ProcessCpu.JvmCpu before = cpu.jvm(pid);
            answered += wrk.run(scenario.name() + "-warmup", url(scenario, stack), scenario.body(), scenario.headers(),
                    BenchOptions.WRK_THREADS, BenchOptions.CONNECTIONS, BenchOptions.WARMUP_ROUND).requests();
            jitShare = cpu.jvm(pid).since(before).jitShare();
            compiling = jitShare > BenchOptions.JIT_SETTLED; // NaN (not measured here): not waited for
            elapsed = Duration.ofNanos(System.nanoTime() - started);
        }
        return new Warm(elapsed, answered, jitShare);
    }

    private static long serverPid(Scenario scenario, BenchStack stack) {
        return scenario.tier() == Scenario.Tier.GATEWAY ? stack.gatewayPid(scenario.observabilityOff())
                : stack.childPid();
    }

    /**
     * Waits until the requests still in flight when wrk stopped are done: {@code activity} (the
     * upstream stub's request count, or the child's Postgres CPU ms) stays quiet for 250 ms, that is
     * no request, or under 10% of one core. Bounded: 10 s at most (3 s in a quick run).
     */
    private void settle(DoubleSupplier activity) {
        long deadline = System.nanoTime() + (options.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(10)).toNanos();
        double previous = activity.getAsDouble();
        while (System.nanoTime() < deadline) {
            ServerProcess.sleep(Duration.ofMillis(250));
            double current = activity.getAsDouble();
            if (current - previous < 25) {
                return;
            }
            previous = current;
        }
    }

    /** One run per work directory at a time: the lock is held until the returned channel is closed. */
    private static FileChannel lock(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        FileChannel channel = FileChannel.open(workDir.resolve("bench.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new BenchFailure("another benchmark is running in " + workDir + " (bench.lock is held)");
        }
        return channel;
    }
}
