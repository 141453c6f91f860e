package io.joinery.bench.jmh;

import ch.qos.logback.classic.Level;
import com.github.benmanes.caffeine.cache.Cache;
import io.joinery.core.graphql.OperationKind;
import io.joinery.core.observe.Logs;
import io.joinery.core.observe.RequestObservation;
import io.joinery.core.observe.Telemetry;
import io.joinery.core.observe.Tracing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * What observability adds to one gateway request, without the network (issue 18): the request's
 * observation started (its trace continued or begun) and ended (timed), a plan-cache hit, and one
 * upstream call timed with the `traceparent` it would carry; `default` (metrics on, propagation
 * only) against `off` (`JOINERY_METRICS_ENABLED=false`, `OTEL_PROPAGATORS=none`). The difference
 * is to be set against the server CPU per query of bench/run. The `http-log` line is not part of
 * it: its logger is set to warn, as bench/run does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ObservabilityBenchmark {
    @Param({"default", "off"})
    public String observability;

    private final Map<String, String> headers = Map.of("content-type", "application/json");
    private Telemetry telemetry;
    private Telemetry.RequestMeters meters;
    private Cache<String, String> plans;

    @Setup
    public void setUp() {
        ((ch.qos.logback.classic.Logger) Logs.HTTP).setLevel(Level.WARN);
        telemetry = observability.equals("off") ? Telemetry.withoutMetrics(Tracing.off())
                : Telemetry.create(Tracing.propagationOnly());
        meters = telemetry.endpoint("/v1/graphql");
        plans = telemetry.planCache("plans", 100);
        plans.put("{ orders { id } }", "plan");
    }

    @TearDown
    public void tearDown() {
        telemetry.close();
    }

    /** The headers the upstream call would carry (`traceparent` by default, none when off). */
    @Benchmark
    public List<Map.Entry<String, String>> request() {
        RequestObservation observation = RequestObservation.start("request-1", telemetry, System.nanoTime(),
                headers::get, "POST /v1/graphql");
        observation.operation(OperationKind.QUERY, null, "{ orders { id } }");
        String plan = plans.getIfPresent("{ orders { id } }");
        List<Map.Entry<String, String>> sent = new ArrayList<>(3);
        telemetry.upstreamRequest("shop", Mono.deferContextual(context -> {
            Tracing.inject(Tracing.current(context), sent);
            return Mono.just(plan);
        })).contextWrite(observation::into).block();
        observation.answered(200, 1_000);
        observation.end(meters, "POST", "/v1/graphql");
        return sent;
    }
}
