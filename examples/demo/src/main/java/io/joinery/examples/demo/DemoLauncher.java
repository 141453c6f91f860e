package io.joinery.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * `./joinery-demo`: the whole stack on one machine. Starts the child on an embedded Postgres in
 * `./demo-data`, loads the demo SQL and metadata, starts the action handler and the gateway, waits
 * until all three are healthy, prints what to try, and stops everything on Ctrl-C.
 */
public final class DemoLauncher {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final DemoSettings settings;
    private final List<ServiceProcess> running = new ArrayList<>();

    private DemoLauncher(DemoSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        try {
            DemoSettings settings = DemoSettings.fromEnvironment(Path.of(""), System.getenv());
            new DemoLauncher(settings).run();
        } catch (DemoFailure e) {
            System.err.println("joinery-demo: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() {
        requireJars();
        FileLock lock = lockDataDir();
        requireFreePorts();
        resetDataDir();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(lock), "joinery-demo-stop"));
        try {
            startStack();
        } catch (DemoFailure e) {
            System.err.println("joinery-demo: " + e.getMessage());
            System.exit(1);
        }
        System.out.println(banner());
        watch();
    }

    private void startStack() {
        String childUrl = settings.url(settings.childPort());
        String handlerUrl = settings.url(settings.handlerPort());
        String gatewayUrl = settings.url(settings.gatewayPort());

        step("starting the child on an embedded Postgres (" + settings.root().relativize(settings.dataDir()) + ")");
        ServiceProcess child = start("child", settings.childJar(), Map.of(
                "JOINERY_PORT", String.valueOf(settings.childPort()),
                "JOINERY_HOST", DemoSettings.HOST,
                "JOINERY_DATA_DIR", settings.dataDir().resolve("postgres").toString(),
                "JOINERY_ADMIN_SECRET", DemoSettings.ADMIN_SECRET,
                "ACTION_HANDLER_URL", handlerUrl), childUrl + "/healthz");
        child.awaitHealthy(START_TIMEOUT);

        step("loading examples/demo/demo.sql and examples/demo/child-metadata.json");
        ChildSetup setup = new ChildSetup(childUrl, DemoSettings.ADMIN_SECRET);
        setup.runSql(settings.content("demo.sql"));
        setup.replaceMetadata(settings.content("child-metadata.json"));

        step("starting the action handler");
        start("action handler", settings.handlerJar(), Map.of(
                "HANDLER_PORT", String.valueOf(settings.handlerPort()),
                "HANDLER_HOST", DemoSettings.HOST,
                "CHILD_GRAPHQL_URL", childUrl + "/v1/graphql",
                "CHILD_ADMIN_SECRET", DemoSettings.ADMIN_SECRET), handlerUrl + "/healthz")
                .awaitHealthy(START_TIMEOUT);

        step("starting the gateway with examples/demo/gateway-metadata.json");
        Path gatewayMetadata = settings.dataDir().resolve("gateway-metadata.json");
        copy(settings.content("gateway-metadata.json"), gatewayMetadata);
        start("gateway", settings.gatewayJar(), Map.of(
                "JOINERY_PORT", String.valueOf(settings.gatewayPort()),
                "JOINERY_HOST", DemoSettings.HOST,
                "JOINERY_METADATA", gatewayMetadata.toString(),
                "JOINERY_ADMIN_SECRET", DemoSettings.GATEWAY_ADMIN_SECRET,
                "JOINERY_JWT_SECRET", DemoSettings.JWT_SECRET,
                "CHILD_GRAPHQL_URL", childUrl + "/v1/graphql",
                "CHILD_ADMIN_SECRET", DemoSettings.ADMIN_SECRET), gatewayUrl + "/healthz?strict=true")
                .awaitHealthy(START_TIMEOUT);
    }

    private ServiceProcess start(String name, Path jar, Map<String, String> env, String healthUrl) {
        String logName = name.replace(' ', '-') + ".log";
        ServiceProcess process = ServiceProcess.start(name, jar, env, settings.logDir().resolve(logName), healthUrl);
        synchronized (running) {
            running.add(process);
        }
        return process;
    }

    /** Until Ctrl-C; a server that stops on its own ends the demo (the shutdown hook stops the rest). */
    private void watch() {
        while (true) {
            List<ServiceProcess> snapshot;
            synchronized (running) {
                snapshot = List.copyOf(running);
            }
            for (ServiceProcess process : snapshot) {
                if (!process.isAlive()) {
                    System.err.println("joinery-demo: the " + process.name() + " stopped (exit code "
                            + process.exitCode() + "); stopping the demo." + process.lastLines());
                    System.exit(1);
                }
            }
            ServiceProcess.sleep(Duration.ofMillis(500));
        }
    }

    private void stopAll(FileLock lock) {
        List<ServiceProcess> snapshot;
        synchronized (running) {
            snapshot = new ArrayList<>(running);
            running.clear();
        }
        if (!snapshot.isEmpty()) {
            List<String> names = new ArrayList<>(snapshot.stream().map(ServiceProcess::name).toList());
            java.util.Collections.reverse(names);
            System.out.println("\njoinery-demo: stopping " + String.join(", ", names) + " ...");
        }
        for (int i = snapshot.size() - 1; i >= 0; i--) {
            snapshot.get(i).stop(STOP_GRACE);
        }
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            // the process is exiting: the OS releases the lock anyway
        }
        if (!snapshot.isEmpty()) {
            System.out.println("joinery-demo: stopped");
        }
    }

    private void requireJars() {
        for (Path jar : List.of(settings.childJar(), settings.handlerJar(), settings.gatewayJar())) {
            if (!Files.isRegularFile(jar)) {
                throw new DemoFailure(settings.root().relativize(jar) + " is missing: run ./joinery-demo from the "
                        + "repository root (it builds the jars with `mvn -B -q -DskipTests package`)");
            }
        }
        if (!Files.isRegularFile(settings.content("demo.sql"))) {
            throw new DemoFailure("examples/demo/demo.sql not found: run the demo from the repository root");
        }
    }

    /** One demo per data directory: a second launcher finds the lock held and says so. */
    private FileLock lockDataDir() {
        try {
            Files.createDirectories(settings.dataDir());
            FileChannel channel = FileChannel.open(settings.dataDir().resolve("demo.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new DemoFailure("the demo is already running (" + settings.dataDir().resolve("demo.lock")
                        + " is held by another joinery-demo). Stop it with Ctrl-C in its terminal first.");
            }
            return lock;
        } catch (IOException e) {
            throw new DemoFailure("cannot lock " + settings.dataDir() + ": " + e.getMessage());
        }
    }

    private void requireFreePorts() {
        Map<String, Integer> ports = Map.of("JOINERY_DEMO_GATEWAY_PORT", settings.gatewayPort(),
                "JOINERY_DEMO_CHILD_PORT", settings.childPort(), "JOINERY_DEMO_HANDLER_PORT", settings.handlerPort());
        ports.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(entry -> {
            try (ServerSocket socket = new ServerSocket(entry.getValue(), 1, InetAddress.getByName(DemoSettings.HOST))) {
                socket.getLocalPort(); // free: closed again at once, the server binds it in a moment
            } catch (IOException e) {
                throw new DemoFailure("port " + entry.getValue() + " is already in use (" + e.getMessage() + "). "
                        + "Stop what listens there (`ss -ltnp | grep :" + entry.getValue() + "`), or pick another "
                        + "port: " + entry.getKey() + "=... ./joinery-demo");
            }
        });
    }

    /** Every run starts from the demo data: the previous run's database, metadata and logs go. */
    private void resetDataDir() {
        delete(settings.dataDir().resolve("postgres"));
        delete(settings.logDir());
        try {
            Files.createDirectories(settings.logDir());
        } catch (IOException e) {
            throw new DemoFailure("cannot create " + settings.logDir() + ": " + e.getMessage());
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new DemoFailure("cannot clear " + dir + ": " + e.getMessage());
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DemoFailure("cannot copy " + from + " to " + to + ": " + e.getMessage());
        }
    }

    private static void step(String message) {
        System.out.println("joinery-demo: " + message + " ...");
    }

    private String banner() {
        String gateway = settings.url(settings.gatewayPort());
        return """

                Joinery demo is up. Endpoints:
                  gateway         %1$s/v1/graphql   (one GraphQL endpoint for everything; metadata %1$s/v1/metadata)
                                  admin secret: %6$s; end users: a JWT (HS256, the demo key in examples/demo)
                  child           %2$s/v1/graphql   (admin secret: %4$s)
                  action handler  %3$s              (POST /update-author, POST /author-stats)
                  console         %1$s/console      (GraphiQL in your browser; the child has its own at %2$s/console)
                Logs: %5$s

                Try it as admin (an Action → Database relationship: updateAuthor → updatedAuthor → articles,
                and an Action → Action relationship: author.stats calls the authorStats action):

                  curl -s %1$s/v1/graphql -H 'Content-Type: application/json' -H 'X-Hasura-Admin-Secret: %6$s' -d '{"query":
                    "mutation { updateAuthor(id: 1, name: \\"Ada Lovelace\\") { author_id updatedAuthor { name articles(order_by: {id: asc}) { title rating } stats { article_count average_rating } } } }"}'

                and as an end user with a JWT (role "user", x-hasura-user-id 1, signed with the demo key); the
                child enforces the role: authorStats is permitted to "user", and of the tables only the user's own rows:

                  TOKEN=%7$s
                  curl -s %1$s/v1/graphql -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \\
                    -d '{"query": "{ authorStats(author_id: 1) { article_count average_rating } }"}'

                Press Ctrl-C to stop everything.
                """.formatted(gateway, settings.url(settings.childPort()), settings.url(settings.handlerPort()),
                DemoSettings.ADMIN_SECRET, settings.root().relativize(settings.logDir()), DemoSettings.GATEWAY_ADMIN_SECRET,
                DemoSettings.DEMO_TOKEN);
    }
}
