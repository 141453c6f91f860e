package io.joinery.core.limits;

import io.joinery.core.config.Environment;

/**
 * The hard guards on a GraphQL document (SPEC §11.2), always on, for every role including admin:
 * checked while parsing (tokens) and right after it, before validation and planning (fields after
 * fragment expansion, {@link io.joinery.core.graphql.OperationSize}).
 *
 * @param maxTokens `JOINERY_GRAPHQL_MAX_TOKENS`, default 100,000: graphql-java's parser stops past it
 * @param maxFields `JOINERY_GRAPHQL_MAX_FIELDS`, default 100,000: fields of the selected operation
 *                  counted with every fragment spread expanded (an alias or fragment bomb)
 * @param maxNesting `JOINERY_GRAPHQL_MAX_NESTING`, default 200: fields nested in one another, each
 *                  fragment spread on the way counting as one more level (a chain of thousands of
 *                  fragments would otherwise overflow the stack of graphql-java's validation)
 */
public record DocumentLimits(int maxTokens, long maxFields, int maxNesting) {
    public static final DocumentLimits DEFAULTS = new DocumentLimits(100_000, 100_000, 200);

    public DocumentLimits {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("JOINERY_GRAPHQL_MAX_TOKENS must be at least 1, got " + maxTokens);
        }
        if (maxFields < 1) {
            throw new IllegalArgumentException("JOINERY_GRAPHQL_MAX_FIELDS must be at least 1, got " + maxFields);
        }
        if (maxNesting < 1) {
            throw new IllegalArgumentException("JOINERY_GRAPHQL_MAX_NESTING must be at least 1, got " + maxNesting);
        }
    }

    public static DocumentLimits fromEnvironment(Environment env) {
        return new DocumentLimits(env.integer("JOINERY_GRAPHQL_MAX_TOKENS", DEFAULTS.maxTokens()),
                env.integer("JOINERY_GRAPHQL_MAX_FIELDS", (int) DEFAULTS.maxFields()),
                env.integer("JOINERY_GRAPHQL_MAX_NESTING", DEFAULTS.maxNesting()));
    }
}
