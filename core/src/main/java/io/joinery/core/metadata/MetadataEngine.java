package io.joinery.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.CommandApplier.Applied;
import io.joinery.core.metadata.MetadataCommand.Effect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The metadata API of both services: holds the current snapshot and changes it, one request at a
 * time. Each service plugs in its commands ({@link CommandParser}), their meaning
 * ({@link CommandApplier}) and where metadata is kept ({@link SnapshotPersister}).
 *
 * <pre>
 * body ─admin?─▶ MetadataRequest.parse (envelope, bulk) ─▶ MetadataCall of typed commands
 *   READ:   apply to current() ─▶ response                      (not queued, nothing swapped)
 *   else:   queue ─▶ catch up ─▶ resource_version? ─▶ writable? ─▶ begin ─▶ apply each command in order
 *           ─▶ persist (CHANGE; resource_version + 1) ─▶ swap ─▶ response
 *           persist found the store changed meanwhile (`conflict`) ─▶ catch up, apply again (bounded)
 *   follow: store changed by another replica (notification, or seen by the periodic check)
 *           ─▶ queue ─▶ catch up: persister.reload ─▶ swap
 * </pre>
 *
 * Replicas that share a store (SPEC §14) see each other's changes through the persister: "catch up"
 * asks it whether the stored metadata is newer than the current snapshot and, if so, swaps in the
 * snapshot built from it. A change is applied to the fresh snapshot, so it is never based on a
 * stale one: a request carrying a `resource_version` is compared with the stored one, and a write
 * that loses a race with another replica is applied again on top of the winner's.
 *
 * Invariants: readers call {@link #current()} lock-free; requests that may change the snapshot run
 * one at a time (a non-blocking queue); a `bulk` applies its commands to the snapshots its earlier
 * commands produced and swaps once, so any failure (parse, validation, I/O, persistence) swaps
 * nothing: all or nothing; {@link MetadataSnapshot#version()} increases on every swap. Errors are
 * `JoineryException`s carrying the path into the request (`$.args[3].args.name`).
 */
public final class MetadataEngine<S extends MetadataSnapshot<S>, C extends MetadataCommand> {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataEngine.class);
    /** How often a change is applied again after losing a write race with another replica. */
    private static final int MAX_ATTEMPTS = 5;

    private final CommandParser<C> parser;
    private final CommandApplier<S, C> applier;
    private final SnapshotPersister<S, C> persister;
    private final CommandQueue queue = new CommandQueue();
    private final AtomicReference<S> current;

    public MetadataEngine(S initial, CommandParser<C> parser, CommandApplier<S, C> applier,
                          SnapshotPersister<S, C> persister) {
        this.current = new AtomicReference<>(initial);
        this.parser = parser;
        this.applier = applier;
        this.persister = persister;
    }

    public S current() {
        return current.get();
    }

    /**
     * `POST /v1/metadata` after authentication: the whole body. Emits the response JSON (HTTP 200)
     * or fails with a {@link JoineryException}.
     */
    public Mono<JsonNode> run(JsonNode body, SessionVariables session) {
        return Mono.defer(() -> {
            requireAdmin(session);
            MetadataRequest<C> request = MetadataRequest.parse(body, parser);
            if (request.call().effect() == Effect.READ) {
                return apply(current.get(), request.call()).map(Applied::response);
            }
            return queue.submit(() -> execute(request, 1));
        });
    }

    /**
     * Swaps in the stored metadata when another process changed it (shared storage; a no-op for a
     * store only this process writes). Runs in the queue; emits whether it swapped.
     */
    public Mono<Boolean> sync() {
        return queue.submit(this::catchUp);
    }

    /**
     * Follows the shared store: {@link #sync} on every change signal of the persister and every
     * {@code pollInterval} (a notification may be lost). Never fails; subscribe once at start-up and
     * dispose at shutdown.
     */
    public Flux<Boolean> follow(Duration pollInterval, Scheduler scheduler) {
        return Flux.merge(persister.changes(), Flux.interval(pollInterval, pollInterval, scheduler).map(tick -> "poll"))
                .onBackpressureLatest()
                .concatMap(signal -> sync().onErrorResume(e -> {
                    LOG.warn("could not read the shared metadata; trying again: {}", e.getMessage());
                    return Mono.just(false);
                }), 1);
    }

    private Mono<Boolean> catchUp() {
        S before = current.get();
        return persister.isBehind(before).flatMap(behind -> !behind ? Mono.just(false)
                : persister.reload(before).map(next -> {
                    swap(before, next.withVersions(before.version() + 1, next.resourceVersion()));
                    LOG.info("metadata changed by another replica: resource_version {} -> {}",
                            before.resourceVersion(), next.resourceVersion());
                    return true;
                }));
    }

    /**
     * Runs {@code work} alone, queued with the metadata requests: for changes that do not come from
     * the metadata API (`run_sql` on the child, retrying unreachable remotes on the gateway). The
     * work reads and swaps through the {@link Turn} it is given, and only while it runs.
     */
    public <T> Mono<T> exclusively(Function<Turn<S>, Mono<T>> work) {
        return queue.submit(() -> catchUp().then(Mono.defer(() -> work.apply(new Turn<>() {
            @Override
            public S current() {
                return current.get();
            }

            @Override
            public void swap(S next) {
                S previous = current.get();
                MetadataEngine.this.swap(previous, next.withVersions(previous.version() + 1, next.resourceVersion()));
            }
        }))));
    }

    /** Access to the snapshot during {@link #exclusively} work. */
    public interface Turn<S> {
        S current();

        /** Swaps in {@code next} (keeping its `resource_version`) with the next version. */
        void swap(S next);
    }

    /** The metadata APIs are for admins only (SPEC §1.1): `access-denied` at `$.args` otherwise. */
    public static void requireAdmin(SessionVariables session) {
        if (!session.isAdmin()) {
            throw new JoineryException(ErrorCode.ACCESS_DENIED, "restricted access : admin only", ErrorPath.args());
        }
    }

    /** Catches up, then applies; a write that lost a race with another replica is applied again. */
    private Mono<JsonNode> execute(MetadataRequest<C> request, int attempt) {
        return catchUp()
                .then(Mono.defer(() -> attempt(request)))
                .onErrorResume(StaleStore.class, stale -> {
                    if (attempt >= MAX_ATTEMPTS) {
                        return Mono.error(stale.conflict);
                    }
                    LOG.info("metadata was changed by another replica meanwhile; applying the change again");
                    return execute(request, attempt + 1);
                });
    }

    private Mono<JsonNode> attempt(MetadataRequest<C> request) {
        S before = current.get();
        Long expected = request.resourceVersion();
        if (expected != null && expected != before.resourceVersion()) {
            throw new JoineryException(ErrorCode.CONFLICT, "metadata resource version referenced (" + expected
                    + ") did not match current version", ErrorPath.root(), null, 409);
        }
        Effect effect = request.call().effect();
        if (effect == Effect.CHANGE) {
            persister.checkWritable();
        }
        return applier.begin(before, effect)
                .flatMap(start -> apply(start, request.call()))
                .flatMap(applied -> {
                    if (effect == Effect.RELOAD) {
                        swap(before, applied.snapshot().withVersions(before.version() + 1, before.resourceVersion()));
                        return Mono.just(applied.response());
                    }
                    S next = applied.snapshot().withVersions(before.version() + 1, before.resourceVersion() + 1);
                    return persister.persist(before, next, request.call().commands())
                            .onErrorMap(MetadataEngine::isConflict, e -> new StaleStore((JoineryException) e))
                            .then(Mono.fromSupplier(() -> {
                                swap(before, next);
                                return applied.response();
                            }));
                });
    }

    /** One call applied to {@code snapshot}; a bulk's response is the array of its calls' responses. */
    private Mono<Applied<S>> apply(S snapshot, MetadataCall<C> call) {
        if (call instanceof MetadataCall.One<C> one) {
            return Mono.defer(() -> applier.apply(snapshot, one.command()));
        }
        return applyInOrder(snapshot, ((MetadataCall.Bulk<C>) call).calls());
    }

    /**
     * The calls applied one after another, each to the snapshot the previous one left. A loop, not a
     * chain of nested operators: a bulk of thousands of calls (most answer at once) would otherwise
     * nest as deep and overflow the stack (issue 15).
     */
    private Mono<Applied<S>> applyInOrder(S snapshot, List<MetadataCall<C>> calls) {
        return Mono.defer(() -> {
            AtomicReference<S> last = new AtomicReference<>(snapshot);
            ArrayNode responses = Json.array();
            return Flux.fromIterable(calls)
                    .concatMap(call -> apply(last.get(), call).doOnNext(step -> {
                        last.set(step.snapshot());
                        responses.add(step.response());
                    }), 0)
                    .then(Mono.fromSupplier(() -> new Applied<>(last.get(), responses)));
        });
    }

    /** Swaps in {@code next} if {@code previous} is still current; else a `conflict`, never a lost update. */
    private void swap(S previous, S next) {
        if (!current.compareAndSet(previous, next)) {
            throw new JoineryException(ErrorCode.CONFLICT, "metadata was changed concurrently by another request;"
                    + " retry", ErrorPath.root(), null, 409);
        }
    }

    private static boolean isConflict(Throwable error) {
        return error instanceof JoineryException joinery && joinery.code() == ErrorCode.CONFLICT;
    }

    /** The persister found the stored metadata changed since the snapshot a change was applied to. */
    private static final class StaleStore extends RuntimeException {
        private final transient JoineryException conflict;

        StaleStore(JoineryException conflict) {
            super(conflict.getMessage(), conflict, false, false);
            this.conflict = conflict;
        }
    }
}
