package io.joinery.bench;

/** Why the benchmark cannot go on: the message is printed as it is, with no stack trace. */
final class BenchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchFailure(String message) {
        super(message);
    }
}
