package io.joinery.gateway.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.db.Database;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import io.joinery.core.observe.PrometheusText;
import io.joinery.core.upstream.UpstreamSettings;
import io.joinery.gateway.Gateway;
import io.joinery.gateway.GatewayConfig;
import io.joinery.gateway.testing.TestBlockHound;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three signals together, and their settings (SPEC §13): a child configured as compose
 * configures it without the observability profile (an OTLP endpoint but `OTEL_TRACES_EXPORTER=none`)
 * exports no span yet still continues the client's trace and request id to its handler, and counts
 * the call; wrong log settings stop a server at start with a message naming the variable.
 */
class ObservabilityIntegrationTest {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;
    static Database database;
    static OtlpReceiver receiver;
    static ChildApp child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        TestBlockHound.install();
        receiver = OtlpReceiver.start();
        Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url(), "OTEL_TRACES_EXPORTER", "none",
                "OTEL_BSP_SCHEDULE_DELAY", "50");
        database = TestDatabase.fresh();
        child = ChildApp.start(new ChildConfig(0, "127.0.0.1", Optional.empty(), Optional.empty(), Path.of("unused"),
                Optional.empty(), "*", 8, 4, UpstreamSettings.DEFAULTS, env::get), database, Optional.empty())
                .awaitReady(Duration.ofSeconds(60));
        http = new TestHttp(child.port());
        TestHttp.Response setup = http.metadata("""
                {"type": "bulk", "args": [
                  {"type": "set_custom_types", "args": {"objects": [{"name": "Who", "fields": [{"name": "ok", "type": "Boolean!"}]}]}},
                  {"type": "create_action", "args": {"name": "whoami", "definition": {
                     "handler": "%s/whoami", "output_type": "Who", "type": "query"}}}
                ]}""".formatted(handler.baseUrl()));
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        child.close();
        receiver.stop();
        assertThat(TestBlockHound.drainViolations()).as("blocking calls on non-blocking threads").isEmpty();
    }

    @Test
    void withoutAnExporter_theTraceAndRequestIdReachTheHandler_theCallIsCounted_andNoSpanIsExported() {
        handler.stubFor(post("/whoami").willReturn(okJson("{\"ok\": true}")));
        TestHttp.Response answered = http.graphql("query Who { whoami { ok } }", null,
                Map.of("traceparent", TRACEPARENT, "x-request-id", "obs-1"));
        assertThat(answered.json().at("/data/whoami/ok").asBoolean()).as(answered.body()).isTrue();
        assertThat(answered.headers().get("x-request-id")).isEqualTo("obs-1");

        LoggedRequest call = handler.getAllServeEvents().get(0).getRequest();
        assertThat(call.getHeader("traceparent")).isEqualTo(TRACEPARENT);
        assertThat(call.getHeader("x-request-id")).isEqualTo("obs-1");

        PrometheusText metrics = PrometheusText.parse(http.get("/v1/metrics").body());
        assertThat(metrics.value("joinery_action_handler_calls_seconds_count", "action", "whoami")).isEqualTo(1);
        assertThat(metrics.value("joinery_http_requests_seconds_count", "endpoint", "/v1/graphql",
                "operation_type", "query")).isEqualTo(1);
        // with an SDK, the spans would be on their way within 50 ms (OTEL_BSP_SCHEDULE_DELAY); none runs
        assertThat(receiver.spans()).isEmpty();
    }

    @Test
    void wrongLogSettings_stopAServerAtStart_namingTheVariable() {
        Map<String, String> badLevel = Map.of("JOINERY_LOG_LEVEL", "verbose");
        assertThatThrownBy(() -> ChildApp.start(new ChildConfig(0, "127.0.0.1", Optional.empty(), Optional.empty(),
                Path.of("unused"), Optional.empty(), "*", 8, 4, UpstreamSettings.DEFAULTS, badLevel::get), database,
                Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JOINERY_LOG_LEVEL")
                .hasMessageContaining("verbose");
        Map<String, String> badFormat = new HashMap<>(Map.of("JOINERY_LOG_FORMAT", "xml", "JOINERY_HOST", "127.0.0.1",
                "JOINERY_PORT", "0", "JOINERY_METADATA", dir.resolve("metadata.json").toString()));
        assertThatThrownBy(() -> Gateway.start(GatewayConfig.fromEnv(badFormat::get)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JOINERY_LOG_FORMAT");
    }
}
