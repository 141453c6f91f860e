package io.joinery.core.http;

import reactor.core.publisher.Mono;

/**
 * What `POST /v1/graphql` checks of a service's request limits (SPEC §11.1), implemented by
 * `core.limits.ApiLimiter`: once per HTTP request when the session and body are known, and around
 * each operation. A refused rate is a {@link RateLimitExceeded} (HTTP 429 with `Retry-After`).
 */
public interface RequestLimits {
    /** No limits. */
    RequestLimits NONE = new RequestLimits() {
        @Override
        public void admit(SessionVariables session, String clientIp, int operations, boolean batched) {
        }

        @Override
        public <T> Mono<T> timed(SessionVariables session, Mono<T> work) {
            return work;
        }
    };

    /**
     * Once per HTTP request, before any operation runs; throws the refusal.
     *
     * @param clientIp   the caller's address
     * @param operations how many operations the request holds (a batch's length, else 1)
     * @param batched    whether the body is a batch (a JSON array)
     */
    void admit(SessionVariables session, String clientIp, int operations, boolean batched);

    /** {@code work}, bounded in time for {@code session} (cancelled when the bound runs out). */
    <T> Mono<T> timed(SessionVariables session, Mono<T> work);
}
