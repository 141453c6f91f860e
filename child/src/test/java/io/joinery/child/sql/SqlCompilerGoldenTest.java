package io.joinery.child.sql;

import io.joinery.child.db.SqlStatement;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.type.TypeReference;
import graphql.schema.GraphQLSchema;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.GoldenFiles;
import io.joinery.core.json.Json;
import graphql.normalized.ExecutableNormalizedField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Query -> SQL golden files (`golden/sql/*.graphql`; first line `# {"variables": {...}}`): the
 * pretty SQL and its parameters, or `.error.json` for queries the compiler rejects. A mutation's
 * `.sql` lists one statement per root field (with where its database errors point), and its
 * `.params.json` one parameter list per statement.
 */
class SqlCompilerGoldenTest {
    private static final ResolvedModel MODEL = LibraryFixture.model();
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
                if (NormalizedQuery.isMutation(c.input())) {
                    List<SqlCompiler.MutationStatement> statements = compileMutation(compiler, c.input(), variables);
                    c.deleteWhenUpdating(".error.json");
                    StringBuilder sql = new StringBuilder();
                    List<Object> params = new ArrayList<>();
                    for (SqlCompiler.MutationStatement m : statements) {
                        sql.append("-- errors at ").append(m.errorPath()).append('\n')
                                .append(SqlFormat.pretty(m.write().text()));
                        params.add(m.write().params());
                        if (m.answer() != null) {
                            sql.append("-- then, with $1 = the written rows and $2 = affected_rows\n")
                                    .append(SqlFormat.pretty(m.answer().text()));
                            params.add(m.answer().params());
                        }
                    }
                    c.assertMatches(".sql", sql.toString());
                    c.assertMatchesJson(".params.json", params);
                    return;
                }
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

    /** Each mutation root field's statement, in order (`__typename` has none). */
    static List<SqlCompiler.MutationStatement> compileMutation(SqlCompiler compiler, String query,
                                                               Map<String, Object> variables) {
        List<SqlCompiler.MutationStatement> out = new ArrayList<>();
        for (ExecutableNormalizedField field : NormalizedQuery.rootFields(SCHEMA, query, variables)) {
            if (!field.getName().equals("__typename")) {
                out.add(compiler.compileMutation(field));
            }
        }
        return out;
    }
}
