package io.joinery.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's numbers. CPU is the server process's own (the gateway's or the child's JVM) per
 * completed request, and {@code jitShare} the part of it its JIT compilers took (NaN: not measured);
 * the child's Postgres is reported on its own. {@code perQuery} is what one
 * query costs downstream: upstream requests for the gateway, SQL statements for the child (NaN
 * when they could not be counted), with each distinct statement in {@code statements}.
 * {@code roundRps} is the throughput of each round when the load was cut into rounds (an A/B pair),
 * else empty.
 */
record Measurement(String scenario, Scenario.Tier tier, String description, double rps, double p50Ms, double p99Ms,
                   long requests, long errors, double serverCpuMs, double jitShare, double postgresCpuMs, double perQuery,
                   Map<String, Double> statements, List<Double> roundRps) {
    Measurement {
        statements = Collections.unmodifiableMap(new LinkedHashMap<>(statements));
        roundRps = List.copyOf(roundRps);
    }

    /** Whether every number the table shows was measured (CI's quick run checks this, not the values). */
    boolean isComplete() {
        boolean postgres = tier == Scenario.Tier.GATEWAY || Double.isFinite(postgresCpuMs);
        return requests > 0 && rps > 0 && Double.isFinite(p50Ms) && p50Ms > 0 && Double.isFinite(p99Ms)
                && Double.isFinite(serverCpuMs) && serverCpuMs >= 0 && postgres
                && Double.isFinite(perQuery) && perQuery > 0;
    }
}
