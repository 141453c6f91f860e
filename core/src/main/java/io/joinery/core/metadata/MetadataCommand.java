package io.joinery.core.metadata;

import io.joinery.core.error.ErrorPath;

/**
 * A typed metadata API command of one service (`pg_track_table`, `add_remote_schema`, ...), parsed
 * from its envelope by the service's {@link CommandParser}. `bulk` is not a command: the engine
 * reads it into a {@link MetadataCall.Bulk} of commands.
 */
public interface MetadataCommand {

    /** Where the command's `args` sit in the request (`$.args`, `$.args[2].args` in a bulk): where its errors point. */
    ErrorPath at();

    /** What running the command does to the store. */
    Effect effect();

    /** What a command does to the store; decides queueing, persistence and the `resource_version`. */
    enum Effect {
        /** Answers from the current snapshot: not queued, nothing stored or swapped (`export_metadata`). */
        READ,
        /**
         * Re-reads the outside world and swaps in the result; the declared metadata and
         * `resource_version` stay (the gateway's `reload_metadata`).
         */
        RELOAD,
        /** Changes the declared metadata: stored, swapped, `resource_version` + 1. */
        CHANGE;

        /** The stronger of the two: what a bulk holding both does. */
        public Effect and(Effect other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }
}
