package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.Database;
import io.joinery.core.pg.DatabaseUrl;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous action invocations survive the child stopping between submission and completion
 * (SPEC §3.9): a graceful stop returns the calls in flight to the queue, a `kill -9` leaves them
 * `processing` and the next start queues them again. Either way every invocation ends completed
 * exactly as its handler answered (at-least-once: an interrupted call is made again).
 */
class AsyncActionsRestartIntegrationTest {
    private static final int CONCURRENCY = 3;
    private static final int SUBMISSIONS = 9;

    @Test
    void gracefulRestart_returnsCallsInFlightToTheQueue_andNoneIsLost() {
        Database database = TestDatabase.fresh();
        try (AsyncTestHandler handler = new AsyncTestHandler(Duration.ofSeconds(2))) {
            Map<Integer, String> ids;
            try (ChildTestServer first = new ChildTestServer(database, Optional.empty(), CONCURRENCY)) {
                setUp(first.http, handler);
                ids = submitAll(first.http);
                await("calls in flight", () -> handler.inFlight.get() == CONCURRENCY);
            }
            Database again = Database.connect(database.url(), 4);
            Map<String, Long> statuses = statuses(again);
            assertThat(statuses).as("graceful stop: nothing left processing").doesNotContainKey("processing");
            assertThat(statuses.get("created")).as(statuses.toString()).isEqualTo(SUBMISSIONS);
            handler.delay = Duration.ofMillis(100);
            try (ChildTestServer second = new ChildTestServer(again, Optional.empty(), CONCURRENCY)) {
                assertAllCompleted(second.http, ids);
            }
            assertInterruptedCallsWereMadeAgain(handler, ids);
        }
    }

    @Test
    void kill9_betweenSubmissionAndCompletion_everyInvocationCompletesAfterTheNextStart() throws Exception {
        Database database = TestDatabase.fresh();
        DatabaseUrl url = database.url();
        database.close();
        int port = freePort();
        Path log = Files.createTempFile("joinery-child-kill9", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.joinery.child.ChildMain")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JOINERY_PORT", Integer.toString(port));
        builder.environment().put("JOINERY_HOST", "127.0.0.1");
        builder.environment().put("JOINERY_DATABASE_URL",
                "postgres://" + url.user() + "@127.0.0.1:" + url.port() + "/" + url.database());
        builder.environment().put("JOINERY_ASYNC_ACTIONS_CONCURRENCY", Integer.toString(CONCURRENCY));
        builder.environment().put("JOINERY_DB_POOL_SIZE", "4");
        // its leases lapse soon after the kill, so the next child takes its calls over quickly
        builder.environment().put("JOINERY_ASYNC_ACTIONS_LEASE_SECONDS", "2");
        try (AsyncTestHandler handler = new AsyncTestHandler(Duration.ofSeconds(30))) {
            Process child = builder.start();
            Map<Integer, String> ids;
            try {
                TestHttp http = new TestHttp(port);
                await("the child process to answer /healthz", () -> isHealthy(http, child, log.toFile()));
                setUp(http, handler);
                ids = submitAll(http);
                await("calls in flight", () -> handler.inFlight.get() == CONCURRENCY);
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            Database again = Database.connect(url, 4);
            Map<String, Long> statuses = statuses(again);
            assertThat(statuses.get("processing")).as("kill -9 left them processing: " + statuses).isEqualTo(CONCURRENCY);
            assertThat(statuses.get("created")).as(statuses.toString()).isEqualTo(SUBMISSIONS - CONCURRENCY);
            handler.delay = Duration.ofMillis(100);
            try (ChildTestServer second = new ChildTestServer(again, Optional.empty(), CONCURRENCY)) {
                assertAllCompleted(second.http, ids);
            }
            assertInterruptedCallsWereMadeAgain(handler, ids);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** At-least-once: the calls in flight when the child stopped were made again, the others once. */
    private static void assertInterruptedCallsWereMadeAgain(AsyncTestHandler handler, Map<Integer, String> ids) {
        Map<Integer, Integer> calls = new LinkedHashMap<>();
        ids.keySet().forEach(n -> calls.put(n, handler.callsPerN.get(n).get()));
        assertThat(calls.values().stream().filter(c -> c == 2).count()).as(calls.toString()).isEqualTo(CONCURRENCY);
        assertThat(calls.values().stream().filter(c -> c == 1).count()).as(calls.toString())
                .isEqualTo(SUBMISSIONS - CONCURRENCY);
    }

    private static void setUp(TestHttp http, AsyncTestHandler handler) {
        TestHttp.Response setup = http.metadata("""
                {"type": "bulk", "args": [
                  {"type": "set_custom_types", "args": {"objects": [{"name": "Result",
                     "fields": [{"name": "n", "type": "Int!"}, {"name": "doubled", "type": "Int!"}]}]}},
                  {"type": "create_action", "args": {"name": "double_async", "definition": {"kind": "asynchronous",
                     "handler": "%s", "output_type": "Result", "arguments": [{"name": "n", "type": "Int!"}]}}}
                ]}""".formatted(handler.url("/double")));
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);
    }

    private static Map<Integer, String> submitAll(TestHttp http) {
        Map<Integer, String> ids = new LinkedHashMap<>();
        for (int n = 1; n <= SUBMISSIONS; n++) {
            TestHttp.Response response = http.graphql("mutation { double_async(n: " + n + ") }");
            String id = response.json().at("/data/double_async").asText();
            assertThat(id).as(response.body()).matches(AsyncActionsIntegrationTest.UUID_PATTERN);
            ids.put(n, id);
        }
        return ids;
    }

    private static void assertAllCompleted(TestHttp http, Map<Integer, String> ids) {
        for (Map.Entry<Integer, String> e : ids.entrySet()) {
            JsonNode[] result = new JsonNode[1];
            await("the result of " + e.getKey(), () -> {
                result[0] = http.graphql("{ double_async(id: \"" + e.getValue() + "\") { errors output { n doubled } } }")
                        .json().at("/data/double_async");
                return !result[0].get("output").isNull() || !result[0].get("errors").isNull();
            });
            assertThat(result[0].get("errors").isNull()).as(result[0].toString()).isTrue();
            assertThat(result[0].at("/output/n").asInt()).isEqualTo(e.getKey());
            assertThat(result[0].at("/output/doubled").asInt()).isEqualTo(2 * e.getKey());
        }
    }

    private static Map<String, Long> statuses(Database database) {
        List<Map<String, Object>> rows = database.sqlRunner().query(SqlStatement.of(
                "SELECT status, count(*) AS n FROM joinery_catalog.action_invocations GROUP BY status")).block();
        Map<String, Long> out = new LinkedHashMap<>();
        rows.forEach(row -> out.put((String) row.get("status"), ((Number) row.get("n")).longValue()));
        return out;
    }

    private static boolean isHealthy(TestHttp http, Process child, File log) {
        if (!child.isAlive()) {
            throw new AssertionError("the child process exited: " + read(log));
        }
        try {
            return http.get("/healthz").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String read(File file) {
        try {
            return Files.readString(file.toPath());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            AsyncActionsIntegrationTest.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
