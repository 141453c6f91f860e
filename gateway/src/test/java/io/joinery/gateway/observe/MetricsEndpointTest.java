package io.joinery.gateway.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import io.joinery.core.observe.PrometheusText;
import io.joinery.core.upstream.UpstreamSettings;
import io.joinery.gateway.Gateway;
import io.joinery.gateway.GatewayConfig;
import io.joinery.gateway.testing.TestBlockHound;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `GET /v1/metrics` of both servers (SPEC §13), a gateway in front of a child whose actions are
 * WireMock: each metric moves when the work it counts is done, and only the admin secret or the
 * metrics secret reads them.
 */
class MetricsEndpointTest {
    private static final String CHILD_SECRET = "child-admin-secret";
    private static final String GATEWAY_SECRET = "gateway-admin-secret";
    private static final String METRICS_SECRET = "scrape-secret";
    private static final Map<String, String> CHILD_ADMIN = Map.of("X-Hasura-Admin-Secret", CHILD_SECRET);
    private static final Map<String, String> GATEWAY_ADMIN = Map.of("X-Hasura-Admin-Secret", GATEWAY_SECRET);
    private static final Map<String, String> SCRAPER = Map.of("Authorization", "Bearer " + METRICS_SECRET);

    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;
    static ChildApp child;
    static Gateway gateway;
    static TestHttp childHttp;
    static TestHttp gatewayHttp;

    @BeforeEach
    void stubs() {
        handler.stubFor(post("/whoami").willReturn(okJson("{\"ok\": true}")));
        handler.stubFor(post("/later").willReturn(okJson("{\"ok\": true}")));
        handler.stubFor(get("/jwks").willReturn(serverError()));
    }

    @BeforeAll
    static void start() throws IOException {
        TestBlockHound.install();
        Map<String, String> childEnv = Map.of("JOINERY_METRICS_SECRET", METRICS_SECRET);
        child = ChildApp.start(new ChildConfig(0, "127.0.0.1", Optional.of(CHILD_SECRET), Optional.empty(),
                Path.of("unused"), Optional.empty(), "*", 8, 4, UpstreamSettings.DEFAULTS, childEnv::get),
                TestDatabase.fresh(), Optional.empty()).awaitReady(Duration.ofSeconds(60));
        childHttp = new TestHttp(child.port());
        assertThat(childHttp.post("/v2/query", "{\"type\":\"run_sql\",\"args\":{\"sql\":"
                + "\"CREATE TABLE author (id serial PRIMARY KEY, name text); INSERT INTO author (name) VALUES ('Ada')\"}}",
                CHILD_ADMIN).status()).isEqualTo(200);
        TestHttp.Response setup = childHttp.post("/v1/metadata", """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "set_custom_types", "args": {"objects": [{"name": "Who", "fields": [{"name": "ok", "type": "Boolean!"}]}]}},
                  {"type": "create_action", "args": {"name": "whoami", "definition": {
                     "handler": "%s/whoami", "output_type": "Who", "type": "query"}}},
                  {"type": "create_action", "args": {"name": "later", "definition": {"kind": "asynchronous",
                     "handler": "%s/later", "output_type": "Who", "arguments": [{"name": "n", "type": "Int!"}]}}}
                ]}""".formatted(handler.baseUrl(), handler.baseUrl()), CHILD_ADMIN);
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);

        Path metadata = dir.resolve("metadata.json");
        Files.writeString(metadata, """
                {"version": 3, "remote_schemas": [{"name": "child", "definition": {
                  "url": "http://127.0.0.1:%d/v1/graphql", "timeout_seconds": 20,
                  "headers": [{"name": "X-Hasura-Admin-Secret", "value_from_env": "CHILD_ADMIN_SECRET"}]}}]}"""
                .formatted(child.port()));
        Map<String, String> env = Map.of("JOINERY_HOST", "127.0.0.1", "JOINERY_PORT", "0",
                "JOINERY_ADMIN_SECRET", GATEWAY_SECRET, "JOINERY_METRICS_SECRET", METRICS_SECRET,
                "JOINERY_METADATA", metadata.toString(), "CHILD_ADMIN_SECRET", CHILD_SECRET,
                "JOINERY_JWT_SECRET", "{\"type\": \"RS256\", \"jwk_url\": \"" + handler.baseUrl() + "/jwks\"}");
        gateway = Gateway.start(GatewayConfig.fromEnv(env::get));
        gatewayHttp = new TestHttp(gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        child.close();
        assertThat(TestBlockHound.drainViolations()).as("blocking calls on non-blocking threads").isEmpty();
    }

    private static PrometheusText gatewayMetrics() {
        TestHttp.Response response = gatewayHttp.get("/v1/metrics", SCRAPER);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static PrometheusText childMetrics() {
        TestHttp.Response response = childHttp.get("/v1/metrics", SCRAPER);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static JsonNode query(String query) {
        TestHttp.Response response = gatewayHttp.graphql(query, null, GATEWAY_ADMIN);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    @Test
    void onlyTheAdminSecretOrTheMetricsSecret_readTheMetrics() {
        for (TestHttp http : new TestHttp[] {gatewayHttp, childHttp}) {
            TestHttp.Response none = http.get("/v1/metrics");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.json().get("code").asText()).isEqualTo("access-denied");
            assertThat(http.get("/v1/metrics", Map.of("Authorization", "Bearer nope")).status()).isEqualTo(401);
            assertThat(http.get("/v1/metrics", SCRAPER).status()).isEqualTo(200);
        }
        assertThat(gatewayHttp.get("/v1/metrics", GATEWAY_ADMIN).status()).isEqualTo(200);
        assertThat(childHttp.get("/v1/metrics", CHILD_ADMIN).status()).isEqualTo(200);
        assertThat(gatewayHttp.get("/v1/metrics", CHILD_ADMIN).status()).isEqualTo(401);
    }

    @Test
    void aQueryThroughTheGateway_movesRequestsUpstreamSqlAndCacheMetrics() {
        String q = "query Authors { author { name } }";
        PrometheusText gatewayBefore = gatewayMetrics();
        PrometheusText childBefore = childMetrics();

        assertThat(query(q).at("/data/author/0/name").asText()).isEqualTo("Ada");
        assertThat(query(q).at("/data/author/0/name").asText()).isEqualTo("Ada");

        PrometheusText gatewayAfter = gatewayMetrics();
        PrometheusText childAfter = childMetrics();
        assertMoved(gatewayBefore, gatewayAfter, 2, "joinery_http_requests_seconds_count",
                "endpoint", "/v1/graphql", "operation_type", "query");
        assertMoved(gatewayBefore, gatewayAfter, 2, "joinery_http_requests_seconds_bucket",
                "endpoint", "/v1/graphql", "operation_type", "query", "le", "10.0");
        assertMoved(gatewayBefore, gatewayAfter, 2, "joinery_upstream_requests_seconds_count", "remote", "child");
        assertMoved(gatewayBefore, gatewayAfter, 1, "cache_gets_total", "cache", "plans", "result", "miss");
        assertMoved(gatewayBefore, gatewayAfter, 1, "cache_gets_total", "cache", "plans", "result", "hit");
        // the child: the gateway's two requests, one statement each, the second prepared from cache
        assertMoved(childBefore, childAfter, 2, "joinery_http_requests_seconds_count",
                "endpoint", "/v1/graphql", "operation_type", "query");
        assertMoved(childBefore, childAfter, 2, "joinery_sql_statements_seconds_count");
        assertMoved(childBefore, childAfter, 1, "cache_gets_total", "cache", "operations", "result", "hit");
        assertMoved(childBefore, childAfter, 1, "cache_gets_total", "cache", "statements", "result", "hit");
        assertThat(gatewayAfter.has("jvm_memory_used_bytes")).isTrue();
        assertThat(childAfter.has("process_cpu_usage")).isTrue();
    }

    @Test
    void graphqlErrors_areCountedByCode_onBothServers() {
        PrometheusText gatewayBefore = gatewayMetrics();
        PrometheusText childBefore = childMetrics();
        assertThat(query("{ author { nope } }").at("/errors/0/extensions/code").asText()).isEqualTo("validation-failed");
        TestHttp.Response direct = childHttp.graphql("{ nope }", null, CHILD_ADMIN);
        assertThat(direct.json().at("/errors/0/extensions/code").asText()).isEqualTo("validation-failed");
        assertMoved(gatewayBefore, gatewayMetrics(), 1, "joinery_graphql_errors_total", "code", "validation-failed");
        assertMoved(childBefore, childMetrics(), 1, "joinery_graphql_errors_total", "code", "validation-failed");
    }

    @Test
    void actionHandlerCalls_andAsyncInvocations_areMeasuredOnTheChild() {
        PrometheusText before = childMetrics();
        assertThat(query("{ whoami { ok } }").at("/data/whoami/ok").asBoolean()).isTrue();
        TestHttp.Response submitted = childHttp.graphql("mutation { later(n: 1) }", null, CHILD_ADMIN);
        String id = submitted.json().at("/data/later").asText();
        assertThat(id).as(submitted.body()).isNotBlank();
        awaitCompleted(id);
        PrometheusText after = childMetrics();
        assertMoved(before, after, 1, "joinery_action_handler_calls_seconds_count", "action", "whoami");
        assertMoved(before, after, 1, "joinery_action_handler_calls_seconds_count", "action", "later");
        assertMoved(before, after, 1, "joinery_async_action_invocations_total", "state", "created");
        assertMoved(before, after, 1, "joinery_async_action_invocations_total", "state", "processing");
        assertMoved(before, after, 1, "joinery_async_action_invocations_total", "state", "completed");
        assertMoved(before, after, 1, "joinery_http_requests_seconds_count", "endpoint", "/v1/graphql",
                "operation_type", "mutation");
    }

    @Test
    void jwksFetches_areCountedByOutcome() {
        // the gateway's jwk_url answers 500: the start-up fetch (and any retry since) failed
        assertThat(gatewayMetrics().value("joinery_jwks_refreshes_total", "outcome", "failure")).isGreaterThanOrEqualTo(1);
        assertThat(gatewayMetrics().value("joinery_jwks_refreshes_total", "outcome", "success")).isEqualTo(0);
    }

    private static void awaitCompleted(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode r = childHttp.graphql("{ r: later(id: \"" + id + "\") { output { ok } errors } }", null,
                    CHILD_ADMIN).json().at("/data/r");
            if (!r.path("output").isNull() || !r.path("errors").isNull()) {
                assertThat(r.at("/output/ok").asBoolean()).as(r.toString()).isTrue();
                return;
            }
            assertThat(System.nanoTime()).as("no result for %s in 30 s", id).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void assertMoved(PrometheusText before, PrometheusText after, double by, String name,
                                    String... labels) {
        assertThat(after.value(name, labels) - before.value(name, labels))
                .as("%s%s", name, java.util.Arrays.toString(labels)).isEqualTo(by);
    }
}
