package io.joinery.core.metadata;

import io.joinery.core.error.ErrorPath;

/**
 * A service's reader of its own command names: the one place where wire names such as
 * `pg_track_table` become typed commands.
 */
@FunctionalInterface
public interface CommandParser<C extends MetadataCommand> {

    /**
     * The command of one envelope other than `bulk`, found at {@code at} (its `args` are at
     * `at.key("args")`). An unknown type is {@link MetadataEnvelope#unknownCommand}.
     */
    C parse(MetadataEnvelope envelope, ErrorPath at);
}
