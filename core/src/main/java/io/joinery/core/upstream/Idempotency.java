package io.joinery.core.upstream;

/**
 * Whether sending an upstream request twice is harmless: it decides whether a request that failed on
 * a stale pooled connection may be sent again after it was written ({@link StaleConnectionRetry}).
 */
public enum Idempotency {
    /** Reads: GraphQL queries and introspection. */
    IDEMPOTENT,
    /**
     * May change something: GraphQL mutations, and every action handler call (a query action's
     * handler is still a webhook that Joinery cannot prove free of side effects).
     */
    NON_IDEMPOTENT
}
