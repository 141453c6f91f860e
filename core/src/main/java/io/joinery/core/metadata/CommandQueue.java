package io.joinery.core.metadata;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs units of work one at a time, in arrival order, without blocking a thread: each unit waits
 * for the previous one's completion signal. If a caller cancels while waiting, the next unit may
 * start before the one ahead finishes; the engine swaps only if the snapshot a unit started from
 * is still current (and the child's stored row is written conditionally), so such an overlap ends
 * in a `conflict` error, never a lost update.
 */
final class CommandQueue {
    private final AtomicReference<Mono<Void>> tail = new AtomicReference<>(Mono.empty());

    <T> Mono<T> submit(Supplier<Mono<T>> work) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> done = Sinks.empty();
            Mono<Void> previous = tail.getAndSet(done.asMono());
            return previous.then(Mono.defer(work)).doFinally(signal -> done.tryEmitEmpty());
        });
    }
}
