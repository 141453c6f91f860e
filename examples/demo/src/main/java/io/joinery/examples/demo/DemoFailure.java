package io.joinery.examples.demo;

/** Something that stops the demo, with the message the user sees (no stack trace). */
public final class DemoFailure extends RuntimeException {
    public DemoFailure(String message) {
        super(message);
    }
}
