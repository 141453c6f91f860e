package io.joinery.core.http;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;

/**
 * A request refused by a role's `rate_limit` (SPEC §11.1): `rate-limit-exceeded`, HTTP 429 on
 * every endpoint (`/v1/graphql` included), with `Retry-After` in whole seconds.
 */
public final class RateLimitExceeded extends JoineryException {
    public static final int STATUS = 429;
    private final long retryAfterSeconds;

    public RateLimitExceeded(int maxReqsPerMin, long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMIT_EXCEEDED, "rate limit exceeded: at most " + maxReqsPerMin
                + " requests a minute", ErrorPath.root(), null, STATUS);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
