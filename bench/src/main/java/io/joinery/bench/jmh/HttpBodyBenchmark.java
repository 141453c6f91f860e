package io.joinery.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.bench.Scenarios;
import io.joinery.core.http.GraphqlRequest;
import io.joinery.core.json.Json;
import io.joinery.core.json.JsonBodyParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The front door's own work on a `/v1/graphql` request, either way: reading the request body into a
 * {@link GraphqlRequest} (from its text, as before issue 16, or from its bytes) and writing the
 * scenario's answer (a Jackson tree, as the gateway has it) as UTF-8 (through a String, as bytes, or
 * into a pooled Netty buffer).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpBodyBenchmark {
    @Param({"gateway-pass-through-50", "gateway-join-500-400-keys"})
    public String scenario;

    private byte[] request;
    private JsonNode answer;

    @Setup
    public void setUp() {
        request = Json.writeBytes(Json.object().put("query", Scenarios.query(scenario)));
        PlanExecutionBenchmark execution = new PlanExecutionBenchmark();
        execution.scenario = scenario;
        execution.setUp();
        answer = execution.execute().body();
    }

    /** Before: the body decoded to a String, parsed from its characters. */
    @Benchmark
    public GraphqlRequest readAsText() {
        return GraphqlRequest.parse(JsonBodyParser.DEFAULT.parse(new String(request, StandardCharsets.UTF_8)));
    }

    /** After: parsed from the bytes as received. */
    @Benchmark
    public GraphqlRequest readAsBytes() {
        return GraphqlRequest.parse(JsonBodyParser.DEFAULT.parse(request));
    }

    /** Before: written as a String, then encoded. */
    @Benchmark
    public byte[] writeAsText() {
        return Json.write(answer).getBytes(StandardCharsets.UTF_8);
    }

    /** After: written as UTF-8 bytes (what the routes now hand the front door, which wraps them). */
    @Benchmark
    public byte[] writeAsBytes() {
        return Json.writeBytes(answer);
    }

    /** The alternative: written into a pooled (direct) Netty buffer, as a route could if handed one. */
    @Benchmark
    public int writeToPooledBuffer() throws IOException {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            Json.MAPPER.writeValue((OutputStream) new ByteBufOutputStream(buffer), answer);
            return buffer.readableBytes();
        } finally {
            buffer.release();
        }
    }
}
