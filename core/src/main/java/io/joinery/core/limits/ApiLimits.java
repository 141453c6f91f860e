package io.joinery.core.limits;

import io.joinery.core.http.SessionVariables;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Hasura's API limits as declared in metadata (`set_api_limits`, `api_limits`; SPEC §11.1). Each
 * limit is optional and has a global value and per-role overrides; {@code disabled} switches them
 * all off while keeping them. Admin requests are never limited.
 *
 * <pre>
 *   depth_limit  fields nested in one another, fragments expanded        validation-failed
 *   node_limit   fields, fragments expanded                              validation-failed
 *   batch_limit  operations in one batched request (a JSON array)        validation-failed
 *   time_limit   seconds a request may run; then cancelled, upstream and SQL work included: timeout
 *   rate_limit   requests a minute per client (role + IP or session variables): HTTP 429
 * </pre>
 */
public record ApiLimits(boolean disabled, Optional<RoleLimit<Integer>> depthLimit,
                        Optional<RoleLimit<Integer>> nodeLimit, Optional<RoleLimit<BigDecimal>> timeLimit,
                        Optional<RoleLimit<Integer>> batchLimit, Optional<RoleLimit<RateLimit>> rateLimit) {
    /** No limits: what metadata without `api_limits` means. */
    public static final ApiLimits NONE = new ApiLimits(false, Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public ApiLimits {
        Objects.requireNonNull(depthLimit, "depthLimit");
        Objects.requireNonNull(nodeLimit, "nodeLimit");
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(batchLimit, "batchLimit");
        Objects.requireNonNull(rateLimit, "rateLimit");
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Whether the limits apply to {@code session}: never to admin, never while disabled. */
    public boolean appliesTo(SessionVariables session) {
        return !disabled && !session.isAdmin();
    }
}
