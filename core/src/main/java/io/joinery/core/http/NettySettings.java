package io.joinery.core.http;

import io.netty.util.ResourceLeakDetector;

/**
 * JVM-wide Netty settings of the service processes, applied once by each `main` before anything
 * starts (tests, which do not run `main`, keep Netty's defaults).
 *
 * <p>Buffer leak detection is off: at Netty's default level it records the stack of one buffer
 * allocation in 128, which a profile of the gateway's pass-through query put at 2 % of its CPU
 * (docs/performance.md). The test suites run with the default level, so a leak is still found
 * there. {@code -Dio.netty.leakDetection.level=simple} (or `advanced`, `paranoid`) on the command
 * line turns it back on for a process.
 */
public final class NettySettings {
    static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    private NettySettings() {
    }

    /** Applies the settings above; a level given on the command line is left as it is. */
    public static void forService() {
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }
}
