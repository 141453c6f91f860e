package io.joinery.core.graphql;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The small Hasura-shaped schema of `graphql/test-schema.graphqls`, built once. */
final class TestSchema {
    static final GraphQLSchema SCHEMA = build();

    private TestSchema() {}

    private static GraphQLSchema build() {
        try (InputStream in = TestSchema.class.getResourceAsStream("/graphql/test-schema.graphqls")) {
            String sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl),
                    RuntimeWiring.newRuntimeWiring().build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
