package io.joinery.child.sql;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.type.TypeReference;
import graphql.schema.GraphQLSchema;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.metadata.InheritedRole;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * An inherited role's select compiled into the ONE statement (SPEC §10.2), as golden files:
 * golden/sql/permissions/inherited, `.graphql` (first line `# {"session": {...}}`, role `staff`)
 * -> `.sql` + `.params.json`. `staff` inherits from `editor` (its own articles and authors, all
 * their columns, limit 5) and `reader` (published articles, every author, fewer columns, no
 * limit): the row filter is the OR of theirs, a column only `editor` grants is `CASE WHEN`
 * editor's filter, the others are plain.
 */
class InheritedRolesGoldenTest {
    static final String PERMISSIONS = """
            [{"role": "editor", "table": "article", "permission": {"columns": ["id", "title", "rating"],
                 "filter": {"author_id": {"_eq": "X-Hasura-User-Id"}}, "limit": 5}},
             {"role": "reader", "table": "article", "permission": {"columns": ["id", "title"],
                 "filter": {"published_at": {"_is_null": false}}, "allow_aggregations": true}},
             {"role": "editor", "table": "author", "permission": {"columns": ["id", "name", "bio"],
                 "filter": {"id": {"_eq": "X-Hasura-User-Id"}}}},
             {"role": "reader", "table": "author", "permission": {"columns": ["id", "name"], "filter": {}}}]
            """;

    static final ResolvedModel MODEL = withPermissions(LibraryFixture.model());
    static final GraphQLSchema SCHEMA = ChildSchemaBuilder.build(MODEL, "staff");

    static ResolvedModel withPermissions(ResolvedModel model) {
        ResolvedPermissions permissions = ResolvedPermissions.EMPTY;
        for (var entry : Json.parseBody(PERMISSIONS)) {
            permissions = permissions.with(entry.get("role").asText(),
                    QualifiedTable.publicTable(entry.get("table").asText()),
                    PermissionDefParser.parse(PermissionKind.SELECT, entry.get("permission"), ErrorPath.root()));
        }
        return model.withPermissions(permissions.withInheritedRoles(
                List.of(new InheritedRole("staff", List.of("editor", "reader")))));
    }

    @TestFactory
    Stream<DynamicTest> compilesEveryGoldenCase() {
        return GoldenFiles.cases("golden/sql/permissions/inherited", ".graphql").map(c -> dynamicTest(c.name(), () -> {
            Map<String, String> variables = Json.MAPPER.convertValue(c.header().get("session"),
                    new TypeReference<Map<String, String>>() {});
            SessionVariables session = SessionVariables.of("staff", variables);
            SqlCompiler compiler = new SqlCompiler(MODEL, RolePermissions.of(MODEL, "staff"), session);
            List<RootField> roots = NormalizedQuery.classified(SCHEMA, MODEL, c);
            SqlStatement statement = compiler.compileQuery(roots);
            c.assertMatches(".sql", SqlFormat.pretty(statement.text()));
            c.assertMatchesJson(".params.json", statement.params());
        }));
    }
}
