package io.joinery.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import io.joinery.core.graphql.OperationKind;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class TelemetryTest {
    private final Telemetry telemetry = Telemetry.create();

    @AfterEach
    void close() {
        telemetry.close();
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(telemetry.scrape().orElseThrow());
    }

    @Test
    void rateLimitRefusals_areCountedPerLimit() {
        telemetry.rateLimitRefused("requests_per_minute");
        telemetry.rateLimitRefused("requests_per_minute");
        assertThat(scrape().value("joinery_rate_limit_refusals_total", "limit", "requests_per_minute")).isEqualTo(2);
    }

    @Test
    void requests_areTimedPerEndpointAndOperationType_withHistogramBuckets() {
        Telemetry.RequestMeters meters = telemetry.endpoint("/v1/graphql");
        meters.record(OperationKind.MUTATION, TimeUnit.MILLISECONDS.toNanos(3));
        meters.record(null, TimeUnit.MILLISECONDS.toNanos(3));
        PrometheusText text = scrape();
        assertThat(text.value("joinery_http_requests_seconds_count", "endpoint", "/v1/graphql",
                "operation_type", "mutation")).isEqualTo(1);
        assertThat(text.value("joinery_http_requests_seconds_count", "operation_type", "none")).isEqualTo(1);
        assertThat(text.value("joinery_http_requests_seconds_bucket", "operation_type", "mutation", "le", "0.005"))
                .isEqualTo(1);
        assertThat(text.value("joinery_http_requests_seconds_bucket", "operation_type", "mutation", "le", "0.002"))
                .isEqualTo(0);
    }

    @Test
    void sqlAndCalls_areTimed_andJvmMetricsAreBound() {
        telemetry.sqlStatement(Mono.just(1)).block();
        telemetry.handlerCall("create_user", Mono.just(1)).block();
        telemetry.upstreamRequest("child", Mono.error(new IllegalStateException("down")))
                .onErrorResume(e -> Mono.empty()).block();
        PrometheusText text = scrape();
        assertThat(text.value("joinery_sql_statements_seconds_count")).isEqualTo(1);
        assertThat(text.value("joinery_action_handler_calls_seconds_count", "action", "create_user")).isEqualTo(1);
        assertThat(text.value("joinery_upstream_requests_seconds_count", "remote", "child")).isEqualTo(1);
        assertThat(text.has("jvm_memory_used_bytes")).isTrue();
        assertThat(text.has("process_uptime_seconds")).isTrue();
        assertThat(text.has("jvm_threads_live_threads")).isTrue();
    }

    @Test
    void noop_recordsAndExportsNothing() {
        Telemetry noop = Telemetry.noop();
        noop.rateLimitRefused("x");
        noop.sqlStatement(Mono.just(1)).block();
        assertThat(noop.scrape()).isEmpty();
    }

    @Test
    void metricsOff_registerNoMeter_andScrapeNothing() {
        Telemetry off = Telemetry.create(ObservabilityConfig.fromEnv(Map.of("JOINERY_METRICS_ENABLED", "false")::get),
                Tracing.propagationOnly());
        off.endpoint("/v1/graphql").record(OperationKind.QUERY, 1_000);
        off.rateLimitRefused("depth_limit");
        off.graphqlError("validation-failed");
        assertThat(off.upstreamRequest("child", Mono.just(1)).block()).isEqualTo(1);
        Cache<String, String> plans = off.planCache("plans", 10);
        plans.put("q", "plan");
        assertThat(plans.getIfPresent("q")).isEqualTo("plan");
        assertThat(off.hasMetrics()).isFalse();
        assertThat(off.registry().getMeters()).isEmpty();
        assertThat(off.scrape()).isEmpty();
        off.close();
    }

    @Test
    void byDefault_metricsAreOn() {
        Telemetry on = Telemetry.create(ObservabilityConfig.fromEnv(Map.<String, String>of()::get),
                Tracing.propagationOnly());
        assertThat(on.hasMetrics()).isTrue();
        assertThat(PrometheusText.parse(on.scrape().orElseThrow()).has("joinery_graphql_errors_total")).isTrue();
        on.close();
    }
}
