package io.joinery.examples.handler;

/**
 * A failure the handler reports to the child in Hasura's action error shape: a 4xx/5xx status with
 * `{"message", "code"}`. The child turns a 4xx into a GraphQL error carrying this message.
 */
public final class HandlerError extends RuntimeException {
    private final int status;
    private final String code;

    public HandlerError(int status, String message, String code) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
