package io.joinery.gateway.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The fuzz test's size and seed from system properties (docs/security.md#fuzz-test):
 * `-Djoinery.fuzz.tries=N` sends about N requests in all, shared among the properties as their
 * declared tries are ({@link #DEFAULT_TOTAL} by default); `-Djoinery.fuzz.seed=S` replays a run.
 */
public final class FuzzBudget implements AroundPropertyHook {
    /** The sum of the properties' declared tries: what `mvn verify` sends. */
    static final int DEFAULT_TOTAL = 1950;

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String total = System.getProperty("joinery.fuzz.tries");
        if (total != null && !total.isBlank()) {
            int declared = context.attributes().tries().orElse(DEFAULT_TOTAL);
            long scaled = (long) declared * Long.parseLong(total.trim()) / DEFAULT_TOTAL;
            context.attributes().setTries((int) Math.max(1, Math.min(Integer.MAX_VALUE, scaled)));
        }
        String seed = System.getProperty("joinery.fuzz.seed");
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.trim());
        }
        return property.execute();
    }
}
