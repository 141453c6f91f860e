package io.joinery.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The servers under test, all on 127.0.0.1: the upstream stub (in this JVM), the gateway jar in
 * front of it (and, for the observability-off scenarios, a second gateway with
 * {@link #OBSERVABILITY_OFF} in front of the same stub), and the child jar on its embedded Postgres in the work directory, seeded with
 * {@code seed.sql} and with `pg_stat_statements` preloaded. The child is started twice: the first
 * start creates the database, then `shared_preload_libraries` is added to its `postgresql.conf`
 * (a preload library needs a server restart), and the second start is the one measured.
 */
final class BenchStack implements AutoCloseable {
    private static final long STARTED = System.nanoTime();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /**
     * The servers' JOINERY_LOG_LEVEL: warnings only, so the run measures answering queries, not one
     * `http-log` line per request written to the log file (docs/observability.md#logs).
     */
    private static final String LOG_LEVEL = System.getenv().getOrDefault("JOINERY_BENCH_LOG_LEVEL", "warn");
    /** What the second gateway adds to its environment: no metrics, no trace propagation (docs/observability.md). */
    static final Map<String, String> OBSERVABILITY_OFF = Map.of("JOINERY_METRICS_ENABLED", "false",
            "OTEL_PROPAGATORS", "none");

    private final BenchOptions options;
    private final List<ServerProcess> running = new CopyOnWriteArrayList<>();
    private UpstreamStub stub;
    private ServerProcess gateway;
    private ServerProcess gatewayOff;
    private ServerProcess child;
    private String gatewayUrl;
    private String gatewayOffUrl;
    private String childUrl;
    private Optional<StatementCounter> statements = Optional.empty();

    BenchStack(BenchOptions options) {
        this.options = options;
    }

    /** Starts what the scenarios need; {@link #close} stops whatever was started, also halfway. */
    void start(boolean withGateway, boolean withGatewayOff, boolean withChild) {
        prepareWorkDir();
        if (withChild) {
            startChild("child-first-start");
        }
        if (withGateway || withGatewayOff) {
            startGateways(withGateway, withGatewayOff);
        }
        if (withChild) {
            setUpChild();
        }
        if (withGateway) {
            gateway.awaitHealthy(START_TIMEOUT);
        }
        if (withGatewayOff) {
            gatewayOff.awaitHealthy(START_TIMEOUT);
        }
    }

    /** The gateway with observability as configured by default, or ({@code off}) the one with it off. */
    String gatewayGraphqlUrl(boolean off) {
        return (off ? gatewayOffUrl : gatewayUrl) + "/v1/graphql";
    }

    String childGraphqlUrl() {
        return childUrl + "/v1/graphql";
    }

    long gatewayPid(boolean off) {
        return (off ? gatewayOff : gateway).pid();
    }

    long childPid() {
        return child.pid();
    }

    /** The child's Postgres server (postmaster), from its `postmaster.pid`. */
    OptionalLong postgresPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir().resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    UpstreamStub stub() {
        return stub;
    }

    Optional<StatementCounter> statements() {
        return statements;
    }

    private Path dataDir() {
        return options.workDir().resolve("postgres");
    }

    private Path logDir() {
        return options.workDir().resolve("logs");
    }

    private void startChild(String logName) {
        int port = freePort();
        childUrl = "http://127.0.0.1:" + port;
        step("starting the child on an embedded Postgres (" + dataDir() + ")");
        child = start("child", logName, options.childJar(), Map.of("JOINERY_PORT", Integer.toString(port),
                "JOINERY_HOST", "127.0.0.1", "JOINERY_DATA_DIR", dataDir().toString(), "JOINERY_LOG_LEVEL", LOG_LEVEL), childUrl + "/healthz");
    }

    private void setUpChild() {
        child.awaitHealthy(START_TIMEOUT);
        step("restarting the child with pg_stat_statements preloaded");
        child.stop(STOP_GRACE);
        running.remove(child);
        try {
            Files.writeString(dataDir().resolve("postgresql.conf"),
                    "\n# added by the Joinery benchmark: count statements per request\n"
                            + "shared_preload_libraries = 'pg_stat_statements'\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new BenchFailure("cannot configure the embedded Postgres: " + e.getMessage());
        }
        startChild("child");
        child.awaitHealthy(START_TIMEOUT);
        step("seeding the child's database (1,000 authors x 10 articles) and tracking it");
        ChildAdmin admin = new ChildAdmin(childUrl);
        admin.runSql(StubRemote.resource("seed.sql"), "loading seed.sql");
        try {
            admin.replaceMetadata(HttpJson.JSON.readTree(StubRemote.resource("child-metadata.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        statements = StatementCounter.enable(admin);
    }

    private void startGateways(boolean on, boolean off) {
        stub = UpstreamStub.start();
        Path metadata = options.workDir().resolve("gateway-metadata.json");
        try {
            Files.writeString(metadata, StubRemote.gatewayMetadata(stub.url("shop"), stub.url("crm")).toPrettyString());
        } catch (IOException e) {
            throw new BenchFailure("cannot write " + metadata + ": " + e.getMessage());
        }
        if (on) {
            int port = freePort();
            gatewayUrl = "http://127.0.0.1:" + port;
            step("starting the gateway in front of the upstream stub (" + stub.url("shop") + ", " + stub.url("crm") + ")");
            gateway = startGateway("gateway", port, metadata, Map.of());
        }
        if (off) {
            int port = freePort();
            gatewayOffUrl = "http://127.0.0.1:" + port;
            step("starting a second gateway with observability off (" + OBSERVABILITY_OFF + ")");
            gatewayOff = startGateway("gateway-observability-off", port, metadata, OBSERVABILITY_OFF);
        }
    }

    private ServerProcess startGateway(String name, int port, Path metadata, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of("JOINERY_PORT", Integer.toString(port),
                "JOINERY_HOST", "127.0.0.1", "JOINERY_METADATA", metadata.toString(), "JOINERY_LOG_LEVEL", LOG_LEVEL));
        env.putAll(extraEnv);
        return start(name, name, options.gatewayJar(), env, "http://127.0.0.1:" + port + "/healthz?strict=true");
    }

    private ServerProcess start(String name, String logName, Path jar, Map<String, String> env, String healthUrl) {
        ServerProcess process = ServerProcess.start(name, jar, options.serverJvmArgs(), env,
                logDir().resolve(logName + ".log"), healthUrl);
        running.add(process);
        return process;
    }

    /** Empties the work directory (a Postgres left running by an interrupted run is stopped first). */
    private void prepareWorkDir() {
        stopStalePostgres();
        for (String dir : List.of("postgres", "logs", "wrk")) {
            delete(options.workDir().resolve(dir));
        }
        try {
            Files.createDirectories(logDir());
        } catch (IOException e) {
            throw new BenchFailure("cannot create " + logDir() + ": " + e.getMessage());
        }
    }

    private void stopStalePostgres() {
        OptionalLong pid = postgresPid();
        if (pid.isEmpty()) {
            return;
        }
        ProcessHandle.of(pid.getAsLong())
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .ifPresent(postgres -> {
                    step("stopping the Postgres (pid " + postgres.pid() + ") an interrupted run left in " + dataDir());
                    postgres.destroy();
                    try {
                        postgres.onExit().get(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new BenchFailure("interrupted");
                    } catch (ExecutionException | TimeoutException e) {
                        throw new BenchFailure("the Postgres left in " + dataDir() + " (pid " + postgres.pid()
                                + ") does not stop: stop it, then run again");
                    }
                });
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new BenchFailure("cannot clear " + dir + ": " + e.getMessage());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BenchFailure("no free port on 127.0.0.1: " + e.getMessage());
        }
    }

    static void step(String message) {
        System.out.printf("bench [%3d s]: %s ...%n", (System.nanoTime() - STARTED) / 1_000_000_000L, message);
    }

    /** Stops the servers in reverse order (the child stops its Postgres), then the stub. */
    @Override
    public synchronized void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).stop(STOP_GRACE);
        }
        running.clear();
        if (stub != null) {
            stub.close();
            stub = null;
        }
    }
}
