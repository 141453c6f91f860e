package io.joinery.core.metadata;

import io.joinery.core.error.ErrorPath;
import java.util.List;

/**
 * What one metadata request asks for: a single service command, or a `bulk` of calls (SPEC §1.2),
 * which may nest. A bulk runs its calls in order, each on the previous one's result, all or
 * nothing; its response is the array of their responses.
 */
public sealed interface MetadataCall<C extends MetadataCommand> {

    ErrorPath at();

    MetadataCommand.Effect effect();

    /** Every command, bulks flattened, in order. */
    List<C> commands();

    record One<C extends MetadataCommand>(C command) implements MetadataCall<C> {
        @Override
        public ErrorPath at() {
            return command.at();
        }

        @Override
        public MetadataCommand.Effect effect() {
            return command.effect();
        }

        @Override
        public List<C> commands() {
            return List.of(command);
        }
    }

    /** @param at the path of the bulk's `args` array */
    record Bulk<C extends MetadataCommand>(ErrorPath at, List<MetadataCall<C>> calls) implements MetadataCall<C> {
        public Bulk {
            calls = List.copyOf(calls);
        }

        /** The strongest effect of its calls; an empty bulk only reads. */
        @Override
        public MetadataCommand.Effect effect() {
            return calls.stream().map(MetadataCall::effect)
                    .reduce(MetadataCommand.Effect.READ, MetadataCommand.Effect::and);
        }

        @Override
        public List<C> commands() {
            return calls.stream().flatMap(c -> c.commands().stream()).toList();
        }
    }
}
