package io.joinery.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.observe.Telemetry;
import io.joinery.core.observe.Tracing;
import io.joinery.core.upstream.Idempotency;
import io.joinery.core.upstream.UpstreamClient;
import io.joinery.core.upstream.UpstreamRequest;
import io.joinery.core.upstream.UpstreamSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.DisposableServer;

/**
 * W3C trace context and request ids without any exporter (SPEC §13): what a route sends upstream
 * while answering a request carries the client's `traceparent` as it came (or one of a new trace)
 * and the request's `x-request-id`; with `OTEL_PROPAGATORS=none`, no `traceparent` at all.
 */
class TracePropagationTest {
    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final UpstreamClient client = UpstreamClient.pooled("test", 4, false, UpstreamSettings.DEFAULTS);
    private DisposableServer server;

    private TestHttp start() {
        return start(Telemetry.noop());
    }

    private TestHttp start(Telemetry telemetry) {
        upstream.stubFor(post("/remote").willReturn(okJson("{}")));
        server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")),
                SessionResolver.create(AuthConfig.open()),
                List.of(Route.api("/call", (body, session) -> client.post(new UpstreamRequest(
                                URI.create(upstream.baseUrl() + "/remote"), List.of(), "{}", Duration.ofSeconds(10),
                                Idempotency.IDEMPOTENT))
                        .map(response -> body))),
                telemetry);
        return new TestHttp(server.port());
    }

    @AfterEach
    void stop() {
        server.disposeNow();
        client.dispose();
    }

    private String sentHeader(String name) {
        return upstream.getAllServeEvents().get(0).getRequest().getHeader(name);
    }

    @Test
    void theClientsTraceparent_andRequestId_areSentUpstreamAsTheyCame() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        TestHttp.Response answer = start().post("/call", "{}", Map.of("traceparent", traceparent,
                "x-request-id", "req-7"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(sentHeader("traceparent")).isEqualTo(traceparent);
        assertThat(sentHeader("x-request-id")).isEqualTo("req-7");
    }

    @Test
    void withoutTraceparent_aNewTraceIsSentUpstream_withTheGeneratedRequestId() {
        TestHttp.Response answer = start().post("/call", "{}");
        assertThat(sentHeader("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(sentHeader("x-request-id")).isEqualTo(answer.headers().get("x-request-id"));
    }

    @Test
    void outsideARequest_nothingIsAdded() {
        start();
        client.post(new UpstreamRequest(URI.create(upstream.baseUrl() + "/remote"), List.of(), "{}",
                Duration.ofSeconds(10), Idempotency.IDEMPOTENT)).block();
        assertThat(sentHeader("traceparent")).isNull();
        assertThat(sentHeader("x-request-id")).isNull();
    }

    @Test
    void withPropagationOff_noTraceparentIsSentUpstream_butTheRequestIdIs() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        TestHttp http = start(Telemetry.withoutMetrics(Tracing.off()));
        assertThat(http.post("/call", "{}", Map.of("traceparent", traceparent, "x-request-id", "req-8")).status())
                .isEqualTo(200);
        assertThat(http.post("/call", "{}").status()).isEqualTo(200);
        assertThat(upstream.getAllServeEvents()).hasSize(2)
                .allSatisfy(event -> assertThat(event.getRequest().getHeader("traceparent")).isNull());
        assertThat(upstream.getAllServeEvents()).extracting(event -> event.getRequest().getHeader("x-request-id"))
                .contains("req-8");
    }
}
