package io.joinery.child.sql;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.type.TypeReference;
import graphql.schema.GraphQLSchema;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.metadata.PermissionDefParser;
import io.joinery.child.metadata.PermissionKind;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedPermissions;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.schema.RootField;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.GoldenFiles;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Permissions compiled into the ONE statement (SPEC §10.2), as golden files: golden/sql/permissions,
 * `.graphql` (first line `# {"session": {...}}`, role `user`) -> `.sql` + `.params.json`; mutations
 * list each root field's statement as {@link SqlCompilerGoldenTest} does. The permissions of role
 * `user` on the library tables are {@link #PERMISSIONS}.
 */
class PermissionsGoldenTest {
    static final String PERMISSIONS = """
            [{"table": "author", "kind": "SELECT", "permission": {"columns": ["id", "name"],
                 "filter": {"id": {"_eq": "X-Hasura-User-Id"}}, "allow_aggregations": true}},
             {"table": "article", "kind": "SELECT", "permission": {"columns": "*",
                 "filter": {"author": {"id": {"$eq": "X-Hasura-User-Id"}}}, "limit": 10, "allow_aggregations": true}},
             {"table": "article", "kind": "INSERT", "permission": {"columns": ["title", "author_id"], "set": {"rating": 0},
                 "check": {"_exists": {"_table": "author", "_where": {"_and": [{"id": {"_ceq": ["$", "author_id"]}},
                                                                             {"id": {"_eq": "X-Hasura-User-Id"}}]}}}}},
             {"table": "article", "kind": "UPDATE", "permission": {"columns": ["title"],
                 "filter": {"author_id": {"_eq": "X-Hasura-User-Id"}}, "check": {"title": {"_neq": ""}},
                 "set": {"published_at": "x-hasura-now"}}},
             {"table": "comment", "kind": "SELECT", "permission": {"columns": "*",
                 "filter": {"_exists": {"_table": "author", "_where": {"id": {"_eq": "X-Hasura-User-Id"}}}}}}]
            """;

    static final ResolvedModel MODEL = withPermissions(LibraryFixture.model());
    static final GraphQLSchema SCHEMA = ChildSchemaBuilder.build(MODEL, "user");

    static ResolvedModel withPermissions(ResolvedModel model) {
        ResolvedPermissions permissions = ResolvedPermissions.EMPTY;
        for (var entry : Json.parseBody(PERMISSIONS)) {
            PermissionKind kind = PermissionKind.valueOf(entry.get("kind").asText());
            permissions = permissions.with("user", QualifiedTable.publicTable(entry.get("table").asText()),
                    PermissionDefParser.parse(kind, entry.get("permission"), ErrorPath.root()));
        }
        return model.withPermissions(permissions);
    }

    @TestFactory
    Stream<DynamicTest> compilesEveryGoldenCase() {
        return GoldenFiles.cases("golden/sql/permissions", ".graphql").map(c -> dynamicTest(c.name(), () -> {
            Map<String, String> variables = Json.MAPPER.convertValue(c.header().get("session"),
                    new TypeReference<Map<String, String>>() {});
            SessionVariables session = SessionVariables.of("user", variables);
            SqlCompiler compiler = new SqlCompiler(MODEL, RolePermissions.of(MODEL, "user"), session);
            List<RootField> roots = NormalizedQuery.classified(SCHEMA, MODEL, c);
            if (!NormalizedQuery.isMutation(c.input())) {
                SqlStatement statement = compiler.compileQuery(roots);
                c.assertMatches(".sql", SqlFormat.pretty(statement.text()));
                c.assertMatchesJson(".params.json", statement.params());
                return;
            }
            StringBuilder sql = new StringBuilder();
            List<Object> params = new ArrayList<>();
            for (RootField field : roots) {
                SqlCompiler.MutationStatement m = compiler.compileMutation((RootField.TableMutation) field);
                sql.append("-- errors at ").append(m.errorPath()).append('\n').append(SqlFormat.pretty(m.write().text()));
                params.add(m.write().params());
            }
            c.assertMatches(".sql", sql.toString());
            c.assertMatchesJson(".params.json", params);
        }));
    }
}
