package io.joinery.child.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.http.SessionVariables;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Where an asynchronous action mutation puts its call (SPEC §3.9): the invocation is stored as
 * `created`, and then the worker is woken so that it claims it at once rather than at its next
 * poll. A lost wake-up (two submissions signalling at the same instant) costs nothing: the one
 * that is delivered claims every stored row.
 */
public final class InvocationQueue {
    private final InvocationRows table;
    private final Sinks.Many<Boolean> wakeups = Sinks.many().multicast().directBestEffort();

    public InvocationQueue(InvocationRows table) {
        this.table = table;
    }

    /** Stores the invocation (committed when the Mono emits) and wakes the worker; its id. */
    public Mono<UUID> submit(String actionName, ObjectNode input, SessionVariables session,
                             List<Map.Entry<String, String>> clientHeaders) {
        return table.insert(actionName, input, session, clientHeaders)
                .doOnNext(id -> wakeups.tryEmitNext(Boolean.TRUE));
    }

    /** One signal per submission; the worker subscribes. */
    Flux<Boolean> wakeups() {
        return wakeups.asFlux();
    }
}
