package io.joinery.gateway.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
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
 * Traces end to end (SPEC §13): a gateway and a child exporting over OTLP/HTTP to a receiver in
 * this test ({@link OtlpReceiver}), a client that sends a `traceparent`, an action handler
 * (WireMock) that receives one. ONE trace id spans client -> gateway -> child -> handler, each
 * span's parent is the span that called it, and the spans carry the GraphQL attributes.
 */
class TraceIntegrationTest {
    private static final String CHILD_SECRET = "child-secret";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;
    static OtlpReceiver receiver;
    static List<OtlpReceiver.ExportedSpan> spans;
    static String handlerTraceparent;
    static String untracedGatewayTrace;
    static String untracedChildTrace;

    @BeforeAll
    static void runATracedQuery() throws Exception {
        TestBlockHound.install();
        receiver = OtlpReceiver.start();
        Map<String, String> otel = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url(),
                "OTEL_BSP_SCHEDULE_DELAY", "50");
        Map<String, String> childEnv = new HashMap<>(otel);
        childEnv.put("OTEL_SERVICE_NAME", "test-child");
        ChildApp child = ChildApp.start(new ChildConfig(0, "127.0.0.1", Optional.of(CHILD_SECRET), Optional.empty(),
                Path.of("unused"), Optional.empty(), "*", 8, 4, UpstreamSettings.DEFAULTS, childEnv::get),
                TestDatabase.fresh(), Optional.empty()).awaitReady(Duration.ofSeconds(60));
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
                         "handler": "%s/whoami", "output_type": "Who", "type": "query"}}}
                    ]}""".formatted(handler.baseUrl()), admin);
            assertThat(setup.status()).as(setup.body()).isEqualTo(200);
            Path metadata = dir.resolve("metadata.json");
            Files.writeString(metadata, """
                    {"version": 3, "remote_schemas": [{"name": "child", "definition": {
                      "url": "http://127.0.0.1:%d/v1/graphql", "timeout_seconds": 20,
                      "headers": [{"name": "X-Hasura-Admin-Secret", "value": "%s"}]}}]}"""
                    .formatted(child.port(), CHILD_SECRET));
            Map<String, String> env = new HashMap<>(otel);
            env.putAll(Map.of("JOINERY_HOST", "127.0.0.1", "JOINERY_PORT", "0", "JOINERY_METADATA", metadata.toString(),
                    "OTEL_SERVICE_NAME", "test-gateway"));
            gateway = Gateway.start(GatewayConfig.fromEnv(env::get));
            TestHttp http = new TestHttp(gateway.port());

            handler.stubFor(post("/whoami").willReturn(okJson("{\"ok\": true}")));
            TestHttp.Response answered = http.graphql("query Who { whoami { ok } author { name } }", null,
                    Map.of("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01"));
            assertThat(answered.json().at("/data/author/0/name").asText()).as(answered.body()).isEqualTo("Ada");
            handlerTraceparent = handler.getAllServeEvents().get(0).getRequest().getHeader("traceparent");

            handler.resetRequests();
            http.graphql("query Again { whoami { ok } }", null, Map.of());
            untracedChildTrace = handler.getAllServeEvents().get(0).getRequest().getHeader("traceparent");
            // the server span ends just after the answer is written, a moment after the client has it:
            // closing at once could stop the exporter before that span is handed to it
            awaitGatewaySpan("Again", Duration.ofSeconds(10));
        } finally {
            // closing flushes the exporters
            if (gateway != null) {
                gateway.close();
            }
            child.close();
            receiver.stop();
        }
        spans = receiver.spans();
        untracedGatewayTrace = spans.stream().filter(s -> s.service().equals("test-gateway") && s.kind() == 2
                && "Again".equals(s.attributes().get("graphql.operation.name"))).map(OtlpReceiver.ExportedSpan::traceId)
                .findFirst().orElse("none");
    }

    /** Waits until the gateway's server span of operation {@code name} has reached the receiver (exported every 50 ms). */
    private static void awaitGatewaySpan(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (receiver.spans().stream().noneMatch(s -> s.service().equals("test-gateway") && s.kind() == 2
                && name.equals(s.attributes().get("graphql.operation.name")))) {
            if (System.nanoTime() > deadline) {
                return; // the assertions say what is missing
            }
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void noBlocking() {
        assertThat(TestBlockHound.drainViolations()).as("blocking calls on non-blocking threads").isEmpty();
    }

    private static List<OtlpReceiver.ExportedSpan> traced(String service) {
        return spans.stream().filter(s -> s.traceId().equals(TRACE_ID) && s.service().equals(service)).toList();
    }

    private static OtlpReceiver.ExportedSpan one(List<OtlpReceiver.ExportedSpan> candidates, String what) {
        assertThat(candidates).as(what + " in " + spans).hasSize(1);
        return candidates.get(0);
    }

    @Test
    void oneTrace_spansGatewayChildAndHandler_eachSpanUnderItsCaller() {
        OtlpReceiver.ExportedSpan gatewayServer = one(traced("test-gateway").stream()
                .filter(s -> s.kind() == OtlpReceiver.SERVER).toList(), "the gateway's request span");
        assertThat(gatewayServer.parentSpanId()).isEqualTo(CLIENT_SPAN);
        OtlpReceiver.ExportedSpan remoteCall = one(traced("test-gateway").stream()
                .filter(s -> s.kind() == OtlpReceiver.CLIENT).toList(), "the gateway's call of the child");
        assertThat(remoteCall.parentSpanId()).isEqualTo(gatewayServer.spanId());
        assertThat(remoteCall.attributes()).containsEntry("joinery.remote_schema", "child");

        OtlpReceiver.ExportedSpan childServer = one(traced("test-child").stream()
                .filter(s -> s.kind() == OtlpReceiver.SERVER).toList(), "the child's request span");
        assertThat(childServer.parentSpanId()).isEqualTo(remoteCall.spanId());
        OtlpReceiver.ExportedSpan handlerCall = one(traced("test-child").stream()
                .filter(s -> s.kind() == OtlpReceiver.CLIENT && s.attributes().containsKey("joinery.action")).toList(),
                "the child's handler call");
        assertThat(handlerCall.parentSpanId()).isEqualTo(childServer.spanId());
        assertThat(handlerTraceparent).isEqualTo("00-" + TRACE_ID + "-" + handlerCall.spanId() + "-01");
    }

    @Test
    void requestSpans_carryTheGraphqlAttributes() {
        OtlpReceiver.ExportedSpan gatewayServer = traced("test-gateway").stream()
                .filter(s -> s.kind() == OtlpReceiver.SERVER).findFirst().orElseThrow();
        assertThat(gatewayServer.name()).isEqualTo("POST /v1/graphql");
        assertThat(gatewayServer.attributes()).containsEntry("graphql.operation.name", "Who")
                .containsEntry("graphql.operation.type", "query")
                .containsEntry("graphql.document", "query Who { whoami { ok } author { name } }");
        OtlpReceiver.ExportedSpan childServer = traced("test-child").stream()
                .filter(s -> s.kind() == OtlpReceiver.SERVER).findFirst().orElseThrow();
        assertThat(childServer.attributes()).containsEntry("graphql.operation.type", "query")
                .containsKey("graphql.document");
    }

    @Test
    void parseValidatePlanAndSql_haveSpansOfTheirOwn() {
        assertThat(traced("test-gateway")).extracting(OtlpReceiver.ExportedSpan::name)
                .contains("graphql.parse_validate", "graphql.plan");
        assertThat(traced("test-child")).extracting(OtlpReceiver.ExportedSpan::name)
                .contains("graphql.parse_validate", "graphql.plan");
        List<OtlpReceiver.ExportedSpan> sql = traced("test-child").stream()
                .filter(s -> "postgresql".equals(s.attributes().get("db.system.name"))).toList();
        assertThat(sql).isNotEmpty();
        assertThat(sql).allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo(OtlpReceiver.CLIENT);
            assertThat(s.attributes().get("db.query.text")).contains("author");
        });
    }

    @Test
    void aRequestWithoutTraceparent_stillHasOneTraceAcrossBothServersAndTheHandler() {
        assertThat(untracedGatewayTrace).isNotEqualTo("none").isNotEqualTo(TRACE_ID);
        assertThat(untracedChildTrace).startsWith("00-" + untracedGatewayTrace + "-");
    }
}
