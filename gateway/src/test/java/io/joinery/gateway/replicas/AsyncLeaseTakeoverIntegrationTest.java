package io.joinery.gateway.replicas;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.joinery.child.ChildApp;
import io.joinery.child.db.Database;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import io.joinery.core.pg.DatabaseUrl;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Asynchronous action calls across replicas (SPEC §14): a child in a separate JVM claims a call and
 * is killed with SIGKILL while its handler call is in flight; a child that starts meanwhile leaves
 * the live lease alone, and once the lease lapses a surviving child takes the call over. The
 * handler is called at most once more than once.
 */
class AsyncLeaseTakeoverIntegrationTest {
    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void callOfAKilledChild_isTakenOverAfterItsLease_withAtMostOneRepeatedHandlerCall() throws Exception {
        // the first call never answers in time (its caller is killed); the call made again answers at once
        handler.stubFor(post(urlEqualTo("/double")).inScenario("takeover").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFixedDelay(30_000).withHeader("Content-Type", "application/json")
                        .withBody("{\"doubled\": -1}"))
                .willSetStateTo("called once"));
        handler.stubFor(post(urlEqualTo("/double")).inScenario("takeover").whenScenarioStateIs("called once")
                .willReturn(okJson("{\"doubled\": 42}")));

        Database database = TestDatabase.fresh();
        DatabaseUrl url = database.url();
        int port = freePort();
        Path log = Files.createTempFile("joinery-child-lease", ".log");
        Process owner = childProcess(url, port, log);
        ChildApp[] survivors = new ChildApp[2];
        try {
            TestHttp ownerHttp = new TestHttp(port);
            Replicas.await("the child process answers /healthz", Duration.ofSeconds(90),
                    () -> isHealthy(ownerHttp, owner, log));
            ok(ownerHttp.metadata("""
                    {"type": "bulk", "args": [
                      {"type": "set_custom_types", "args": {"objects": [{"name": "Doubled",
                         "fields": [{"name": "doubled", "type": "Int!"}]}]}},
                      {"type": "create_action", "args": {"name": "double_async", "definition": {"kind": "asynchronous",
                         "handler": "%s/double", "output_type": "Doubled", "arguments": [{"name": "n", "type": "Int!"}]}}}
                    ]}""".formatted(handler.baseUrl())));
            ChildApp survivor = Replicas.child(url);
            survivors[0] = survivor;
            TestHttp survivorHttp = new TestHttp(survivor.port());
            Replicas.await("the survivor knows the action", Duration.ofSeconds(5),
                    () -> survivor.store().current().model().actions().action("double_async").isPresent());

            String id = ownerHttp.graphql("mutation { double_async(n: 21) }").json().at("/data/double_async").asText();
            Replicas.await("the owner calls the handler", Duration.ofSeconds(10), () -> handlerCalls() == 1);
            Map<String, Object> leased = invocation(database, id);
            assertThat(leased.get("status")).isEqualTo("processing");
            assertThat(leased.get("claimed_by")).as("claimed by the process, not the survivor")
                    .isNotEqualTo(survivor.asyncWorkerId().toString());

            // a replica starting while the owner lives never resets its call
            survivors[1] = Replicas.child(url);
            Thread.sleep(Replicas.SETTINGS.asyncActionsLease().toMillis() * 2);
            assertThat(invocation(database, id)).as("the live owner's lease is renewed and kept")
                    .containsEntry("status", "processing").containsEntry("claimed_by", leased.get("claimed_by"));
            assertThat(handlerCalls()).isEqualTo(1);

            owner.destroyForcibly();
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Replicas.await("a survivor completes the call", Duration.ofSeconds(20),
                    () -> "completed".equals(invocation(database, id).get("status")));
            JsonNode result = survivorHttp.graphql("{ double_async(id: \"" + id + "\") { errors output { doubled } } }")
                    .json().at("/data/double_async");
            assertThat(result.at("/output/doubled").asInt()).as(result.toString()).isEqualTo(42);
            Thread.sleep(Replicas.SETTINGS.asyncActionsLease().toMillis());
            assertThat(handlerCalls()).as("at most one repeated handler call").isEqualTo(2);
        } finally {
            owner.destroyForcibly();
            for (ChildApp child : survivors) {
                if (child != null) {
                    child.close();
                }
            }
            database.close();
            Files.deleteIfExists(log);
        }
    }

    /** A child in a JVM of its own (the test's classpath), its leases 2 s long. */
    private static Process childProcess(DatabaseUrl url, int port, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.joinery.child.ChildMain")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JOINERY_PORT", Integer.toString(port));
        builder.environment().put("JOINERY_HOST", "127.0.0.1");
        builder.environment().put("JOINERY_DATABASE_URL", Replicas.urlOf(url));
        builder.environment().put("JOINERY_DB_POOL_SIZE", "4");
        builder.environment().put("JOINERY_ASYNC_ACTIONS_LEASE_SECONDS",
                Long.toString(Replicas.SETTINGS.asyncActionsLease().toSeconds()));
        return builder.start();
    }

    private static boolean isHealthy(TestHttp http, Process child, Path log) {
        if (!child.isAlive()) {
            throw new AssertionError("the child process exited: " + read(log));
        }
        try {
            return http.get("/healthz").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int handlerCalls() {
        return handler.findAll(postRequestedFor(urlEqualTo("/double"))).size();
    }

    private static Map<String, Object> invocation(Database database, String id) {
        List<Map<String, Object>> rows = database.sqlRunner().query(SqlStatement.of(
                "SELECT status, claimed_by::text AS claimed_by FROM joinery_catalog.action_invocations WHERE id = $1::uuid",
                id)).block(Duration.ofSeconds(10));
        return rows.get(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void ok(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
