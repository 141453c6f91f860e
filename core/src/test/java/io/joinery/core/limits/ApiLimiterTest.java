package io.joinery.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.graphql.OperationSize;
import io.joinery.core.http.RateLimitExceeded;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The API limits' checks on their own, with a fake clock (SPEC §11.1). */
class ApiLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final AtomicReference<ApiLimits> limits = new AtomicReference<>(ApiLimits.NONE);
    private final List<String> refused = new ArrayList<>();
    private final ApiLimiter limiter = new ApiLimiter(limits::get, ticker, (limit, role) -> refused.add(limit + ":" + role));

    private static final SessionVariables USER = SessionVariables.ofRole("user");
    private static final SessionVariables ADMIN = SessionVariables.admin();

    private void set(String json) {
        limits.set(ApiPolicyJson.limits(Json.parseBody(json), ErrorPath.root()));
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void depthAndNodes_perRoleOverGlobal_adminAndDisabledExempt() {
        set("{\"depth_limit\": {\"global\": 2, \"per_role\": {\"editor\": 4}}, \"node_limit\": {\"global\": 10}}");
        OperationSize deep = new OperationSize(3, 3, 3);
        assertThatThrownBy(() -> limiter.checkOperation(USER, deep))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).isEqualTo("depth limit exceeded: the operation has depth 3, the limit is 2");
                });
        assertThatCode(() -> limiter.checkOperation(SessionVariables.ofRole("editor"), deep)).doesNotThrowAnyException();
        assertThatCode(() -> limiter.checkOperation(ADMIN, new OperationSize(1_000, 100, 100))).doesNotThrowAnyException();
        assertThatThrownBy(() -> limiter.checkOperation(USER, new OperationSize(11, 1, 1)))
                .hasMessage("node limit exceeded: the operation has 11 nodes, the limit is 10");
        assertThat(refused).containsExactly("depth_limit:user", "node_limit:user");

        set("{\"disabled\": true, \"depth_limit\": {\"global\": 0}}");
        assertThatCode(() -> limiter.checkOperation(USER, deep)).doesNotThrowAnyException();
    }

    @Test
    void batch_onlyForBatchedRequests() {
        set("{\"batch_limit\": {\"global\": 2}}");
        assertThatCode(() -> limiter.admit(USER, "10.0.0.1", 2, true)).doesNotThrowAnyException();
        assertThatCode(() -> limiter.admit(USER, "10.0.0.1", 1, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limiter.admit(USER, "10.0.0.1", 3, true))
                .hasMessage("batch limit exceeded: the request holds 3 operations, the limit is 2");
        assertThatCode(() -> limiter.admit(ADMIN, "10.0.0.1", 3, true)).doesNotThrowAnyException();
    }

    @Test
    void rate_perClient_slidingWindow_withRetryAfter() {
        set("{\"rate_limit\": {\"global\": {\"max_reqs_per_min\": 2, \"unique_params\": \"IP\"}}}");
        limiter.admit(USER, "10.0.0.1", 1, false);
        limiter.admit(USER, "10.0.0.1", 1, false);
        advance(Duration.ofSeconds(15));
        assertThatThrownBy(() -> limiter.admit(USER, "10.0.0.1", 1, false))
                .isInstanceOfSatisfying(RateLimitExceeded.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMIT_EXCEEDED);
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.retryAfterSeconds()).isEqualTo(45);
                });
        // another IP is another client; admin is never counted
        limiter.admit(USER, "10.0.0.2", 1, false);
        for (int i = 0; i < 5; i++) {
            limiter.admit(ADMIN, "10.0.0.1", 1, false);
        }
        // a minute later the two requests still weigh 3/4 of the previous window: 1.5 + 1 > 2
        advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> limiter.admit(USER, "10.0.0.1", 1, false)).isInstanceOf(RateLimitExceeded.class);
        // half a minute on they weigh 1/4: 0.5 + 1 <= 2
        advance(Duration.ofSeconds(30));
        assertThatCode(() -> limiter.admit(USER, "10.0.0.1", 1, false)).doesNotThrowAnyException();
    }

    @Test
    void rate_bySessionVariables_andByRoleAlone() {
        set("{\"rate_limit\": {\"global\": {\"max_reqs_per_min\": 1}, \"per_role\": {\"user\": "
                + "{\"max_reqs_per_min\": 1, \"unique_params\": [\"x-hasura-user-id\"]}}}}");
        SessionVariables ada = SessionVariables.of("user", Map.of("x-hasura-user-id", "1"));
        SessionVariables grace = SessionVariables.of("user", Map.of("x-hasura-user-id", "2"));
        limiter.admit(ada, "10.0.0.1", 1, false);
        limiter.admit(grace, "10.0.0.1", 1, false);
        assertThatThrownBy(() -> limiter.admit(ada, "10.0.0.9", 1, false)).isInstanceOf(RateLimitExceeded.class);
        // no unique_params: one client per role, whatever the address
        limiter.admit(SessionVariables.ofRole("guest"), "10.0.0.1", 1, false);
        assertThatThrownBy(() -> limiter.admit(SessionVariables.ofRole("guest"), "10.0.0.2", 1, false))
                .isInstanceOf(RateLimitExceeded.class);
    }

    @Test
    void time_cancelsTheWork_withTimeout() {
        set("{\"time_limit\": {\"global\": 0.05}}");
        AtomicReference<Boolean> cancelled = new AtomicReference<>(false);
        Mono<String> slow = Mono.<String>never().doOnCancel(() -> cancelled.set(true));
        assertThatThrownBy(() -> limiter.timed(USER, slow).block(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("request time limit exceeded");
                });
        assertThat(cancelled.get()).isTrue();
        assertThat(refused).containsExactly("time_limit:user");
        // admin: not bounded (the same Mono is returned)
        assertThat(limiter.timed(ADMIN, slow)).isSameAs(slow);
    }
}
