package io.joinery.child.schema;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.PermissionDefParser;
import io.joinery.child.metadata.PermissionKind;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedPermissions;
import io.joinery.child.sql.LibraryFixture;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A role's schema (SPEC §10.2) is a valid schema for every combination of permissions, and shows only what they allow. */
class RoleSchemaTest {
    private static final List<String> TABLES = List.of("author", "article", "comment");
    private static final String[] BODIES = {
        "{\"columns\": \"*\", \"filter\": {}, \"allow_aggregations\": true}",
        "{\"columns\": [\"title\", \"body\", \"name\"], \"filter\": {}}",
        "{\"check\": {}}",
        "{\"check\": {}, \"columns\": [\"title\"], \"set\": {\"rating\": 1}}",
        "{\"columns\": \"*\", \"filter\": {}}",
        "{\"filter\": {}}"};

    private static ResolvedModel with(String... entries) {
        ResolvedPermissions permissions = ResolvedPermissions.EMPTY;
        for (String entry : entries) {
            String[] parts = entry.split(":", 3);
            permissions = permissions.with("user", QualifiedTable.publicTable(parts[0]),
                    PermissionDefParser.parse(PermissionKind.valueOf(parts[1]), Json.parseBody(parts[2]), ErrorPath.root()));
        }
        return LibraryFixture.model().withPermissions(permissions);
    }

    @Test
    void everyCombinationOfKinds_buildsAValidSchema() {
        int built = 0;
        for (int mask = 0; mask < 1 << 6; mask++) {
            for (String table : TABLES) {
                List<String> entries = new ArrayList<>();
                if ((mask & 1) != 0) {
                    entries.add(table + ":SELECT:" + BODIES[0]);
                } else if ((mask & 2) != 0) {
                    entries.add(table + ":SELECT:" + BODIES[1]);
                }
                if ((mask & 4) != 0) {
                    entries.add(table + ":INSERT:" + BODIES[table.equals("article") && (mask & 8) != 0 ? 3 : 2]);
                }
                if ((mask & 16) != 0) {
                    entries.add(table + ":UPDATE:" + BODIES[4]);
                }
                if ((mask & 32) != 0) {
                    entries.add(table + ":DELETE:" + BODIES[5]);
                }
                // the other tables: selectable and insertable, so relationships and nested inserts reach them
                for (String other : TABLES) {
                    if (!other.equals(table) && (mask & 8) == 0) {
                        entries.add(other + ":SELECT:" + BODIES[0]);
                        entries.add(other + ":INSERT:" + BODIES[2]);
                    }
                }
                GraphQLSchema schema = ChildSchemaBuilder.build(with(entries.toArray(String[]::new)), "user");
                assertThat(schema.getQueryType()).isNotNull();
                built++;
            }
        }
        assertThat(built).isEqualTo(64 * 3);
    }

    @Test
    void insertWithoutSelect_hasOnlyAffectedRows_andPresetsLeaveTheInput() {
        GraphQLSchema schema = ChildSchemaBuilder.build(with("article:INSERT:" + BODIES[3]), "user");
        GraphQLObjectType mutation = schema.getMutationType();
        assertThat(mutation.getFieldDefinitions()).extracting(f -> f.getName()).containsExactly("insert_article");
        assertThat(((GraphQLObjectType) schema.getType("article_mutation_response")).getFieldDefinitions())
                .extracting(f -> f.getName()).containsExactly("affected_rows");
        assertThat(((graphql.schema.GraphQLInputObjectType) schema.getType("article_insert_input")).getFieldDefinitions())
                .extracting(f -> f.getName()).containsExactly("title");
        assertThat(schema.getQueryType().getFieldDefinitions()).extracting(f -> f.getName())
                .containsExactly("no_queries_available");
    }
}
