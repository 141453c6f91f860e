package io.joinery.core.observe;

import io.joinery.core.graphql.OperationKind;
import java.util.Optional;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * What is observed of one HTTP request while it is answered: its id, when it started, and what the
 * stages learn on the way (the GraphQL operation's type and name). The front door creates it,
 * puts it in the Reactor context of the request's pipeline ({@link #into}), and records it when the
 * answer is written; a stage deep in the pipeline (an upstream call, a SQL statement) finds it
 * with {@link #in}.
 *
 * <p>Written by the request's own pipeline, which runs one signal at a time; read when it ends.
 */
public final class RequestObservation {
    private static final Class<RequestObservation> KEY = RequestObservation.class;

    private final String requestId;
    private final Telemetry telemetry;
    private final long startedNanos;
    private volatile OperationKind operationKind;
    private volatile String operationName;

    public RequestObservation(String requestId, Telemetry telemetry, long startedNanos) {
        this.requestId = requestId;
        this.telemetry = telemetry;
        this.startedNanos = startedNanos;
    }

    /** The request's observation in a pipeline's context, if the pipeline serves a request. */
    public static Optional<RequestObservation> in(ContextView context) {
        return context.getOrEmpty(KEY);
    }

    /** {@code context} carrying this observation. */
    public Context into(Context context) {
        return context.put(KEY, this);
    }

    public String requestId() {
        return requestId;
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    public long startedNanos() {
        return startedNanos;
    }

    /**
     * The GraphQL operation the request runs, once it is parsed; in a batch the first one is kept.
     * {@code name} is the operation's name, or null.
     */
    public void operation(OperationKind kind, String name) {
        if (operationKind == null) {
            operationKind = kind;
            operationName = name;
        }
    }

    /** The operation type, or null when the request ran no GraphQL operation (or failed before parsing). */
    public OperationKind operationKind() {
        return operationKind;
    }

    public String operationName() {
        return operationName;
    }
}
