package io.joinery.bench.jmh;

import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.graphql.PreparedOperation;
import io.joinery.gateway.execute.ExecutionOutcome;
import io.joinery.gateway.execute.ExecutionRequest;
import io.joinery.gateway.execute.PlanExecutor;
import io.joinery.gateway.plan.QueryPlan;
import io.joinery.gateway.plan.QueryPlanner;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's per-request work after planning, with the upstream answering from memory: the
 * upstream request bodies, reading the answers, {@code ResponseMerger}, and for joins the join
 * executor's collecting of keys and stitching of the answers into the rows. {@link #executeAndWrite}
 * adds serialising the response the way a client receives it (JSON bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlanExecutionBenchmark {
    @Param({"gateway-pass-through-50", "gateway-join-50", "gateway-join-500-400-keys"})
    public String scenario;

    private GatewayFixture fixture;
    private QueryPlan plan;
    private PlanExecutor executor;
    private ExecutionRequest request;

    @Setup
    public void setUp() {
        fixture = GatewayFixture.start();
        PreparedOperation operation = fixture.operation(scenario);
        plan = new QueryPlanner().plan(fixture.supergraph(), operation.operation(), operation.fragments());
        executor = new PlanExecutor(fixture.client(), GatewayFixture.USER_AGENT);
        request = new ExecutionRequest(Json.object(), SessionVariables.admin(), List.of(), Map.of());
        execute(); // the in-memory upstream executes each distinct body once, here
    }

    @Benchmark
    public ExecutionOutcome execute() {
        return executor.execute(plan, fixture.supergraph(), request).block();
    }

    /** What the gateway's route does with an outcome: its bytes ({@code ExecutionOutcome.bytes()}). */
    @Benchmark
    public byte[] executeAndWrite() {
        return execute().bytes();
    }
}
