package io.joinery.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** `OTEL_PROPAGATORS=none` with an exporter: spans are made, but no `traceparent` is read or sent. */
class TracingTest {
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void withAnExporter_andPropagationOff_spansAreMade_butNoTraceparentIsReadOrSent() {
        // an OTLP endpoint nobody listens on: the spans are never looked at, only what would be sent upstream
        Tracing tracing = Tracing.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9",
                "OTEL_BSP_SCHEDULE_DELAY", "600000")::get, "test", false);
        try {
            assertThat(tracing.isExporting()).isTrue();
            assertThat(tracing.isPropagating()).isFalse();
            Context request = tracing.startRequest(
                    name -> name.equals("traceparent") ? "00-" + TRACE_ID + "-b7ad6b7169203331-01" : null, "POST /x");
            assertThat(Span.fromContext(request).getSpanContext().isValid()).isTrue();
            assertThat(Span.fromContext(request).getSpanContext().getTraceId()).isNotEqualTo(TRACE_ID);

            List<Map.Entry<String, String>> fromRequest = new ArrayList<>();
            Tracing.inject(request, fromRequest);
            List<Map.Entry<String, String>> fromClientSpan = new ArrayList<>();
            tracing.clientSpan("call", Mono.deferContextual(context -> {
                Tracing.inject(Tracing.current(context), fromClientSpan);
                return Mono.just(1);
            })).contextWrite(context -> context.put(Tracing.KEY, request)).block();
            assertThat(fromRequest).isEmpty();
            assertThat(fromClientSpan).isEmpty();
        } finally {
            tracing.close();
        }
    }

    @Test
    void withAnExporter_andPropagationOn_theClientSpanIsSentUpstream() {
        Tracing tracing = Tracing.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9",
                "OTEL_BSP_SCHEDULE_DELAY", "600000")::get, "test", true);
        try {
            Context request = tracing.startRequest(
                    name -> name.equals("traceparent") ? "00-" + TRACE_ID + "-b7ad6b7169203331-01" : null, "POST /x");
            List<Map.Entry<String, String>> sent = new ArrayList<>();
            tracing.clientSpan("call", Mono.deferContextual(context -> {
                Tracing.inject(Tracing.current(context), sent);
                return Mono.just(1);
            })).contextWrite(context -> context.put(Tracing.KEY, request)).block();
            assertThat(sent).extracting(Map.Entry::getKey).containsExactly("traceparent");
            assertThat(sent.get(0).getValue()).contains(TRACE_ID);
        } finally {
            tracing.close();
        }
    }
}
