package io.joinery.core.limits;

/**
 * Hears every request an API limit refuses, by limit name (`rate_limit`, `depth_limit`,
 * `node_limit`, `batch_limit`, `time_limit`) and role: the hook metrics count refusals through.
 * It must not block.
 */
@FunctionalInterface
public interface RateLimitListener {
    RateLimitListener NONE = (limit, role) -> { };

    void refused(String limit, String role);
}
