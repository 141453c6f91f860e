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
 */
final class Bench {
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
            boolean gateway = scenarios.stream().anyMatch(s -> s.tier() == Scenario.Tier.GATEWAY);
            boolean child = scenarios.stream().anyMatch(s -> s.tier() == Scenario.Tier.CHILD);
            BenchStack stack = new BenchStack(options);
            Thread stopper = new Thread(stack::close, "joinery-bench-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                stack.start(gateway, child);
                List<Measurement> results = new ArrayList<>();
                for (Scenario.Tier tier : Scenario.Tier.values()) {
                    List<Scenario> ofTier = scenarios.stream().filter(s -> s.tier() == tier).toList();
                    if (!options.warmup().isZero()) {
                        ofTier.forEach(scenario -> bench.warmUp(scenario, stack));
                    }
                    for (Scenario scenario : ofTier) {
                        results.add(bench.measure(scenario, stack));
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
        return scenario.tier() == Scenario.Tier.GATEWAY ? stack.gatewayGraphqlUrl() : stack.childGraphqlUrl();
    }

    /** One request, whose answer must be right: a scenario that answers wrongly is never timed. */
    private static void check(Scenario scenario, String url) {
        JsonNode answer = HttpJson.post(url, scenario.body(), scenario.headers(), scenario.name());
        scenario.problem(answer).ifPresent(problem -> {
            throw new BenchFailure(scenario.name() + " answers wrongly, not measuring it: " + problem);
        });
    }

    private Measurement measure(Scenario scenario, BenchStack stack) {
        boolean gateway = scenario.tier() == Scenario.Tier.GATEWAY;
        String url = url(scenario, stack);
        String body = scenario.body();
        check(scenario, url);
        BenchStack.step(scenario.name() + ": " + options.load().toSeconds() + " s of load");

        long serverPid = gateway ? stack.gatewayPid() : stack.childPid();
        OptionalLong postgresPid = gateway ? OptionalLong.empty() : stack.postgresPid();
        // requests in flight show as upstream requests (gateway) or as Postgres at work (child); the
        // servers' own CPU is no sign of them: JIT compilation and GC go on for a while after a load
        DoubleSupplier activity = gateway ? () -> stack.stub().requests() * 1000.0
                : () -> postgresPid.isPresent() ? cpu.treeMs(postgresPid.getAsLong()) : 0;
        if (!options.warmup().isZero()) {
            // the tier was warmed up with every scenario; this one's own profile comes back in a few seconds
            wrk.run(scenario.name() + "-warmup", url, body, scenario.headers(), BenchOptions.WRK_THREADS, BenchOptions.CONNECTIONS,
                    BenchOptions.REWARM);
            settle(activity);
        }
        double serverBefore = cpu.processMs(serverPid);
        double postgresBefore = postgresPid.isPresent() ? cpu.treeMs(postgresPid.getAsLong()) : Double.NaN;
        Wrk.Result load = wrk.run(scenario.name(), url, body, scenario.headers(), BenchOptions.WRK_THREADS, BenchOptions.CONNECTIONS,
                options.load());
        double serverMs = cpu.processMs(serverPid) - serverBefore;
        double postgresMs = postgresPid.isPresent() ? cpu.treeMs(postgresPid.getAsLong()) - postgresBefore : Double.NaN;
        if (load.errors() > 0) {
            System.err.println("bench: " + scenario.name() + ": " + load.errors() + " failed requests under load");
        }

        settle(activity);
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
        Measurement m = new Measurement(scenario.name(), scenario.tier(), scenario.description(), load.rps(),
                load.p50Ms(), load.p99Ms(), load.requests(), load.errors(), serverMs / load.requests(),
                postgresMs / load.requests(), perQuery, statements);
        System.out.println(String.format(Locale.ROOT, "bench: %s: %,.0f req/s, p50 %.2f ms, p99 %.2f ms, "
                        + "server CPU %.3f ms/query%s", m.scenario(), m.rps(), m.p50Ms(), m.p99Ms(), m.serverCpuMs(),
                gateway ? "" : String.format(Locale.ROOT, ", Postgres CPU %.3f ms/query", m.postgresCpuMs())));
        return m;
    }

    /**
     * wrk in rounds of 5 s until the warm-up time has passed AND the server has answered
     * {@link BenchOptions#WARMUP_REQUESTS} requests (so the JIT has compiled the hot path even on a
     * busy machine), but never longer than {@link BenchOptions#MAX_WARMUP}. Every scenario of a tier
     * is warmed up before the first is measured, so the order of the scenarios matters little.
     */
    private void warmUp(Scenario scenario, BenchStack stack) {
        String url = url(scenario, stack);
        String body = scenario.body();
        check(scenario, url);
        BenchStack.step(scenario.name() + ": warm-up (at least " + options.warmup().toSeconds() + " s and "
                + BenchOptions.WARMUP_REQUESTS + " requests, at most " + BenchOptions.MAX_WARMUP.toSeconds() + " s)");
        long started = System.nanoTime();
        long requests = 0;
        Duration elapsed = Duration.ZERO;
        while (elapsed.compareTo(BenchOptions.MAX_WARMUP) < 0
                && (elapsed.compareTo(options.warmup()) < 0 || requests < BenchOptions.WARMUP_REQUESTS)) {
            requests += wrk.run(scenario.name() + "-warmup", url, body, scenario.headers(), BenchOptions.WRK_THREADS,
                    BenchOptions.CONNECTIONS, Duration.ofSeconds(5)).requests();
            elapsed = Duration.ofNanos(System.nanoTime() - started);
        }
        if (requests < BenchOptions.WARMUP_REQUESTS) {
            System.err.printf("bench: %s: only %,d warm-up requests in %d s (the machine is busy): the JIT may "
                    + "not have compiled everything yet%n", scenario.name(), requests, elapsed.toSeconds());
        }
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
