package io.joinery.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * `OTEL_EXPORTER_OTLP_PROTOCOL=grpc` (SPEC §13, the OpenTelemetry SDK's variables): spans go to
 * an OTLP/gRPC receiver (HTTP/2 without TLS, as a collector's port 4317 serves it) as unary calls
 * of `TraceService/Export`, plain or gzip-compressed, with the configured headers.
 */
class OtlpGrpcObservabilityCasesTest {
    private static final String EXPORT = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

    /** One call the receiver answered: its headers and its body (the gRPC frame). */
    record Call(Map<String, String> headers, byte[] body) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private DisposableServer receiver;

    @BeforeEach
    void startReceiver() {
        receiver = HttpServer.create().host("127.0.0.1").port(0).protocol(HttpProtocol.H2C)
                .route(routes -> routes.post(EXPORT, (request, response) -> request.receive().aggregate().asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            Map<String, String> headers = new java.util.HashMap<>();
                            request.requestHeaders().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                            calls.add(new Call(headers, body));
                            // an empty ExportTraceServiceResponse, then grpc-status 0 in the trailers
                            return Mono.from(response.header("content-type", "application/grpc")
                                    .header("trailer", "grpc-status")
                                    .trailerHeaders(t -> t.set("grpc-status", "0"))
                                    .sendByteArray(Mono.just(new byte[5])));
                        })))
                .bindNow(Duration.ofSeconds(10));
    }

    @AfterEach
    void stopReceiver() {
        receiver.disposeNow();
    }

    private void exportOneRequestSpan(Map<String, String> env) {
        Tracing tracing = Tracing.fromEnv(env::get, "grpc-test", true);
        try {
            assertThat(tracing.isExporting()).isTrue();
            Context request = tracing.startRequest(name -> null, "POST /v1/graphql");
            tracing.endRequest(request, 200, "/v1/graphql", new RequestObservation("r-1", Telemetry.noop(), 0));
        } finally {
            tracing.close(); // exports what is queued
        }
    }

    private String endpoint() {
        return "http://127.0.0.1:" + receiver.port();
    }

    @Test
    void spans_areExportedOverGrpc() {
        exportOneRequestSpan(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint(), "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
                "OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=acme"));
        assertThat(calls).hasSize(1);
        Call call = calls.get(0);
        assertThat(call.headers()).containsEntry("content-type", "application/grpc").containsEntry("te", "trailers")
                .containsEntry("x-tenant", "acme");
        byte[] message = message(call.body(), false);
        String text = new String(message, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("POST /v1/graphql").contains("grpc-test").contains("http.route");
    }

    @Test
    void gzip_compressesTheMessage() throws IOException {
        exportOneRequestSpan(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint(),
                "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc", "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).headers()).containsEntry("grpc-encoding", "gzip");
        byte[] compressed = message(calls.get(0).body(), true);
        byte[] message = new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes();
        assertThat(new String(message, StandardCharsets.ISO_8859_1)).contains("POST /v1/graphql");
    }

    /** The message of a gRPC frame, checking its prefix: the compressed flag and the length. */
    private static byte[] message(byte[] frame, boolean compressed) {
        assertThat(frame.length).isGreaterThan(5);
        ByteBuffer in = ByteBuffer.wrap(frame);
        assertThat(in.get()).isEqualTo((byte) (compressed ? 1 : 0));
        int length = in.getInt();
        assertThat(length).isEqualTo(frame.length - 5);
        byte[] message = new byte[length];
        in.get(message);
        return message;
    }
}
