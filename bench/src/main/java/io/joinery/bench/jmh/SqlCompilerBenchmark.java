package io.joinery.bench.jmh;

import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.schema.RootField;
import io.joinery.child.sql.SqlCompiler;
import io.joinery.child.db.SqlStatement;
import io.joinery.core.graphql.PreparedOperation;
import java.util.List;
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
 * The child's SQL compiler on the load benchmark's queries: {@link #compile} alone (normalized
 * fields in, one statement out), and {@link #normalizeAndCompile} with the variable coercion and
 * normalization before it (what a request costs when its statement is not cached).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SqlCompilerBenchmark {
    @Param({"child-20-rows", "child-50-authors-x-10-articles", "child-nested-filters", "child-aggregate"})
    public String scenario;

    private ChildFixture fixture;
    private SqlCompiler compiler;
    private PreparedOperation operation;
    private List<RootField> rootFields;

    @Setup
    public void setUp() {
        fixture = ChildFixture.create();
        compiler = new SqlCompiler(fixture.model());
        operation = fixture.operation(scenario);
        rootFields = fixture.rootFields(operation);
    }

    @Benchmark
    public SqlStatement compile() {
        return compiler.compileQuery(rootFields);
    }

    @Benchmark
    public SqlStatement normalizeAndCompile() {
        return compiler.compileQuery(fixture.rootFields(operation));
    }
}
