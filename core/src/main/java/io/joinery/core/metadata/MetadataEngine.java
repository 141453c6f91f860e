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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The metadata API of both services: holds the current snapshot and changes it, one request at a
 * time. Each service plugs in its commands ({@link CommandParser}), their meaning
 * ({@link CommandApplier}) and where metadata is kept ({@link SnapshotPersister}).
 *
 * <pre>
 * body ─admin?─▶ MetadataRequest.parse (envelope, bulk) ─▶ MetadataCall of typed commands
 *   READ:   apply to current() ─▶ response                      (not queued, nothing swapped)
 *   else:   queue ─▶ resource_version? ─▶ writable? ─▶ begin ─▶ apply each command in order
 *           ─▶ persist (CHANGE; resource_version + 1) ─▶ swap ─▶ response
 * </pre>
 *
 * Invariants: readers call {@link #current()} lock-free; requests that may change the snapshot run
 * one at a time (a non-blocking queue); a `bulk` applies its commands to the snapshots its earlier
 * commands produced and swaps once, so any failure (parse, validation, I/O, persistence) swaps
 * nothing: all or nothing; {@link MetadataSnapshot#version()} increases on every swap. Errors are
 * `JoineryException`s carrying the path into the request (`$.args[3].args.name`).
 */
public final class MetadataEngine<S extends MetadataSnapshot<S>, C extends MetadataCommand> {
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
            return queue.submit(() -> execute(request));
        });
    }

    /**
     * Runs {@code work} alone, queued with the metadata requests: for changes that do not come from
     * the metadata API (`run_sql` on the child, retrying unreachable remotes on the gateway). The
     * work reads and swaps through the {@link Turn} it is given, and only while it runs.
     */
    public <T> Mono<T> exclusively(Function<Turn<S>, Mono<T>> work) {
        return queue.submit(() -> work.apply(new Turn<>() {
            @Override
            public S current() {
                return current.get();
            }

            @Override
            public void swap(S next) {
                S previous = current.get();
                MetadataEngine.this.swap(previous, next.withVersions(previous.version() + 1, next.resourceVersion()));
            }
        }));
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

    private Mono<JsonNode> execute(MetadataRequest<C> request) {
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
        return applyInOrder(snapshot, ((MetadataCall.Bulk<C>) call).calls(), 0, List.of());
    }

    private Mono<Applied<S>> applyInOrder(S snapshot, List<MetadataCall<C>> calls, int index,
                                          List<JsonNode> responses) {
        if (index == calls.size()) {
            ArrayNode array = Json.array();
            responses.forEach(array::add);
            return Mono.just(new Applied<>(snapshot, array));
        }
        return apply(snapshot, calls.get(index)).flatMap(step -> {
            List<JsonNode> next = new ArrayList<>(responses);
            next.add(step.response());
            return applyInOrder(step.snapshot(), calls, index + 1, next);
        });
    }

    /** Swaps in {@code next} if {@code previous} is still current; else a `conflict`, never a lost update. */
    private void swap(S previous, S next) {
        if (!current.compareAndSet(previous, next)) {
            throw new JoineryException(ErrorCode.CONFLICT, "metadata was changed concurrently by another request;"
                    + " retry", ErrorPath.root(), null, 409);
        }
    }
}
