package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.observe.ObservabilityConfig;
import io.joinery.core.observe.PrometheusText;
import io.joinery.core.observe.Telemetry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * `GET /v1/metrics` as scrapers and people call it (SPEC §13): the format each asks for in `Accept`
 * (OpenMetrics for Prometheus, the text format 0.0.4 for everyone else), and a Hasura deployment's
 * `HASURA_GRAPHQL_METRICS_SECRET`.
 */
class MetricsObservabilityCasesTest {
    /** Prometheus 2.x's scrape `Accept`, and Prometheus 3.x's. */
    private static final List<String> PROMETHEUS = List.of(
            "application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,"
                    + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2",
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                    + "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
                    + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2");

    private final Telemetry telemetry = Telemetry.create();
    private DisposableServer server;

    private TestHttp start(String... env) {
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < env.length; i += 2) {
            variables.put(env[i], env[i + 1]);
        }
        AuthConfig auth = AuthConfig.fromEnvironment(variables);
        server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")), SessionResolver.create(auth),
                List.of(Route.get("/healthz", call -> Mono.just(HttpAnswer.text(200, "OK"))),
                        MetricsRoute.route(telemetry, auth, ObservabilityConfig.fromEnv(variables::get))),
                telemetry);
        return new TestHttp(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
        telemetry.close();
    }

    @Test
    void prometheus_getsOpenMetrics() {
        TestHttp http = start();
        http.get("/healthz");
        for (String accept : PROMETHEUS) {
            TestHttp.Response scrape = http.get("/v1/metrics", Map.of("Accept", accept));
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.headers().get("Content-Type"))
                    .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(scrape.body().strip()).endsWith("# EOF");
            assertThat(scrape.body()).contains("# TYPE joinery_http_requests_seconds histogram")
                    .contains("joinery_http_requests_seconds_count{endpoint=\"/healthz\",operation_type=\"none\"} 1");
        }
    }

    @Test
    void curlBrowsersAndTextScrapers_getTheTextFormat() {
        TestHttp http = start();
        for (String accept : new String[] {null, "*/*", "text/plain", "text/html,application/xhtml+xml,*/*;q=0.8",
            "text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.5",
            "application/openmetrics-text;q=0"}) {
            TestHttp.Response scrape = accept == null ? http.get("/v1/metrics")
                    : http.get("/v1/metrics", Map.of("Accept", accept));
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.headers().get("Content-Type")).as(accept)
                    .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body()).as(accept).doesNotContain("# EOF");
            assertThat(PrometheusText.parse(scrape.body()).has("jvm_memory_used_bytes")).isTrue();
        }
    }

    @Test
    void acceptHeaders_areWeighed() {
        assertThat(MetricsRoute.prefersOpenMetrics(null)).isFalse();
        assertThat(MetricsRoute.prefersOpenMetrics("application/openmetrics-text")).isTrue();
        assertThat(MetricsRoute.prefersOpenMetrics("Application/OpenMetrics-Text; version=1.0.0")).isTrue();
        assertThat(MetricsRoute.prefersOpenMetrics("text/plain, application/openmetrics-text;q=0.9")).isFalse();
        assertThat(MetricsRoute.prefersOpenMetrics("application/openmetrics-text;q=oops")).isFalse();
        PROMETHEUS.forEach(accept -> assertThat(MetricsRoute.prefersOpenMetrics(accept)).isTrue());
    }

    @Test
    void hasurasMetricsSecret_opensThemToItsBearer() {
        TestHttp http = start("HASURA_GRAPHQL_ADMIN_SECRET", "admin-s3cret", "HASURA_GRAPHQL_METRICS_SECRET", "scrape-s3cret");
        TestHttp.Response none = http.get("/v1/metrics");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("code").asText()).isEqualTo("access-denied");
        assertThat(http.get("/v1/metrics", Map.of("Authorization", "Bearer scrape-s3cret")).status()).isEqualTo(200);
        assertThat(http.get("/v1/metrics", Map.of("X-Hasura-Admin-Secret", "admin-s3cret")).status()).isEqualTo(200);
        assertThat(http.get("/v1/metrics", Map.of("Authorization", "Bearer admin-s3cret")).status()).isEqualTo(401);
    }
}
