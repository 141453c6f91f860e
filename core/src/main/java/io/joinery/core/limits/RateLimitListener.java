package io.joinery.core.limits;

import java.util.List;

/**
 * Hears every request an API limit refuses, by limit name (`rate_limit`, `depth_limit`,
 * `node_limit`, `batch_limit`, `time_limit`) and role: the hook metrics count refusals through.
 * It must not block.
 */
@FunctionalInterface
public interface RateLimitListener {
    RateLimitListener NONE = (limit, role) -> { };

    /** Every limit name {@link #refused} hears: Hasura's API limits (SPEC §11.1). */
    List<String> LIMITS = List.of("rate_limit", "batch_limit", "depth_limit", "node_limit", "time_limit");

    void refused(String limit, String role);
}
