package io.joinery.core.limits;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * `rate_limit`'s value for a role: at most {@code maxReqsPerMin} requests a minute per client. A
 * client is the role, plus the request's IP address or the values of the listed session variables
 * when {@code uniqueParams} says so.
 */
public record RateLimit(int maxReqsPerMin, Optional<UniqueParams> uniqueParams) {
    public RateLimit {
        Objects.requireNonNull(uniqueParams, "uniqueParams");
    }

    /**
     * `unique_params`: `"IP"`, or a list of session variable names (lower-cased).
     *
     * @param ip               `"IP"`: one client per IP address
     * @param sessionVariables the list; empty when {@code ip}
     */
    public record UniqueParams(boolean ip, List<String> sessionVariables) {
        public static final UniqueParams IP = new UniqueParams(true, List.of());

        public UniqueParams {
            sessionVariables = List.copyOf(sessionVariables);
            if (ip && !sessionVariables.isEmpty()) {
                throw new IllegalArgumentException("unique_params is either \"IP\" or a list of session variables");
            }
        }
    }
}
