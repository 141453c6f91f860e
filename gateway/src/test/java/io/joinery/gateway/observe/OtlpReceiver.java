package io.joinery.gateway.observe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An OTLP trace receiver on 127.0.0.1 for tests: it accepts `POST /v1/traces` (protobuf over HTTP)
 * and, on {@link #grpcUrl()}, gRPC's `TraceService/Export` (uncompressed, HTTP/2 with prior knowledge), and
 * decodes the spans with a small reader of the protobuf wire format (the fields of
 * `ExportTraceServiceRequest` the tests look at: resource `service.name`, and each span's ids, name,
 * kind and string attributes).
 */
final class OtlpReceiver {
    static final int SERVER = 2;
    static final int CLIENT = 3;

    static final int STATUS_ERROR = 2;

    /**
     * One exported span; ids in lower-case hex, {@code parentSpanId} "" for a root; {@code status}
     * the status code (0 unset, 1 ok, {@link #STATUS_ERROR}); {@code resource} the resource's attributes.
     */
    record ExportedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind,
                        Map<String, String> attributes, int status, Map<String, String> resource) {}

    /** The path of OTLP/gRPC's `TraceService/Export`. */
    static final String GRPC_EXPORT = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

    private final List<byte[]> requests = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger grpcCalls = new java.util.concurrent.atomic.AtomicInteger();
    private DisposableServer server;
    private DisposableServer grpcServer;

    static OtlpReceiver start() {
        OtlpReceiver receiver = new OtlpReceiver();
        receiver.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/v1/traces", (request, response) -> request.receive().aggregate()
                        .asByteArray().defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            receiver.requests.add(body);
                            return Mono.from(response.header("Content-Type", "application/x-protobuf")
                                    .sendByteArray(Mono.just(new byte[0])));
                        })))
                .bindNow(Duration.ofSeconds(10));
        // OTLP/gRPC on a port of its own: HTTP/2 with prior knowledge (an HTTP/1.1 port that also
        // spoke h2c would take the JDK client's upgrade offer on /v1/traces)
        receiver.grpcServer = HttpServer.create().host("127.0.0.1").port(0)
                .protocol(reactor.netty.http.HttpProtocol.H2C)
                .route(routes -> routes.post(GRPC_EXPORT, (request, response) -> request.receive().aggregate()
                                .asByteArray().defaultIfEmpty(new byte[5])
                                .flatMap(frame -> {
                                    // an uncompressed gRPC frame: flag, length, message
                                    receiver.requests.add(java.util.Arrays.copyOfRange(frame, 5, frame.length));
                                    receiver.grpcCalls.incrementAndGet();
                                    return Mono.from(response.header("content-type", "application/grpc")
                                            .header("trailer", "grpc-status")
                                            .trailerHeaders(t -> t.set("grpc-status", "0"))
                                            .sendByteArray(Mono.just(new byte[5])));
                                })))
                .bindNow(Duration.ofSeconds(10));
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The endpoint of the gRPC receiver (`OTEL_EXPORTER_OTLP_PROTOCOL=grpc`). */
    String grpcUrl() {
        return "http://127.0.0.1:" + grpcServer.port();
    }

    /** How many export calls came over gRPC. */
    int grpcCalls() {
        return grpcCalls.get();
    }

    void stop() {
        server.disposeNow();
        grpcServer.disposeNow();
    }

    List<ExportedSpan> spans() {
        List<ExportedSpan> spans = new ArrayList<>();
        for (byte[] request : requests) {
            for (Field resourceSpans : fields(request)) {
                if (resourceSpans.number() != 1) {
                    continue;
                }
                String service = "";
                Map<String, String> resource = Map.of();
                List<byte[]> scopeSpans = new ArrayList<>();
                for (Field f : fields(resourceSpans.bytes())) {
                    if (f.number() == 1) {
                        resource = attributes(f.bytes(), 1);
                        service = resource.getOrDefault("service.name", "");
                    } else if (f.number() == 2) {
                        scopeSpans.add(f.bytes());
                    }
                }
                for (byte[] scope : scopeSpans) {
                    for (Field span : fields(scope)) {
                        if (span.number() == 2) {
                            spans.add(span(service, resource, span.bytes()));
                        }
                    }
                }
            }
        }
        return spans;
    }

    private static ExportedSpan span(String service, Map<String, String> resource, byte[] bytes) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        int status = 0;
        for (Field f : fields(bytes)) {
            switch (f.number()) {
                case 1 -> traceId = HexFormat.of().formatHex(f.bytes());
                case 2 -> spanId = HexFormat.of().formatHex(f.bytes());
                case 4 -> parent = HexFormat.of().formatHex(f.bytes());
                case 5 -> name = new String(f.bytes(), StandardCharsets.UTF_8);
                case 6 -> kind = (int) f.varint();
                case 15 -> {
                    for (Field s : fields(f.bytes())) {
                        if (s.number() == 3) {
                            status = (int) s.varint();
                        }
                    }
                }
                default -> { }
            }
        }
        return new ExportedSpan(service, traceId, spanId, parent, name, kind, attributes(bytes, 9), status, resource);
    }

    /** The string-valued KeyValues in field {@code field} of a message. */
    private static Map<String, String> attributes(byte[] message, int field) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field f : fields(message)) {
            if (f.number() != field) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field kv : fields(f.bytes())) {
                if (kv.number() == 1) {
                    key = new String(kv.bytes(), StandardCharsets.UTF_8);
                } else if (kv.number() == 2) {
                    for (Field any : fields(kv.bytes())) {
                        if (any.number() == 1) {
                            value = new String(any.bytes(), StandardCharsets.UTF_8);
                        } else if (any.number() == 3) {
                            value = Long.toString(any.varint());
                        }
                    }
                }
            }
            if (key != null && value != null) {
                attributes.put(key, value);
            }
        }
        return attributes;
    }

    /** One field of a protobuf message: its number, and its bytes (length-delimited) or value (varint). */
    private record Field(int number, byte[] bytes, long varint) {}

    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(message);
        while (in.hasRemaining()) {
            long tag = varint(in);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> fields.add(new Field(number, null, varint(in)));
                case 1 -> {
                    fields.add(new Field(number, null, in.order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong()));
                    in.order(java.nio.ByteOrder.BIG_ENDIAN);
                }
                case 2 -> {
                    byte[] bytes = new byte[(int) varint(in)];
                    in.get(bytes);
                    fields.add(new Field(number, bytes, 0));
                }
                case 5 -> {
                    in.getInt();
                    fields.add(new Field(number, null, 0));
                }
                default -> throw new IllegalStateException("unexpected protobuf wire type in " + tag);
            }
        }
        return fields;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

}
