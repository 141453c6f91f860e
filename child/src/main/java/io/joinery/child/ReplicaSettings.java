package io.joinery.child;

import io.joinery.core.config.Environment;
import java.time.Duration;

/**
 * How a child cooperates with the other children on its database (SPEC §14).
 *
 * @param metadataPollInterval `JOINERY_METADATA_POLL_SECONDS`, default 1: how often the stored
 *                             metadata's generation is checked, in case a notification was missed
 * @param asyncActionsLease    `JOINERY_ASYNC_ACTIONS_LEASE_SECONDS`, default 30: how long a claim on
 *                             an asynchronous action call lasts without renewal; renewed every third of it
 */
public record ReplicaSettings(Duration metadataPollInterval, Duration asyncActionsLease) {
    public static final ReplicaSettings DEFAULTS = new ReplicaSettings(Duration.ofSeconds(1), Duration.ofSeconds(30));

    public ReplicaSettings {
        if (metadataPollInterval.isNegative() || metadataPollInterval.isZero()) {
            throw new IllegalArgumentException("JOINERY_METADATA_POLL_SECONDS must be at least 1");
        }
        if (asyncActionsLease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("JOINERY_ASYNC_ACTIONS_LEASE_SECONDS must be at least 1");
        }
    }

    static ReplicaSettings fromEnvironment(Environment settings) {
        return new ReplicaSettings(
                Duration.ofSeconds(settings.integer("JOINERY_METADATA_POLL_SECONDS", 1)),
                Duration.ofSeconds(settings.integer("JOINERY_ASYNC_ACTIONS_LEASE_SECONDS", 30)));
    }
}
