package io.joinery.child.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ResolvedActions;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Calls the handlers of stored asynchronous action invocations in the background (SPEC §3.9).
 *
 * <pre>
 * every poll interval, on every submission, and whenever a call finishes:
 *   expired leases interrupted too often → error
 *   claim (lease) up to (concurrency − in flight) rows of the current async actions: `created`, or
 *     `processing` under an expired lease (a dead replica's)
 *   each: ActionHandlerClient.call (request_query null, the action's timeout)
 *         ─ActionResponseInterpreter→ completed + validated value | error + SPEC §3.9 error form
 * every third of the lease: renew the leases of the calls in flight
 * stop:  cancel the calls in flight, their rows → `created`
 * </pre>
 * Invariants: at most {@code concurrency} handler calls in flight (rows are claimed only for free
 * slots, and claiming is sequential); a handler failure is stored, never retried; delivery is
 * at-least-once: a call interrupted by a crash (its lease lapses, another worker takes it over) or a
 * stop is made again, and one interrupted {@value #MAX_ATTEMPTS} times becomes an error instead of
 * being retried forever. Starting never touches calls another worker holds: a live replica keeps
 * renewing its leases, so at most one worker calls a handler for an invocation at a time, unless a
 * worker cannot reach the database for a whole lease. Invocations of an
 * action that is not (or no longer) a consistent asynchronous action stay `created` until it is.
 * Nothing blocks: all I/O is r2dbc and Reactor Netty.
 */
public final class AsyncActionWorker {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncActionWorker.class);
    static final int MAX_ATTEMPTS = 5;
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final InvocationRows table;
    private final Flux<Boolean> submissions;
    private final Supplier<ResolvedActions> actions;
    private final ActionHandlerClient handlers;
    private final int concurrency;
    private final Duration pollInterval;
    private final Duration lease;
    private final UUID id = UUID.randomUUID();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Sinks.Many<Boolean> finished = Sinks.many().multicast().directBestEffort();
    private volatile Disposable running;
    private volatile Scheduler timer;

    /**
     * @param table   the worker's own access to the invocations (its statements are not request statements)
     * @param queue   wakes the worker on every submission
     * @param actions the current consistent actions (read at every claim and call, so metadata
     *                changes apply at once)
     */
    public AsyncActionWorker(InvocationRows table, InvocationQueue queue, Supplier<ResolvedActions> actions,
                             ActionHandlerClient handlers, int concurrency, Duration pollInterval, Duration lease) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.table = table;
        this.submissions = queue.wakeups();
        this.actions = actions;
        this.handlers = handlers;
        this.concurrency = concurrency;
        this.pollInterval = pollInterval;
        this.lease = lease;
    }

    /** Keeps calling handlers and renewing its leases until {@link #stop}. */
    public synchronized void start() {
        if (running != null) {
            return;
        }
        timer = pollTimer();
        running = Flux.merge(loop(), renewals())
                .subscribe(done -> { }, error -> LOG.error("the asynchronous action worker stopped", error));
    }

    /** This worker's id: the owner of its leases (`claimed_by`). */
    public UUID id() {
        return id;
    }

    /** Every third of the lease, the leases of the calls in flight are extended (one statement). */
    private Flux<Boolean> renewals() {
        Duration every = lease.dividedBy(3);
        return Flux.interval(every, every, timer)
                .onBackpressureDrop()
                .concatMap(tick -> inFlight.get() == 0 ? Mono.just(Boolean.TRUE) : table.renew(id, lease)
                        .thenReturn(Boolean.TRUE)
                        .onErrorResume(e -> {
                            LOG.warn("could not renew the leases of asynchronous action calls: {}", e.getMessage());
                            return Mono.just(Boolean.FALSE);
                        }), 1);
    }

    /**
     * Cancels the handler calls in flight and returns their invocations to `created` (they are
     * called again after the next start). Completes when the database has them back.
     */
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            Disposable current;
            synchronized (this) {
                current = running;
                running = null;
            }
            if (current == null) {
                return Mono.empty();
            }
            current.dispose();
            disposeTimer();
            return table.release(id)
                    .doOnNext(n -> {
                        if (n > 0) {
                            LOG.info("{} asynchronous action invocation(s) in flight returned to the queue", n);
                        }
                    })
                    .then();
        });
    }

    /** Stops at once without touching the database: calls in flight are queued again at the next start. */
    public void abandon() {
        Disposable current;
        synchronized (this) {
            current = running;
            running = null;
        }
        if (current != null) {
            current.dispose();
        }
        disposeTimer();
    }

    /**
     * The poll ticks run on a thread of their own (a plain daemon thread, not a shared Reactor
     * timer): the worker must keep polling whatever happens to the shared timers, and all a tick
     * does is send the claim statement.
     */
    private static Scheduler pollTimer() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "joinery-async-actions-poll");
            thread.setDaemon(true);
            return thread;
        });
        return Schedulers.fromExecutorService(executor, "joinery-async-actions-poll");
    }

    private synchronized void disposeTimer() {
        if (timer != null) {
            timer.dispose();
            timer = null;
        }
    }

    private Flux<Boolean> loop() {
        return Flux.merge(Flux.interval(Duration.ZERO, pollInterval, timer).map(tick -> Boolean.TRUE), submissions,
                        finished.asFlux())
                .onBackpressureLatest()
                .concatMap(signal -> claim(), 1)
                .flatMapIterable(claimed -> claimed)
                // the bound is enforced by claim(): never more rows than free slots
                .flatMap(this::process, Integer.MAX_VALUE);
    }

    private Mono<List<InvocationRows.Claimed>> claim() {
        int free = concurrency - inFlight.get();
        List<String> names = actions.get().actions().stream().filter(a -> a.definition().isAsynchronous())
                .map(ActionDef::name).toList();
        if (free <= 0 || names.isEmpty()) {
            return Mono.just(List.of());
        }
        return table.giveUpExpired(MAX_ATTEMPTS, gaveUp())
                .doOnNext(n -> {
                    if (n > 0) {
                        LOG.warn("{} asynchronous action invocation(s) interrupted {} times are given up", n,
                                MAX_ATTEMPTS);
                    }
                })
                .then(table.claim(names, free, id, lease))
                .doOnNext(claimed -> inFlight.addAndGet(claimed.size()))
                // the database may be away for a while: log, and try again at the next poll
                .onErrorResume(e -> {
                    LOG.warn("could not claim asynchronous action invocations: {}", e.getMessage());
                    return Mono.just(List.of());
                });
    }

    private Mono<Boolean> process(InvocationRows.Claimed claimed) {
        return Mono.defer(() -> {
            Optional<ActionDef> action = actions.get().action(claimed.actionName())
                    .filter(a -> a.definition().isAsynchronous());
            if (action.isEmpty()) {
                return table.release(claimed.id(), id).thenReturn(Boolean.FALSE);
            }
            ActionDef.Definition definition = action.get().definition();
            ActionResponseInterpreter interpreter = new ActionResponseInterpreter(actions.get().customTypes());
            ActionPayload payload = new ActionPayload(claimed.actionName(), claimed.input(), claimed.session(), null);
            return handlers.call(new ActionCall(definition, payload, claimed.clientHeaders()))
                    .map(outcome -> interpreter.interpret(outcome, definition.outputType()))
                    // the one error a call can raise: an environment variable that is not set
                    .onErrorResume(JoineryException.class, e -> Mono.just(new ActionResult.Failure(
                            new ActionError(e.getMessage(), ActionError.standardExtensions(e.code().wire()),
                                    e.internal()), List.of())))
                    .flatMap(result -> store(claimed, result));
        }).doFinally(signal -> {
            if (signal != SignalType.CANCEL) {
                inFlight.decrementAndGet();
                // best effort: a wake-up lost to a concurrent one is covered by it, or by the next poll
                finished.tryEmitNext(Boolean.TRUE);
            }
        });
    }

    private Mono<Boolean> store(InvocationRows.Claimed claimed, ActionResult result) {
        Mono<Boolean> write = result instanceof ActionResult.Success success
                ? table.complete(claimed.id(), id, success.value())
                : table.fail(claimed.id(), id, ((ActionResult.Failure) result).error().toMetadataError(true));
        return write
                .retryWhen(Retry.backoff(8, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10)))
                .onErrorResume(e -> {
                    // left `processing`: when its lease lapses a worker calls it again (at-least-once)
                    LOG.error("could not store the result of asynchronous action invocation {}: {}",
                            claimed.id(), e.getMessage());
                    return Mono.just(Boolean.FALSE);
                });
    }

    private static JsonNode gaveUp() {
        return Json.object().put("path", "$")
                .put("error", "the handler call was interrupted " + MAX_ATTEMPTS
                        + " times (the child stopped while calling it); it is not retried again")
                .put("code", "unexpected");
    }
}
