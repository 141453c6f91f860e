package io.joinery.gateway.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * Installs BlockHound once per JVM: any blocking call on a non-blocking thread (Netty event loops,
 * Reactor parallel) throws, and is recorded so {@link GatewayHarness#close()} can fail the test
 * even when the error was swallowed on some background path.
 */
public final class TestBlockHound {
    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private TestBlockHound() {}

    public static synchronized void install() {
        if (!installed) {
            // install(...) also loads the Reactor and Netty integrations (builder() alone would not)
            BlockHound.install(builder -> builder
                    // slf4j-simple writes warnings to stderr synchronously; logging is not the code under test
                    .allowBlockingCallsInside("org.slf4j.simple.SimpleLogger", "write")
                    // Netty's adaptive allocator briefly takes a StampedLock when event loops grow its
                    // magazines under contention (seen with the child and several remotes in one JVM)
                    .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                            "tryExpandMagazines")
                    .blockingMethodCallback(method -> {
                        StringBuilder where = new StringBuilder();
                        for (StackTraceElement frame : new Throwable().getStackTrace()) {
                            where.append("\n    at ").append(frame);
                        }
                        VIOLATIONS.add(method + " on " + Thread.currentThread().getName() + where);
                        System.err.println("BLOCKHOUND: " + method + " on " + Thread.currentThread().getName() + where);
                        throw new BlockingOperationError(method);
                    }));
            installed = true;
        }
    }

    /** Blocking calls seen so far (and forgets them). */
    public static List<String> drainViolations() {
        List<String> seen = List.copyOf(VIOLATIONS);
        VIOLATIONS.clear();
        return seen;
    }
}
