package io.joinery.child.sql;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import graphql.schema.GraphQLSchema;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.schema.RootField;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.GoldenFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Query -> SQL golden files, one folder and one test per mode (first line of a case:
 * `# {"variables": {...}}`):
 * <pre>
 * golden/sql/query/     .graphql -> .sql (pretty) + .params.json: the ONE statement of a query
 * golden/sql/mutation/  .graphql -> .sql + .params.json: one statement per root field (two when
 *                       its answer follows relationships), with where its database errors point
 * golden/sql/error/     .graphql -> .error.json: what the compiler rejects, query or mutation
 * </pre>
 */
class SqlCompilerGoldenTest {
    static final ResolvedModel MODEL = LibraryFixture.model();
    static final GraphQLSchema SCHEMA = ChildSchemaBuilder.build(MODEL, "admin");
    private final SqlCompiler compiler = new SqlCompiler(MODEL);

    @TestFactory
    Stream<DynamicTest> compilesEveryGoldenQuery() {
        return GoldenFiles.cases("golden/sql/query", ".graphql").map(c -> dynamicTest(c.name(), () -> {
            SqlStatement statement = compiler.compileQuery(NormalizedQuery.classified(SCHEMA, MODEL, c));
            c.assertMatches(".sql", SqlFormat.pretty(statement.text()));
            c.assertMatchesJson(".params.json", statement.params());
        }));
    }

    @TestFactory
    Stream<DynamicTest> compilesEveryGoldenMutation() {
        return GoldenFiles.cases("golden/sql/mutation", ".graphql").map(c -> dynamicTest(c.name(), () -> {
            StringBuilder sql = new StringBuilder();
            List<Object> params = new ArrayList<>();
            for (SqlCompiler.MutationStatement m : compileMutation(compiler, c)) {
                sql.append("-- errors at ").append(m.errorPath()).append('\n').append(SqlFormat.pretty(m.write().text()));
                params.add(m.write().params());
                if (m.answer() != null) {
                    sql.append("-- then, with $1 = the written rows and $2 = affected_rows\n")
                            .append(SqlFormat.pretty(m.answer().text()));
                    params.add(m.answer().params());
                }
            }
            c.assertMatches(".sql", sql.toString());
            c.assertMatchesJson(".params.json", params);
        }));
    }

    @TestFactory
    Stream<DynamicTest> rejectsEveryGoldenError() {
        return GoldenFiles.cases("golden/sql/error", ".graphql").map(c -> dynamicTest(c.name(), () -> {
            JoineryException e = assertThrows(JoineryException.class, () -> {
                if (NormalizedQuery.isMutation(c.input())) {
                    compileMutation(compiler, c);
                } else {
                    compiler.compileQuery(NormalizedQuery.classified(SCHEMA, MODEL, c));
                }
            });
            c.assertMatchesJson(".error.json", e.toApiError().toGraphqlError(false));
        }));
    }

    /** Each table mutation root field's statement, in order (`__typename` has none). */
    static List<SqlCompiler.MutationStatement> compileMutation(SqlCompiler compiler, GoldenFiles.Case c) {
        List<SqlCompiler.MutationStatement> out = new ArrayList<>();
        for (RootField field : NormalizedQuery.classified(SCHEMA, MODEL, c)) {
            if (field instanceof RootField.TableMutation mutation) {
                out.add(compiler.compileMutation(mutation));
            }
        }
        return out;
    }
}
