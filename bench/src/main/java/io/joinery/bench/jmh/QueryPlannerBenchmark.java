package io.joinery.bench.jmh;

import io.joinery.core.graphql.PreparedOperation;
import io.joinery.gateway.plan.QueryPlan;
import io.joinery.gateway.plan.QueryPlanner;
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

/** The gateway planner on the load benchmark's operations (what a plan-cache miss costs). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueryPlannerBenchmark {
    @Param({"gateway-pass-through-50", "gateway-join-50", "gateway-join-500-400-keys"})
    public String scenario;

    private final QueryPlanner planner = new QueryPlanner();
    private GatewayFixture fixture;
    private PreparedOperation operation;

    @Setup
    public void setUp() {
        fixture = GatewayFixture.start();
        operation = fixture.operation(scenario);
    }

    @Benchmark
    public QueryPlan plan() {
        return planner.plan(fixture.supergraph(), operation.operation(), operation.fragments());
    }
}
