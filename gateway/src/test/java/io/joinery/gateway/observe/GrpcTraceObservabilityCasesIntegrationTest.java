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
 * `OTEL_EXPORTER_OTLP_PROTOCOL=grpc` with both servers (SPEC §13), as a user pointing them at a
 * collector's port 4317 would: the spans of one query reach the receiver over gRPC, one trace from
 * the gateway through the child to the handler, and nothing blocks an event loop.
 */
class GrpcTraceObservabilityCasesIntegrationTest {
    private static final String CHILD_SECRET = "grpc-child-secret";
    private static final String TRACE_ID = "8bf92f3577b34da6a3ce929d0e0e4736";

    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;
    static List<OtlpReceiver.ExportedSpan> spans;
    static int grpcCalls;
    static String handlerTraceparent;

    @BeforeAll
    static void runATracedQuery() throws Exception {
        TestBlockHound.install();
        OtlpReceiver receiver = OtlpReceiver.start();
        Map<String, String> otel = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.grpcUrl(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "OTEL_BSP_SCHEDULE_DELAY", "50");
        Map<String, String> childEnv = new HashMap<>(otel);
        childEnv.put("OTEL_SERVICE_NAME", "grpc-child");
        ChildApp child = ChildApp.start(new ChildConfig(0, "127.0.0.1", Optional.of(CHILD_SECRET), Optional.empty(),
                Path.of("unused"), Optional.empty(), "*", 8, 4, UpstreamSettings.DEFAULTS, childEnv::get),
                TestDatabase.fresh(), Optional.empty()).awaitReady(Duration.ofSeconds(60));
        Gateway gateway = null;
        try {
            TestHttp childHttp = new TestHttp(child.port());
            TestHttp.Response setup = childHttp.post("/v1/metadata", """
                    {"type": "bulk", "args": [
                      {"type": "set_custom_types", "args": {"objects": [{"name": "Who", "fields": [{"name": "ok", "type": "Boolean!"}]}]}},
                      {"type": "create_action", "args": {"name": "whoami", "definition": {
                         "handler": "%s/whoami", "output_type": "Who", "type": "query"}}}
                    ]}""".formatted(handler.baseUrl()), Map.of("X-Hasura-Admin-Secret", CHILD_SECRET));
            assertThat(setup.status()).as(setup.body()).isEqualTo(200);
            Path metadata = dir.resolve("metadata.json");
            Files.writeString(metadata, """
                    {"version": 3, "remote_schemas": [{"name": "child", "definition": {
                      "url": "http://127.0.0.1:%d/v1/graphql", "timeout_seconds": 20,
                      "headers": [{"name": "X-Hasura-Admin-Secret", "value": "%s"}]}}]}"""
                    .formatted(child.port(), CHILD_SECRET));
            Map<String, String> env = new HashMap<>(otel);
            env.putAll(Map.of("JOINERY_HOST", "127.0.0.1", "JOINERY_PORT", "0", "JOINERY_METADATA", metadata.toString(),
                    "OTEL_SERVICE_NAME", "grpc-gateway"));
            gateway = Gateway.start(GatewayConfig.fromEnv(env::get));

            handler.stubFor(post("/whoami").willReturn(okJson("{\"ok\": true}")));
            TestHttp.Response answered = new TestHttp(gateway.port()).graphql("query Who { whoami { ok } }", null,
                    Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
            assertThat(answered.json().at("/data/whoami/ok").asBoolean()).as(answered.body()).isTrue();
            handlerTraceparent = handler.getAllServeEvents().get(0).getRequest().getHeader("traceparent");
        } finally {
            if (gateway != null) {
                gateway.close();
            }
            child.close();
            receiver.stop();
        }
        spans = receiver.spans();
        grpcCalls = receiver.grpcCalls();
    }

    @AfterAll
    static void noBlocking() {
        assertThat(TestBlockHound.drainViolations()).as("blocking calls on non-blocking threads").isEmpty();
    }

    @Test
    void bothServersExportOverGrpc_oneTraceThroughGatewayChildAndHandler() {
        assertThat(grpcCalls).isGreaterThanOrEqualTo(2);
        List<OtlpReceiver.ExportedSpan> traced = spans.stream().filter(s -> s.traceId().equals(TRACE_ID)).toList();
        OtlpReceiver.ExportedSpan gatewayCall = traced.stream().filter(s -> s.service().equals("grpc-gateway")
                && s.kind() == OtlpReceiver.CLIENT).findFirst().orElseThrow();
        OtlpReceiver.ExportedSpan childServer = traced.stream().filter(s -> s.service().equals("grpc-child")
                && s.kind() == OtlpReceiver.SERVER).findFirst().orElseThrow();
        assertThat(childServer.parentSpanId()).isEqualTo(gatewayCall.spanId());
        OtlpReceiver.ExportedSpan handlerCall = traced.stream().filter(s -> s.service().equals("grpc-child")
                && "whoami".equals(s.attributes().get("joinery.action"))).findFirst().orElseThrow();
        assertThat(handlerTraceparent).isEqualTo("00-" + TRACE_ID + "-" + handlerCall.spanId() + "-01");
    }
}
