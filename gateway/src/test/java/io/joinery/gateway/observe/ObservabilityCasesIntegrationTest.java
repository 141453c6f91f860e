package io.joinery.gateway.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observability as a new user would try it (SPEC §13), a gateway in front of a child, both exporting
 * to an OTLP receiver in this test: the standard `OTEL_*` variables as the OpenTelemetry SDK reads
 * them (`OTEL_RESOURCE_ATTRIBUTES` naming the service), the HTTP and database semantic conventions'
 * attributes on the spans, failures marked on them (a GraphQL error answered with 200 too), and a
 * scrape in OpenMetrics as Prometheus asks for it, with each server showing only its own metrics.
 */
class ObservabilityCasesIntegrationTest {
    private static final String CHILD_SECRET = "cases-child-secret";
    private static final String OK_TRACE = "5bf92f3577b34da6a3ce929d0e0e4736";
    private static final String BROKEN_TRACE = "6bf92f3577b34da6a3ce929d0e0e4736";
    private static final String INVALID_TRACE = "7bf92f3577b34da6a3ce929d0e0e4736";
    /** What Prometheus 2.x sends when it scrapes. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;
    static List<OtlpReceiver.ExportedSpan> spans;
    static TestHttp.Response gatewayOpenMetrics;
    static TestHttp.Response gatewayText;
    static TestHttp.Response childOpenMetrics;
    static int childPort;

    @BeforeAll
    static void runRequests() throws Exception {
        TestBlockHound.install();
        OtlpReceiver receiver = OtlpReceiver.start();
        Map<String, String> childEnv = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url(),
                "OTEL_BSP_SCHEDULE_DELAY", "50",
                "OTEL_RESOURCE_ATTRIBUTES", "service.name=cases-child,deployment.environment.name=test");
        ChildApp child = ChildApp.start(new ChildConfig(0, "127.0.0.1", Optional.of(CHILD_SECRET), Optional.empty(),
                Path.of("unused"), Optional.empty(), "*", 8, 4, UpstreamSettings.DEFAULTS, childEnv::get),
                TestDatabase.fresh(), Optional.empty()).awaitReady(Duration.ofSeconds(60));
        childPort = child.port();
        Gateway gateway = null;
        try {
            TestHttp childHttp = new TestHttp(child.port());
            Map<String, String> admin = Map.of("X-Hasura-Admin-Secret", CHILD_SECRET);
            assertThat(childHttp.post("/v2/query", "{\"type\":\"run_sql\",\"args\":{\"sql\":"
                    + "\"CREATE TABLE author (id serial PRIMARY KEY, name text); INSERT INTO author (name) VALUES ('Ada')\"}}",
                    admin).status()).isEqualTo(200);
            TestHttp.Response setup = childHttp.post("/v1/metadata", """
                    {"type": "bulk", "args": [
                      {"type": "pg_track_table", "args": {"table": "author"}},
                      {"type": "set_custom_types", "args": {"objects": [{"name": "Who", "fields": [{"name": "ok", "type": "Boolean!"}]}]}},
                      {"type": "create_action", "args": {"name": "whoami", "definition": {
                         "handler": "%1$s/whoami", "output_type": "Who", "type": "query"}}},
                      {"type": "create_action", "args": {"name": "broken", "definition": {
                         "handler": "%1$s/broken", "output_type": "Who", "type": "query"}}}
                    ]}""".formatted(handler.baseUrl()), admin);
            assertThat(setup.status()).as(setup.body()).isEqualTo(200);
            Path metadata = dir.resolve("metadata.json");
            Files.writeString(metadata, """
                    {"version": 3, "remote_schemas": [{"name": "child", "definition": {
                      "url": "http://127.0.0.1:%d/v1/graphql", "timeout_seconds": 20,
                      "headers": [{"name": "X-Hasura-Admin-Secret", "value": "%s"}]}}]}"""
                    .formatted(child.port(), CHILD_SECRET));
            Map<String, String> env = new HashMap<>(Map.of("JOINERY_HOST", "127.0.0.1", "JOINERY_PORT", "0",
                    "JOINERY_METADATA", metadata.toString(), "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url(),
                    "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "OTEL_BSP_SCHEDULE_DELAY", "50",
                    "OTEL_SERVICE_NAME", "cases-gateway",
                    "OTEL_RESOURCE_ATTRIBUTES", "service.name=overridden,deployment.environment.name=test"));
            gateway = Gateway.start(GatewayConfig.fromEnv(env::get));
            TestHttp http = new TestHttp(gateway.port());

            handler.stubFor(post("/whoami").willReturn(okJson("{\"ok\": true}")));
            handler.stubFor(post("/broken").willReturn(serverError()));
            TestHttp.Response ok = http.graphql("query Who { whoami { ok } author { name } }", null,
                    Map.of("traceparent", traceparent(OK_TRACE), "User-Agent", "cases-test/1.0"));
            assertThat(ok.json().at("/data/author/0/name").asText()).as(ok.body()).isEqualTo("Ada");
            TestHttp.Response broken = http.graphql("query Broken { broken { ok } }", null,
                    Map.of("traceparent", traceparent(BROKEN_TRACE)));
            assertThat(broken.json().has("errors")).as(broken.body()).isTrue();
            TestHttp.Response invalid = http.graphql("query Invalid { author { nope } }", null,
                    Map.of("traceparent", traceparent(INVALID_TRACE)));
            assertThat(invalid.json().at("/errors/0/extensions/code").asText()).as(invalid.body())
                    .isEqualTo("validation-failed");

            gatewayOpenMetrics = http.get("/v1/metrics", Map.of("Accept", PROMETHEUS_ACCEPT));
            gatewayText = http.get("/v1/metrics", Map.of("Accept", "*/*"));
            childOpenMetrics = childHttp.get("/v1/metrics", Map.of("X-Hasura-Admin-Secret", CHILD_SECRET,
                    "Accept", PROMETHEUS_ACCEPT));
        } finally {
            // closing flushes the exporters
            if (gateway != null) {
                gateway.close();
            }
            child.close();
            receiver.stop();
        }
        spans = receiver.spans();
    }

    @AfterAll
    static void noBlocking() {
        assertThat(TestBlockHound.drainViolations()).as("blocking calls on non-blocking threads").isEmpty();
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-00f067aa0ba902b7-01";
    }

    private static List<OtlpReceiver.ExportedSpan> traced(String traceId, String service) {
        return spans.stream().filter(s -> s.traceId().equals(traceId) && s.service().equals(service)).toList();
    }

    private static OtlpReceiver.ExportedSpan server(String traceId, String service) {
        List<OtlpReceiver.ExportedSpan> found = traced(traceId, service).stream()
                .filter(s -> s.kind() == OtlpReceiver.SERVER).toList();
        assertThat(found).as("the SERVER span of %s in %s", service, spans).hasSize(1);
        return found.get(0);
    }

    @Test
    void serviceName_isOtelServiceName_elseTheServiceNameOfOtelResourceAttributes_whichAreAllKept() {
        assertThat(traced(OK_TRACE, "cases-gateway")).isNotEmpty();
        assertThat(traced(OK_TRACE, "cases-child")).isNotEmpty();
        assertThat(spans).noneMatch(s -> s.service().equals("overridden") || s.service().startsWith("joinery-"));
        assertThat(server(OK_TRACE, "cases-child").resource()).containsEntry("deployment.environment.name", "test");
        assertThat(server(OK_TRACE, "cases-gateway").resource()).containsEntry("deployment.environment.name", "test");
    }

    @Test
    void serverSpans_carryTheHttpServerAttributes() {
        for (String service : List.of("cases-gateway", "cases-child")) {
            OtlpReceiver.ExportedSpan span = server(OK_TRACE, service);
            assertThat(span.name()).isEqualTo("POST /v1/graphql");
            assertThat(span.attributes()).as(service)
                    .containsEntry("http.request.method", "POST")
                    .containsEntry("http.route", "/v1/graphql")
                    .containsEntry("url.path", "/v1/graphql")
                    .containsEntry("url.scheme", "http")
                    .containsEntry("http.response.status_code", "200")
                    .containsEntry("graphql.operation.type", "query")
                    .doesNotContainKey("error.type");
            assertThat(span.status()).as(service).isNotEqualTo(OtlpReceiver.STATUS_ERROR);
        }
        assertThat(server(OK_TRACE, "cases-gateway").attributes()).containsEntry("user_agent.original", "cases-test/1.0")
                .containsEntry("graphql.operation.name", "Who");
    }

    @Test
    void clientSpans_ofRemoteSchemasAndHandlers_carryTheHttpClientAttributes() {
        OtlpReceiver.ExportedSpan remote = traced(OK_TRACE, "cases-gateway").stream()
                .filter(s -> s.kind() == OtlpReceiver.CLIENT).findFirst().orElseThrow();
        assertThat(remote.attributes()).containsEntry("joinery.remote_schema", "child")
                .containsEntry("http.request.method", "POST")
                .containsEntry("server.address", "127.0.0.1")
                .containsEntry("server.port", Integer.toString(childPort))
                .containsEntry("url.full", "http://127.0.0.1:" + childPort + "/v1/graphql")
                .containsEntry("http.response.status_code", "200");
        OtlpReceiver.ExportedSpan action = traced(OK_TRACE, "cases-child").stream()
                .filter(s -> s.attributes().containsKey("joinery.action")).findFirst().orElseThrow();
        assertThat(action.kind()).isEqualTo(OtlpReceiver.CLIENT);
        assertThat(action.attributes()).containsEntry("url.full", handler.baseUrl() + "/whoami").containsEntry("http.response.status_code", "200");
    }

    @Test
    void sqlSpans_carryTheDatabaseAttributes_withoutValues() {
        List<OtlpReceiver.ExportedSpan> sql = traced(OK_TRACE, "cases-child").stream()
                .filter(s -> s.attributes().containsKey("db.query.text")).toList();
        assertThat(sql).isNotEmpty().allSatisfy(s -> assertThat(s.attributes())
                .containsEntry("db.system.name", "postgresql")
                .containsEntry("db.system", "postgresql")
                .containsEntry("db.operation.name", s.name()));
    }

    @Test
    void aFailingHandler_marksItsCallAndBothRequestSpansAsFailed() {
        OtlpReceiver.ExportedSpan call = traced(BROKEN_TRACE, "cases-child").stream()
                .filter(s -> "broken".equals(s.attributes().get("joinery.action"))).findFirst().orElseThrow();
        assertThat(call.attributes()).containsEntry("http.response.status_code", "500")
                .containsEntry("error.type", "500");
        assertThat(call.status()).isEqualTo(OtlpReceiver.STATUS_ERROR);
        for (String service : List.of("cases-child", "cases-gateway")) {
            OtlpReceiver.ExportedSpan request = server(BROKEN_TRACE, service);
            assertThat(request.attributes()).as(service).containsEntry("http.response.status_code", "200")
                    .containsKey("error.type");
            assertThat(request.status()).as(service).isEqualTo(OtlpReceiver.STATUS_ERROR);
        }
    }

    @Test
    void aGraphqlError_answeredWith200_marksTheRequestSpanAsFailed_withItsCode() {
        OtlpReceiver.ExportedSpan request = server(INVALID_TRACE, "cases-gateway");
        assertThat(request.attributes()).containsEntry("error.type", "validation-failed")
                .containsEntry("http.response.status_code", "200");
        assertThat(request.status()).isEqualTo(OtlpReceiver.STATUS_ERROR);
    }

    @Test
    void prometheusAskingForOpenMetrics_getsOpenMetrics_otherClientsTheTextFormat() {
        for (TestHttp.Response scrape : List.of(gatewayOpenMetrics, childOpenMetrics)) {
            assertThat(scrape.status()).as(scrape.body()).isEqualTo(200);
            assertThat(scrape.headers().get("Content-Type")).startsWith("application/openmetrics-text; version=1.0.0");
            assertThat(scrape.body().strip()).endsWith("# EOF");
            assertThat(scrape.body()).contains("# TYPE joinery_http_requests_seconds histogram")
                    .contains("joinery_http_requests_seconds_bucket{");
        }
        assertThat(gatewayText.headers().get("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(gatewayText.body()).doesNotContain("# EOF");
        PrometheusText text = PrometheusText.parse(gatewayText.body());
        assertThat(text.value("joinery_http_requests_seconds_count", "endpoint", "/v1/graphql")).isEqualTo(3);
    }

    @Test
    void eachServer_showsItsOwnMetricsOnly() {
        assertThat(gatewayText.body()).contains("joinery_upstream_requests_seconds_count{remote=\"child\"}")
                .doesNotContain("joinery_sql_statements_seconds")
                .doesNotContain("joinery_action_handler_calls_seconds")
                .doesNotContain("joinery_async_action_invocations");
        assertThat(childOpenMetrics.body()).contains("joinery_sql_statements_seconds_count")
                .contains("joinery_action_handler_calls_seconds_count{action=\"whoami\"}")
                .doesNotContain("joinery_upstream_requests_seconds");
        // shown from the start, before anything moves them
        for (String state : List.of("created", "processing", "completed", "error")) {
            assertThat(childOpenMetrics.body()).contains("joinery_async_action_invocations_total{state=\"" + state + "\"} 0");
        }
        for (String scrape : List.of(gatewayText.body(), childOpenMetrics.body())) {
            for (String limit : List.of("rate_limit", "batch_limit", "depth_limit", "node_limit", "time_limit")) {
                assertThat(scrape).contains("joinery_rate_limit_refusals_total{limit=\"" + limit + "\"} 0");
            }
            assertThat(scrape).contains("joinery_jwks_refreshes_total{outcome=\"success\"} 0")
                    .contains("jvm_memory_used_bytes").contains("process_cpu_usage").contains("jvm_gc_")
                    .contains("process_uptime_seconds");
        }
    }
}
