package io.joinery.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The observability settings as a new user would set them (SPEC §13): the `OTEL_*` variables as
 * the OpenTelemetry SDK documents them (sampler, resource, exporter and protocol, with a clear
 * refusal of what is not shipped), Hasura's variable names, and meters that exist only on the
 * server that does their work.
 */
class ObservabilityCasesTest {
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

    @Test
    void protocolsNotShipped_stopTheServerAtStart_namingTheVariable() {
        for (String variable : List.of("OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")) {
            for (String protocol : List.of("http/json", "thrift")) {
                Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317",
                        variable, protocol);
                assertThatThrownBy(() -> ObservabilityConfig.fromEnv(env::get))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(variable).hasMessageContaining(protocol)
                        .hasMessageContaining("http/protobuf").hasMessageContaining("grpc");
                assertThatThrownBy(() -> Tracing.fromEnv(env::get, "test", true))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(variable);
            }
        }
        // nothing is exported: the protocol does not matter
        Map<String, String> off = Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "OTEL_TRACES_EXPORTER", "none",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317");
        assertThat(ObservabilityConfig.fromEnv(off::get).tracePropagation()).isTrue();
        Map<String, String> explicit = Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "HTTP/Protobuf",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9");
        assertThat(Tracing.checkExport(explicit::get)).isTrue();
        Map<String, String> grpc = Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9");
        assertThat(Tracing.checkExport(grpc::get)).isTrue();
    }

    @Test
    void anExporterNotShipped_stopsTheServerAtStart_namingTheVariable() {
        for (String exporter : List.of("console", "zipkin", "otlp,console")) {
            Map<String, String> env = Map.of("OTEL_TRACES_EXPORTER", exporter);
            assertThatThrownBy(() -> ObservabilityConfig.fromEnv(env::get))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("OTEL_TRACES_EXPORTER").hasMessageContaining(exporter);
        }
        assertThat(Tracing.checkExport(Map.of("OTEL_TRACES_EXPORTER", "none")::get)).isFalse();
        assertThat(Tracing.checkExport(Map.of("OTEL_TRACES_EXPORTER", "otlp")::get)).isTrue();
        assertThat(Tracing.checkExport(Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_SDK_DISABLED", "true")::get))
                .isFalse();
        assertThat(Tracing.checkExport(name -> null)).isFalse();
    }

    @Test
    void serviceNameInResourceAttributes_isRecognised() {
        assertThat(Tracing.namesService("service.name=orders,deployment.environment.name=prod")).isTrue();
        assertThat(Tracing.namesService("deployment.environment.name=prod, service.name = orders")).isTrue();
        assertThat(Tracing.namesService("service.namespace=shop,service.name=")).isFalse();
        assertThat(Tracing.namesService("")).isFalse();
    }

    @Test
    void aSamplerThatSamplesNothing_stillContinuesAndPropagatesTheClientsTrace() {
        Tracing tracing = Tracing.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9",
                "OTEL_BSP_SCHEDULE_DELAY", "600000", "OTEL_TRACES_SAMPLER", "always_off")::get, "test", true);
        try {
            assertThat(tracing.isExporting()).isTrue();
            Context request = tracing.startRequest(name -> name.equals("traceparent") ? TRACEPARENT : null,
                    "POST /v1/graphql");
            SpanContext span = Span.fromContext(request).getSpanContext();
            assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(span.isSampled()).isFalse();
            List<Map.Entry<String, String>> sent = new ArrayList<>();
            tracing.clientSpan("call", Mono.deferContextual(context -> {
                Tracing.inject(Tracing.current(context), sent);
                return Mono.just(1);
            })).contextWrite(context -> context.put(Tracing.KEY, request)).block();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).getValue()).startsWith("00-" + TRACE_ID + "-").endsWith("-00");
        } finally {
            tracing.close();
        }
    }

    @Test
    void hasurasVariableNames_areRead() {
        ObservabilityConfig config = ObservabilityConfig.fromEnv(Map.of("HASURA_GRAPHQL_METRICS_SECRET", "scrape",
                "HASURA_GRAPHQL_LOG_LEVEL", "WARN")::get);
        assertThat(config.metricsSecret()).contains("scrape");
        assertThat(config.logLevel()).isEqualTo("warn");
        ObservabilityConfig own = ObservabilityConfig.fromEnv(Map.of("HASURA_GRAPHQL_METRICS_SECRET", "scrape",
                "JOINERY_METRICS_SECRET", "own", "HASURA_GRAPHQL_LOG_LEVEL", "warn", "JOINERY_LOG_LEVEL", "debug")::get);
        assertThat(own.metricsSecret()).contains("own");
        assertThat(own.logLevel()).isEqualTo("debug");
        assertThatThrownBy(() -> ObservabilityConfig.fromEnv(Map.of("HASURA_GRAPHQL_LOG_LEVEL", "verbose")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verbose");
    }

    @Test
    void hasurasLogLevel_isAppliedByLogback_whenJoinerysIsNotSet() throws Exception {
        String out = logged(Map.of("HASURA_GRAPHQL_LOG_LEVEL", "error"), context -> {
            context.getLogger("joinery.http-log").info("an info line");
            context.getLogger("io.joinery.x").error("an error line");
        });
        assertThat(out).doesNotContain("an info line").contains("an error line");
        String own = logged(Map.of("HASURA_GRAPHQL_LOG_LEVEL", "error", "JOINERY_LOG_LEVEL", "info"),
                context -> context.getLogger("joinery.http-log").info("an info line"));
        assertThat(own).contains("an info line");
    }

    @Test
    void theSqlMetric_appearsWithTheFirstStatement_soAServerSendingNoneShowsNone() {
        Telemetry telemetry = Telemetry.create();
        try {
            assertThat(telemetry.scrape().orElseThrow()).doesNotContain("joinery_sql_statements");
            telemetry.sqlStatement("SELECT 1", Mono.just(1)).block();
            assertThat(PrometheusText.parse(telemetry.scrape().orElseThrow())
                    .value("joinery_sql_statements_seconds_count")).isEqualTo(1);
        } finally {
            telemetry.close();
        }
    }

    @Test
    void openMetrics_isRenderedOnRequest() {
        Telemetry telemetry = Telemetry.create();
        try {
            telemetry.graphqlError("validation-failed");
            String openMetrics = telemetry.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8")
                    .orElseThrow();
            assertThat(openMetrics.strip()).endsWith("# EOF");
            assertThat(openMetrics).contains("# TYPE joinery_graphql_errors counter")
                    .contains("joinery_graphql_errors_total{code=\"validation-failed\"} 1");
            String text = telemetry.scrape("text/plain; version=0.0.4; charset=utf-8").orElseThrow();
            assertThat(text).doesNotContain("# EOF").contains("# TYPE joinery_graphql_errors_total counter");
        } finally {
            telemetry.close();
        }
    }

    @Test
    void theHttpLogOfARequestAnsweredWithGraphqlErrors_namesTheFirstCode_andEveryHttpLogItsTraceId() {
        ch.qos.logback.classic.Logger http = (ch.qos.logback.classic.Logger) Logs.HTTP;
        ch.qos.logback.classic.Level level = http.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        http.addAppender(lines);
        http.setLevel(ch.qos.logback.classic.Level.INFO);
        Telemetry telemetry = Telemetry.create();
        try {
            Context trace = Tracing.propagationOnly().startRequest(
                    name -> name.equals("traceparent") ? TRACEPARENT : null, "POST /v1/graphql");
            RequestObservation failed = new RequestObservation("r-err", telemetry, System.nanoTime(), trace);
            failed.operation(io.joinery.core.graphql.OperationKind.QUERY, "Q", "query Q { x }");
            failed.graphqlError("validation-failed");
            failed.graphqlError("access-denied");
            failed.answered(200, 120);
            failed.end(telemetry.endpoint("/v1/graphql"), "POST", "/v1/graphql");
            RequestObservation fine = new RequestObservation("r-ok", telemetry, System.nanoTime());
            fine.answered(200, 10);
            fine.end(telemetry.endpoint("/v1/graphql"), "POST", "/v1/graphql");

            LogEncoder encoder = new LogEncoder();
            List<com.fasterxml.jackson.databind.JsonNode> json = lines.list.stream()
                    .map(e -> io.joinery.core.json.Json.parseJsonOrYaml(
                            new String(encoder.encode(e), StandardCharsets.UTF_8))).toList();
            assertThat(json).hasSize(2);
            assertThat(json.get(0).get("request_id").asText()).isEqualTo("r-err");
            assertThat(json.get(0).at("/detail/operation/error/code").asText()).isEqualTo("validation-failed");
            assertThat(json.get(0).get("trace_id").asText()).isEqualTo(TRACE_ID);
            // where Hasura's http-log has them, for tools written for Hasura's logs
            assertThat(json.get(0).at("/detail/operation/request_id").asText()).isEqualTo("r-err");
            assertThat(json.get(0).at("/detail/operation/query/operationName").asText()).isEqualTo("Q");
            assertThat(json.get(1).at("/detail/operation").has("query")).isFalse();
            assertThat(json.get(0).get("detail").has("trace_id")).isFalse();
            assertThat(json.get(1).has("trace_id")).as("a request without a trace").isFalse();
            assertThat(json.get(1).at("/detail/operation").has("error")).isFalse();
            assertThat(PrometheusText.parse(telemetry.scrape().orElseThrow())
                    .value("joinery_graphql_errors_total", "code", "access-denied")).isEqualTo(1);
        } finally {
            http.detachAppender(lines);
            http.setLevel(level);
            telemetry.close();
        }
    }

    @Test
    void whatTheOpenTelemetrySdkLogsThroughJavaUtilLogging_goesToTheServersLog() {
        Tracing.fromEnv(name -> null, "test", true).close();
        ch.qos.logback.classic.Logger sdk = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("io.opentelemetry.exporter.test");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        sdk.addAppender(lines);
        try {
            java.util.logging.Logger jul = java.util.logging.Logger.getLogger("io.opentelemetry.exporter.test");
            jul.log(java.util.logging.Level.WARNING, "Failed to export spans. Server responded with {0}", "503");
            jul.log(java.util.logging.Level.FINE, "not at debug");
            assertThat(lines.list).hasSize(1);
            assertThat(lines.list.get(0).getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
            assertThat(lines.list.get(0).getFormattedMessage())
                    .isEqualTo("Failed to export spans. Server responded with 503");
        } finally {
            sdk.detachAppender(lines);
        }
    }

    @Test
    void urlsInLogLines_loseTheirUserInfoAndQuery_whichMayHoldCredentials() {
        assertThat(Logs.safeUrl(java.net.URI.create("https://user:pw@hook.example:8443/auth?token=abc#frag")))
                .isEqualTo("https://hook.example:8443/auth?<redacted>");
        assertThat(Logs.safeUrl(java.net.URI.create("http://idp.example/.well-known/jwks.json")))
                .isEqualTo("http://idp.example/.well-known/jwks.json");
    }

    @Test
    void aDatabaseUrl_neverPrintsItsPassword() {
        io.joinery.core.pg.DatabaseUrl url = io.joinery.core.pg.DatabaseUrl.parse(
                "postgres://joinery:db-pa55word@db.example:5432/app?sslmode=require");
        assertThat(url.toString()).doesNotContain("db-pa55word").contains("db.example");
        assertThat(String.valueOf(java.util.List.of(url))).doesNotContain("db-pa55word");
        assertThat(url.password()).isEqualTo("db-pa55word");
    }

    /** Logs through a fresh context configured from logback.xml with {@code settings} as system properties. */
    private static String logged(Map<String, String> settings, Consumer<LoggerContext> logging) throws Exception {
        List<String> names = List.of("JOINERY_LOG_FORMAT", "JOINERY_LOG_LEVEL", "HASURA_GRAPHQL_LOG_LEVEL");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        Map<String, String> saved = new HashMap<>();
        for (String name : names) {
            if (System.getProperty(name) != null) {
                saved.put(name, System.getProperty(name));
            }
            if (settings.containsKey(name)) {
                System.setProperty(name, settings.get(name));
            } else {
                System.clearProperty(name);
            }
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(ObservabilityCasesTest.class.getResource("/logback.xml"));
            logging.accept(context);
            context.stop();
        } finally {
            System.setOut(stdout);
            names.forEach(System::clearProperty);
            saved.forEach(System::setProperty);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
