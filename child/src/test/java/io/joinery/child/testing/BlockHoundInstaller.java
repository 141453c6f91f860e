package io.joinery.child.testing;

import org.junit.jupiter.api.extension.Extension;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once, when JUnit loads its extensions: before any test starts a Reactor or
 * Netty thread. Installing later (from a test class) retransforms classes under threads already
 * parked in a scheduler's queue, which breaks them (IllegalMonitorStateException in timers).
 * Registered through `META-INF/services`; the child pom enables `junit.jupiter.extensions.autodetection.enabled` for its own tests only.
 * Any blocking call on an event-loop or parallel-scheduler thread then fails the code under test.
 */
public final class BlockHoundInstaller implements Extension {
    static {
        // set by this module's surefire configuration only: a reactor build that puts this module's
        // test classes on another module's path (its test-jar) must not install it there
        if (Boolean.getBoolean("joinery.blockhound.suite")) {
            // install(...) also loads the Reactor and Netty integrations. Netty's adaptive allocator
            // briefly takes a StampedLock when event loops grow its magazines under contention (a
            // browser fetching the console's files on parallel connections); the gateway allows it too
            BlockHound.install(builder -> builder.allowBlockingCallsInside(
                    "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines"));
        }
    }
}
