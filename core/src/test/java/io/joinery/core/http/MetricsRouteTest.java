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
 * `GET /v1/metrics` through the real front door (SPEC §13): who may read it, and that the front
 * door times every request per route and operation type.
 */
class MetricsRouteTest {
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
        server.disposeNow();
        telemetry.close();
    }

    @Test
    void withoutAnySecret_metricsAreOpen() {
        TestHttp http = start();
        TestHttp.Response response = http.get("/v1/metrics");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(PrometheusText.parse(response.body()).has("jvm_memory_used_bytes")).isTrue();
    }

    @Test
    void withAnAdminSecret_onlyTheAdminSecretOpensThem() {
        TestHttp http = start("JOINERY_ADMIN_SECRET", "admin-s3cret");
        assertDenied(http.get("/v1/metrics"));
        assertDenied(http.get("/v1/metrics", Map.of("X-Hasura-Admin-Secret", "wrong")));
        assertDenied(http.get("/v1/metrics", Map.of("Authorization", "Bearer admin-s3cret")));
        assertThat(http.get("/v1/metrics", Map.of("X-Hasura-Admin-Secret", "admin-s3cret")).status()).isEqualTo(200);
    }

    @Test
    void withAMetricsSecret_itsBearerTokenOrTheAdminSecretOpensThem() {
        TestHttp http = start("JOINERY_ADMIN_SECRET", "admin-s3cret", "JOINERY_METRICS_SECRET", "scrape-s3cret");
        assertDenied(http.get("/v1/metrics"));
        assertDenied(http.get("/v1/metrics", Map.of("Authorization", "Bearer wrong")));
        assertDenied(http.get("/v1/metrics", Map.of("Authorization", "scrape-s3cret")));
        assertDenied(http.get("/v1/metrics", Map.of("X-Hasura-Admin-Secret", "scrape-s3cret")));
        assertThat(http.get("/v1/metrics", Map.of("Authorization", "Bearer scrape-s3cret")).status()).isEqualTo(200);
        assertThat(http.get("/v1/metrics", Map.of("X-Hasura-Admin-Secret", "admin-s3cret")).status()).isEqualTo(200);
    }

    @Test
    void aMetricsSecretAlone_closesThem() {
        TestHttp http = start("JOINERY_METRICS_SECRET", "scrape-s3cret");
        assertDenied(http.get("/v1/metrics"));
        assertThat(http.get("/v1/metrics", Map.of("Authorization", "bearer scrape-s3cret")).status()).isEqualTo(200);
    }

    @Test
    void everyRequest_isTimedPerRoute() {
        TestHttp http = start();
        http.get("/healthz");
        http.get("/healthz");
        http.get("/nowhere");
        PrometheusText text = PrometheusText.parse(http.get("/v1/metrics").body());
        assertThat(text.value("joinery_http_requests_seconds_count", "endpoint", "/healthz", "operation_type", "none"))
                .isEqualTo(2);
        assertThat(text.value("joinery_http_requests_seconds_count", "endpoint", "unmatched")).isEqualTo(1);
    }

    @Test
    void metricsOff_answer404NotFound_toWhoMayReadThem() {
        TestHttp http = start("JOINERY_METRICS_SECRET", "scrape-s3cret", "JOINERY_METRICS_ENABLED", "false");
        assertDenied(http.get("/v1/metrics"));
        TestHttp.Response off = http.get("/v1/metrics", Map.of("Authorization", "Bearer scrape-s3cret"));
        assertThat(off.status()).isEqualTo(404);
        assertThat(off.json().get("code").asText()).isEqualTo("not-found");
        assertThat(off.json().get("error").asText()).isEqualTo("metrics are turned off (JOINERY_METRICS_ENABLED=false)");
        assertThat(off.json().get("path").asText()).isEqualTo("$");
    }

    private static void assertDenied(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.json().get("code").asText()).isEqualTo("access-denied");
    }
}
