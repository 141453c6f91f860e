package io.joinery.core.observe;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * OTLP over gRPC (`OTEL_EXPORTER_OTLP_PROTOCOL=grpc`) for the OpenTelemetry SDK's span exporter,
 * sent with the Reactor Netty client both servers already use: HTTP/2 with prior knowledge to an
 * `http://` endpoint (what collectors and Jaeger serve on port 4317), HTTP/2 over TLS to an
 * `https://` one. Registered for the SDK's service loader in
 * `META-INF/services/io.opentelemetry.sdk.common.export.GrpcSenderProvider`; the SDK ships gRPC
 * senders only over OkHttp or grpc-java, neither of which the servers carry.
 *
 * <p>One call is one unary gRPC request: the exported batch in one length-prefixed message
 * (compressed when `OTEL_EXPORTER_OTLP_COMPRESSION=gzip`), the status read from the trailers (or
 * the headers of a trailers-only answer). Failed batches are not retried here: the batch span
 * processor drops them, as it drops spans when its queue is full.
 */
public final class NettyGrpcSenderProvider implements GrpcSenderProvider {
    @Override
    public GrpcSender createSender(GrpcSenderConfig config) {
        return new NettyGrpcSender(config);
    }

    /** The sender of one exporter: its own small connection pool, disposed at shutdown. */
    static final class NettyGrpcSender implements GrpcSender {
        private static final byte[] NO_BYTES = new byte[0];

        private final ConnectionProvider pool;
        private final HttpClient client;
        private final String uri;
        private final Compressor compressor;
        private final Duration timeout;
        private final Supplier<Map<String, List<String>>> headers;

        NettyGrpcSender(GrpcSenderConfig config) {
            String endpoint = config.getEndpoint().toString();
            boolean tls = endpoint.regionMatches(true, 0, "https:", 0, 6);
            this.uri = (endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint)
                    + "/" + config.getFullMethodName();
            this.compressor = config.getCompressor();
            this.timeout = config.getTimeout();
            this.headers = config.getHeadersSupplier();
            this.pool = ConnectionProvider.builder("joinery-otlp-grpc").maxConnections(4).build();
            HttpClient http = HttpClient.create(pool)
                    .protocol(tls ? HttpProtocol.H2 : HttpProtocol.H2C)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                            config.getConnectTimeout().toMillis()))
                    .responseTimeout(timeout);
            if (tls) {
                http = http.secure(spec -> spec.sslContext(config.getTrustManager() == null
                        ? Http2SslContextSpec.forClient()
                        : Http2SslContextSpec.forClient().configure(b -> b.trustManager(config.getTrustManager()))));
            }
            this.client = http;
        }

        @Override
        public void send(MessageWriter writer, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
            byte[] body;
            try {
                body = frame(writer);
            } catch (IOException | RuntimeException e) {
                onError.accept(e);
                return;
            }
            Map<String, List<String>> extra = headers == null ? Map.of() : headers.get();
            // the SDK's own contract is callbacks: this adapter is where the exchange is started
            client.headers(h -> {
                        h.set("content-type", "application/grpc");
                        h.set("te", "trailers");
                        h.set("grpc-timeout", Math.max(1, timeout.toMillis()) + "m");
                        if (compressor != null) {
                            h.set("grpc-encoding", compressor.getEncoding());
                        }
                        if (extra != null) {
                            extra.forEach((name, values) -> values.forEach(v -> h.add(name, v)));
                        }
                    })
                    .post()
                    .uri(uri)
                    .send(Mono.just(Unpooled.wrappedBuffer(body)))
                    .response((response, content) -> content.aggregate().asByteArray().defaultIfEmpty(NO_BYTES)
                            .flatMap(bytes -> response.trailerHeaders().defaultIfEmpty(EmptyHttpHeaders.INSTANCE)
                                    .map(trailers -> answer(response, bytes, trailers))))
                    .single()
                    .timeout(timeout)
                    .subscribe(onResponse, onError);
        }

        /** The message with gRPC's prefix: a compressed flag and the length, big-endian. */
        private byte[] frame(MessageWriter writer) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, writer.getContentLength() + 5));
            out.write(new byte[5]);
            if (compressor == null) {
                writer.writeMessage(out);
            } else {
                try (OutputStream compressed = compressor.compress(new NonClosing(out))) {
                    writer.writeMessage(compressed);
                }
            }
            byte[] framed = out.toByteArray();
            int length = framed.length - 5;
            framed[0] = (byte) (compressor == null ? 0 : 1);
            framed[1] = (byte) (length >>> 24);
            framed[2] = (byte) (length >>> 16);
            framed[3] = (byte) (length >>> 8);
            framed[4] = (byte) length;
            return framed;
        }

        static GrpcResponse answer(HttpClientResponse response, byte[] body, HttpHeaders trailers) {
            String status = trailers.get("grpc-status");
            String message = trailers.get("grpc-message");
            if (status == null) {
                status = response.responseHeaders().get("grpc-status");
                message = response.responseHeaders().get("grpc-message");
            }
            GrpcStatusCode code = status != null ? statusCode(status) : fromHttp(response.status().code());
            String description = message != null ? URLDecoder.decode(message.replace("+", "%2B"), StandardCharsets.UTF_8)
                    : status == null ? "HTTP status " + response.status().code() : "";
            byte[] payload = body.length >= 5 ? Arrays.copyOfRange(body, 5, body.length) : NO_BYTES;
            return new Answer(code, description, payload);
        }

        private static GrpcStatusCode statusCode(String value) {
            try {
                return GrpcStatusCode.fromValue(Integer.parseInt(value.trim()));
            } catch (RuntimeException e) {
                return GrpcStatusCode.UNKNOWN;
            }
        }

        /** gRPC's mapping of an HTTP status without a gRPC status (a proxy's answer). */
        private static GrpcStatusCode fromHttp(int status) {
            switch (status) {
                case 400:
                    return GrpcStatusCode.INTERNAL;
                case 401:
                    return GrpcStatusCode.UNAUTHENTICATED;
                case 403:
                    return GrpcStatusCode.PERMISSION_DENIED;
                case 404:
                    return GrpcStatusCode.UNIMPLEMENTED;
                case 429:
                case 502:
                case 503:
                case 504:
                    return GrpcStatusCode.UNAVAILABLE;
                default:
                    return GrpcStatusCode.UNKNOWN;
            }
        }

        @Override
        public CompletableResultCode shutdown() {
            pool.dispose();
            return CompletableResultCode.ofSuccess();
        }
    }

    /** One gRPC answer as the SDK reads it. */
    private record Answer(GrpcStatusCode getStatusCode, String getStatusDescription, byte[] getResponseMessage)
            implements GrpcResponse {}

    /** Lets a compressor finish its stream without closing the buffer under it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
