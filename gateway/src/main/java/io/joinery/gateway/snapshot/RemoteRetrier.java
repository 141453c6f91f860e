package io.joinery.gateway.snapshot;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Retries remotes that could not be introspected (down at start-up, or after a reload) in the
 * background, with exponential backoff from {@code initialDelay} up to {@code maxDelay}, until
 * they come back (DESIGN). The scheduler is injected, so tests use short delays or virtual time.
 */
public final class RemoteRetrier {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteRetrier.class);

    private final Supplier<Mono<Boolean>> attempt;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Scheduler scheduler;
    private final AtomicInteger failedAttempts = new AtomicInteger();

    /**
     * @param attempt one retry (normally {@link MetadataStore#retryFailedRemotes}); emits whether a
     *     remote is still down
     */
    public RemoteRetrier(Supplier<Mono<Boolean>> attempt, Duration initialDelay, Duration maxDelay, Scheduler scheduler) {
        this.attempt = attempt;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.scheduler = scheduler;
    }

    /** The delay before the next attempt: doubles after every attempt that leaves a remote down. */
    public Duration nextDelay() {
        int attempts = Math.min(failedAttempts.get(), 30);
        long millis = initialDelay.toMillis() * (1L << Math.min(attempts, 20));
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    /** The endless retry loop; subscribe once at start-up and dispose at shutdown. */
    public Flux<Boolean> loop() {
        return Mono.defer(() -> Mono.delay(nextDelay(), scheduler))
                .then(Mono.defer(attempt))
                .doOnNext(stillDown -> {
                    if (stillDown) {
                        failedAttempts.incrementAndGet();
                    } else {
                        failedAttempts.set(0);
                    }
                })
                .onErrorResume(e -> {
                    LOG.warn("retrying inconsistent remote schemas failed", e);
                    failedAttempts.incrementAndGet();
                    return Mono.just(true);
                })
                .repeat();
    }
}
