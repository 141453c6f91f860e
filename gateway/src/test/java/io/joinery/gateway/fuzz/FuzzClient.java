package io.joinery.gateway.fuzz;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends {@link FuzzRequest}s as they are (no Content-Type unless the request has one). An answer
 * that does not arrive within {@link #BOUND} is a hang: the call fails, it never waits longer.
 * The bound is a liveness check, not a performance assertion: every answer of these small tables
 * takes milliseconds.
 */
final class FuzzClient implements AutoCloseable {
    static final Duration BOUND = Duration.ofSeconds(20);

    /**
     * A whole answer; {@code encoding} is its `Content-Encoding` when that is not gzip or deflate
     * (which are decoded here), else null.
     */
    record Answer(int status, String body, String encoding) {}

    private final ConnectionProvider connections = ConnectionProvider.builder("joinery-fuzz").maxConnections(8).build();
    private final HttpClient client = HttpClient.create(connections).responseTimeout(BOUND);
    private final Map<FuzzRequest.Tier, Integer> ports;

    FuzzClient(Map<FuzzRequest.Tier, Integer> ports) {
        this.ports = Map.copyOf(ports);
    }

    /** @throws AssertionError naming the request when no answer arrives within the bound */
    Answer send(FuzzRequest request) {
        String uri = "http://127.0.0.1:" + ports.get(request.tier()) + request.path();
        Answer answer;
        try {
            answer = client.headers(h -> request.headers().forEach(e -> h.add(e.getKey(), e.getValue())))
                    .request(HttpMethod.valueOf(request.method())).uri(uri)
                    .send(request.body() == null ? Mono.empty()
                            : ByteBufFlux.fromString(Mono.just(request.body()), StandardCharsets.UTF_8,
                                    ByteBufAllocator.DEFAULT))
                    .responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                            .map(bytes -> decode(response.status().code(), response.responseHeaders().get("content-encoding"),
                                    bytes)))
                    .block(BOUND.plusSeconds(5));
        } catch (RuntimeException e) {
            throw new AssertionError("no answer within " + BOUND.toSeconds() + " s (" + e + ") to\n" + request, e);
        }
        if (answer == null) {
            throw new AssertionError("an empty answer to\n" + request);
        }
        return answer;
    }

    private static Answer decode(int status, String encoding, byte[] bytes) {
        try {
            if ("gzip".equalsIgnoreCase(encoding)) {
                return new Answer(status, text(new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes()), null);
            }
            if ("deflate".equalsIgnoreCase(encoding)) {
                return new Answer(status, text(new InflaterInputStream(new ByteArrayInputStream(bytes)).readAllBytes()), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a " + encoding + " body that does not decode", e);
        }
        return new Answer(status, text(bytes), encoding);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(10));
    }
}
