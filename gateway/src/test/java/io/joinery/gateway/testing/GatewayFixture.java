package io.joinery.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The setup most gateway integration tests share: test upstreams started, a gateway on a fresh
 * metadata file with those upstreams added as remote schemas (and whatever else a test declares,
 * such as relationships), every upstream's request log cleared; everything closed after the test.
 *
 * <pre>
 * &#64;RegisterExtension
 * final GatewayFixture fixture = Remotes.ordersAndUsers(log, null, "\"timeout_seconds\": 1").start();
 * private final GatewayHarness gateway = fixture.gateway();
 * </pre>
 * A test instance is made per test method, so the fixture starts when the instance is made and
 * stops after the test ({@link AfterEachCallback}).
 */
public final class GatewayFixture implements AfterEachCallback, AutoCloseable {
    private final Path directory;
    private final Map<String, TestUpstream> upstreams;
    private GatewayHarness gateway;

    private GatewayFixture(Path directory, Map<String, TestUpstream> upstreams) {
        this.directory = directory;
        this.upstreams = upstreams;
    }

    public static Builder builder() {
        return new Builder();
    }

    public GatewayHarness gateway() {
        return gateway;
    }

    public TestUpstream upstream(String name) {
        TestUpstream upstream = upstreams.get(name);
        if (upstream == null) {
            throw new IllegalArgumentException("no upstream \"" + name + "\" in this fixture");
        }
        return upstream;
    }

    /** The directory of the gateway's metadata file. */
    public Path directory() {
        return directory;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Stops the gateway (failing on BlockHound violations) and the upstreams, and deletes the directory. */
    @Override
    public void close() {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            upstreams.values().forEach(TestUpstream::close);
            delete(directory);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What to start, in order. */
    public static final class Builder {
        private record Upstream(String name, Supplier<TestUpstream> start, boolean added, String definition) {}

        private final List<Upstream> upstreams = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> urlVariables = new LinkedHashMap<>();
        private final List<Consumer<GatewayHarness>> steps = new ArrayList<>();
        private Optional<String> adminSecret = Optional.empty();

        private Builder() {}

        /**
         * An upstream added as remote schema {@code name}, with {@code definition}: extra keys of its
         * definition (JSON object members, or null).
         */
        public Builder remote(String name, Supplier<TestUpstream> start, String definition) {
            upstreams.add(new Upstream(name, start, true, definition));
            return this;
        }

        /** An upstream that is started but not added (the test adds it, or points metadata at it). */
        public Builder upstream(String name, Supplier<TestUpstream> start) {
            upstreams.add(new Upstream(name, start, false, null));
            return this;
        }

        /** A variable of the gateway's environment (`value_from_env`, `{{VAR}}`). */
        public Builder env(String variable, String value) {
            env.put(variable, value);
            return this;
        }

        /** A variable of the gateway's environment whose value is the URL of upstream {@code upstream}. */
        public Builder envUrl(String variable, String upstream) {
            urlVariables.put(variable, upstream);
            return this;
        }

        /** The gateway's admin secret; the fixture's own metadata calls carry it. */
        public Builder adminSecret(String secret) {
            adminSecret = Optional.of(secret);
            return this;
        }

        /** A step after the remotes are added (relationships, more metadata). */
        public Builder then(Consumer<GatewayHarness> step) {
            steps.add(step);
            return this;
        }

        public GatewayFixture start() {
            Path directory;
            try {
                directory = Files.createTempDirectory("joinery-gateway-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            GatewayFixture fixture = new GatewayFixture(directory, new LinkedHashMap<>());
            try {
                upstreams.forEach(u -> fixture.upstreams.put(u.name(), u.start().get()));
                Map<String, String> environment = new LinkedHashMap<>(env);
                urlVariables.forEach((variable, upstream) -> environment.put(variable, fixture.upstream(upstream).url()));
                fixture.gateway = GatewayHarness.start(directory, environment, adminSecret);
                Map<String, String> headers = adminSecret.map(s -> Map.of("X-Hasura-Admin-Secret", s)).orElse(Map.of());
                for (Upstream upstream : upstreams) {
                    if (upstream.added()) {
                        GatewayHarness.Reply reply = fixture.gateway.post("/v1/metadata", GatewayHarness.addRemote(
                                upstream.name(), fixture.upstream(upstream.name()).url(), upstream.definition()), headers);
                        if (reply.status() != 200) {
                            throw new AssertionError("adding remote " + upstream.name() + " failed: " + reply.body());
                        }
                    }
                }
                steps.forEach(step -> step.accept(fixture.gateway));
                fixture.upstreams.values().forEach(TestUpstream::clearRequests);
                return fixture;
            } catch (RuntimeException | AssertionError e) {
                try {
                    fixture.close();
                } catch (RuntimeException | AssertionError closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }
    }
}
