package io.joinery.gateway.testing;

import reactor.blockhound.BlockHound;

/** Installs BlockHound once per JVM: any blocking call on a non-blocking thread throws. */
public final class TestBlockHound {
    private static boolean installed;

    private TestBlockHound() {}

    public static synchronized void install() {
        if (!installed) {
            BlockHound.builder()
                    // slf4j-simple writes warnings to stderr synchronously; logging is not the code under test
                    .allowBlockingCallsInside("org.slf4j.simple.SimpleLogger", "write")
                    .install();
            installed = true;
        }
    }
}
