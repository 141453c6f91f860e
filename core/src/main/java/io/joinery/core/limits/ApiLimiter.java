package io.joinery.core.limits;

import com.github.benmanes.caffeine.cache.Ticker;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.graphql.OperationSize;
import io.joinery.core.http.RateLimitExceeded;
import io.joinery.core.http.RequestLimits;
import io.joinery.core.http.SessionVariables;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Checks Hasura's API limits (SPEC §11.1) of a server's current metadata, each where what it
 * bounds is first known:
 *
 * <pre>
 *   front door, once per HTTP request   rate_limit (429 + Retry-After), then batch_limit
 *   front door, around each operation   time_limit: the operation's Mono is cancelled when it runs out,
 *                                       which cancels its upstream calls and its SQL (SqlRunner)
 *   service, after parsing              depth_limit, node_limit ({@link #checkOperation})
 * </pre>
 *
 * Admin requests and disabled limits are never checked. The rate counts live in this process
 * ({@link RateCounter}); every refusal is told to the {@link RateLimitListener}.
 */
public final class ApiLimiter implements RequestLimits {
    /** No limits at all: what a server without metadata limits (and the tests of other features) use. */
    public static final ApiLimiter NONE = new ApiLimiter(() -> ApiLimits.NONE, Ticker.systemTicker(),
            RateLimitListener.NONE);

    private final Supplier<ApiLimits> limits;
    private final RateCounter rates;
    private final RateLimitListener listener;

    public ApiLimiter(Supplier<ApiLimits> limits, Ticker ticker, RateLimitListener listener) {
        this.limits = limits;
        this.rates = new RateCounter(ticker);
        this.listener = listener;
    }

    /** The limits of {@code limits}' current value, on the system clock, refusals unheard. */
    public static ApiLimiter of(Supplier<ApiLimits> limits) {
        return new ApiLimiter(limits, Ticker.systemTicker(), RateLimitListener.NONE);
    }

    /** The limits of {@code limits}' current value, on the system clock, each refusal told to {@code listener}. */
    public static ApiLimiter of(Supplier<ApiLimits> limits, RateLimitListener listener) {
        return new ApiLimiter(limits, Ticker.systemTicker(), listener);
    }

    /**
     * Once per HTTP request, before any operation runs: the rate limit, then the batch limit.
     *
     * @param clientIp   the caller's address (`unique_params: "IP"`)
     * @param operations how many operations the request holds (a batch's length, else 1)
     * @param batched    whether the body is a batch (a JSON array): only batches meet `batch_limit`
     */
    @Override
    public void admit(SessionVariables session, String clientIp, int operations, boolean batched) {
        ApiLimits current = limits.get();
        if (!current.appliesTo(session)) {
            return;
        }
        current.rateLimit().map(l -> l.forRole(session.role())).ifPresent(rate -> {
            long wait = rates.admit(client(session, clientIp, rate), rate.maxReqsPerMin());
            if (wait > 0) {
                listener.refused("rate_limit", session.role());
                throw new RateLimitExceeded(rate.maxReqsPerMin(), wait);
            }
        });
        if (batched) {
            current.batchLimit().map(l -> l.forRole(session.role())).filter(max -> operations > max).ifPresent(max -> {
                listener.refused("batch_limit", session.role());
                throw new JoineryException(ErrorCode.VALIDATION_FAILED, "batch limit exceeded: the request holds "
                        + operations + " operations, the limit is " + max, ErrorPath.root());
            });
        }
    }

    /**
     * {@code work} bounded by the time limit of {@code session}'s role: past it, {@code work} is
     * cancelled and the answer is `timeout` "request time limit exceeded".
     */
    @Override
    public <T> Mono<T> timed(SessionVariables session, Mono<T> work) {
        ApiLimits current = limits.get();
        Optional<BigDecimal> seconds = current.appliesTo(session)
                ? current.timeLimit().map(l -> l.forRole(session.role())) : Optional.empty();
        if (seconds.isEmpty()) {
            return work;
        }
        Duration limit = Duration.ofNanos(seconds.get().movePointRight(9).longValue());
        return work.timeout(limit, Mono.fromSupplier(() -> {
            listener.refused("time_limit", session.role());
            throw new JoineryException(ErrorCode.TIMEOUT, "request time limit exceeded", ErrorPath.root());
        }));
    }

    /** After parsing: the depth and node limits of the current metadata for {@code session}. */
    public void checkOperation(SessionVariables session, OperationSize size) {
        ApiLimits current = limits.get();
        if (!current.appliesTo(session)) {
            return;
        }
        String role = session.role();
        current.depthLimit().map(l -> l.forRole(role)).filter(max -> size.depth() > max).ifPresent(max -> {
            listener.refused("depth_limit", role);
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, "depth limit exceeded: the operation has depth "
                    + size.depth() + ", the limit is " + max, ErrorPath.root());
        });
        current.nodeLimit().map(l -> l.forRole(role)).filter(max -> size.fields() > max).ifPresent(max -> {
            listener.refused("node_limit", role);
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, "node limit exceeded: the operation has "
                    + size.fields() + " nodes, the limit is " + max, ErrorPath.root());
        });
    }

    private static RateCounter.Client client(SessionVariables session, String clientIp, RateLimit rate) {
        List<String> unique = new ArrayList<>();
        rate.uniqueParams().ifPresent(params -> {
            if (params.ip()) {
                unique.add(clientIp);
            } else {
                params.sessionVariables().forEach(name -> unique.add(session.values().get(name)));
            }
        });
        return new RateCounter.Client(session.role(), unique);
    }
}
