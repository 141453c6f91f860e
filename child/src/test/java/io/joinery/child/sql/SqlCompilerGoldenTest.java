package io.joinery.child.sql;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.type.TypeReference;
import graphql.schema.GraphQLSchema;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.schema.SchemaModel;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.GoldenFiles;
import io.joinery.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Query -> SQL golden files (`golden/sql/*.graphql`; first line `# {"variables": {...}}`): the
 * pretty SQL and its parameters, or `.error.json` for queries the compiler rejects.
 */
class SqlCompilerGoldenTest {
    private static final SchemaModel MODEL = LibraryFixture.model();
    private static final GraphQLSchema SCHEMA = ChildSchemaBuilder.build(MODEL, "admin");
    private final SqlCompiler compiler = new SqlCompiler(MODEL);

    @TestFactory
    Stream<DynamicTest> compilesEveryGoldenQuery() {
        return GoldenFiles.cases("golden/sql", ".graphql").map(c -> dynamicTest(c.name(), () -> {
            Map<String, Object> variables = c.header().has("variables")
                    ? Json.MAPPER.convertValue(c.header().get("variables"), new TypeReference<LinkedHashMap<String, Object>>() {})
                    : Map.of();
            SqlStatement statement;
            try {
                statement = compiler.compileQuery(NormalizedQuery.rootFields(SCHEMA, c.input(), variables));
            } catch (JoineryException e) {
                c.deleteWhenUpdating(".sql");
                c.deleteWhenUpdating(".params.json");
                c.assertMatchesJson(".error.json", e.toApiError().toGraphqlError(false));
                return;
            }
            c.deleteWhenUpdating(".error.json");
            c.assertMatches(".sql", SqlFormat.pretty(statement.text()));
            c.assertMatchesJson(".params.json", statement.params());
        }));
    }
}
