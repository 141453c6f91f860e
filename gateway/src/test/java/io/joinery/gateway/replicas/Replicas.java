package io.joinery.gateway.replicas;

import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.ReplicaSettings;
import io.joinery.child.db.Database;
import io.joinery.core.pg.DatabaseUrl;
import io.joinery.gateway.Gateway;
import io.joinery.gateway.GatewayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Replicas of both services on ONE database (SPEC §14), started in-process on loopback. */
final class Replicas {
    /**
     * Short leases, so a dead replica's calls are taken over within seconds; the periodic metadata
     * check a minute apart, so propagation within 2 s can only come from the notifications.
     */
    static final ReplicaSettings SETTINGS = new ReplicaSettings(Duration.ofSeconds(60), Duration.ofSeconds(2));

    private Replicas() {}

    /** `postgres://user@127.0.0.1:port/db`: what `JOINERY_DATABASE_URL` / `JOINERY_METADATA_DATABASE_URL` hold. */
    static String urlOf(DatabaseUrl url) {
        return "postgres://" + url.user() + "@127.0.0.1:" + url.port() + "/" + url.database();
    }

    static ChildApp child(DatabaseUrl url) {
        ChildConfig config = new ChildConfig(0, "127.0.0.1", Optional.empty(), Optional.empty(), Path.of("unused"),
                Optional.empty(), "*", 4).withReplicas(SETTINGS);
        return ChildApp.start(config, Database.connect(url, 4), Optional.empty()).awaitReady(Duration.ofSeconds(60));
    }

    static Gateway gateway(DatabaseUrl url, Path directory) {
        GatewayConfig config = new GatewayConfig("127.0.0.1", 0, Optional.empty(), directory.resolve("metadata.json"),
                null, Duration.ofMillis(100), Duration.ofSeconds(1), name -> null)
                .withMetadataDatabase(urlOf(url), Duration.ofSeconds(60));
        return Gateway.start(config);
    }

    /** Waits up to {@code within} for {@code condition}; the time it took. */
    static Duration await(String what, Duration within, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
