package io.joinery.examples.handler;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;

/** `java -jar joinery-action-handler.jar`: the demo's action handler (see examples/README.md). */
public final class HandlerMain {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerMain.class);

    private HandlerMain() {}

    public static void main(String[] args) throws InterruptedException {
        HandlerConfig config;
        DisposableServer server;
        try {
            config = HandlerConfig.fromEnvironment(System.getenv());
            server = HandlerServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("joinery-action-handler: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.disposeNow();
            stopped.countDown();
        }, "handler-shutdown"));
        LOG.info("action handler listening on http://{}:{} (child GraphQL at {})",
                config.host(), server.port(), config.childGraphqlUrl());
        stopped.await();
    }
}
