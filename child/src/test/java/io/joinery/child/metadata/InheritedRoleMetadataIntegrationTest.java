package io.joinery.child.metadata;

import static io.joinery.child.metadata.StoreFixture.assertError;
import static io.joinery.child.metadata.StoreFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `add_inherited_role`, `drop_inherited_role` and `inherited_roles` in metadata (SPEC §10.2). */
class InheritedRoleMetadataIntegrationTest {
    static final QualifiedTable ARTICLE = QualifiedTable.publicTable("article");

    StoreFixture f;

    @BeforeEach
    void setUp() {
        f = StoreFixture.fresh("""
                CREATE TABLE article (id serial PRIMARY KEY, author_id integer, title text, rating integer);
                """);
        f.metadata("""
                {'type': 'bulk', 'args': [
                  {'type': 'pg_track_table', 'args': {'table': 'article'}},
                  {'type': 'pg_create_select_permission', 'args': {'table': 'article', 'role': 'editor',
                     'permission': {'columns': ['id', 'title', 'rating'], 'filter': {'author_id': {'_eq': 'X-Hasura-User-Id'}},
                                    'limit': 5}}},
                  {'type': 'pg_create_select_permission', 'args': {'table': 'article', 'role': 'reader',
                     'permission': {'columns': ['id', 'title'], 'filter': {'rating': {'_gt': 2}}, 'allow_aggregations': true}}},
                  {'type': 'pg_create_delete_permission', 'args': {'table': 'article', 'role': 'editor',
                     'permission': {'filter': {'author_id': {'_eq': 'X-Hasura-User-Id'}}}}}]}""");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void addExportReplace_roundTrips_andTheRoleUnitesItsMembers() {
        assertThat(f.metadata("{'type': 'add_inherited_role', 'args': {'role_name': 'staff', 'role_set': ['reader', 'editor']}}"))
                .isEqualTo(json("{'message': 'success'}"));
        f.metadata("{'type': 'add_inherited_role', 'args': {'role_name': 'boss', 'role_set': ['staff']}}");
        String exported = f.export();
        JsonNode metadata = Json.parseBody(exported);
        assertThat(metadata.get("inherited_roles")).isEqualTo(json("""
                [{'role_name': 'boss', 'role_set': ['staff']},
                 {'role_name': 'staff', 'role_set': ['reader', 'editor']}]"""));

        for (String role : new String[] {"staff", "boss"}) {
            TableAccess access = f.store.current().model().permissions().forRole(role).table(ARTICLE);
            PermissionDef.Select select = access.select().orElseThrow();
            assertThat(select.columns().names()).containsExactlyInAnyOrder("id", "title", "rating");
            assertThat(select.filter()).isEqualTo(json("{'_or': [{'rating': {'_gt': 2}}, {'author_id': {'_eq': 'X-Hasura-User-Id'}}]}"));
            assertThat(select.limit()).isNull();
            assertThat(select.allowAggregations()).isTrue();
            assertThat(access.columnGrants("title")).isEmpty();
            assertThat(access.columnGrants("rating")).contains(java.util.List.of(json("{'author_id': {'_eq': 'X-Hasura-User-Id'}}")));
            // only editor has a delete permission: the inherited role takes it
            assertThat(access.delete()).isPresent();
        }

        f.metadata("{'type': 'clear_metadata', 'args': {}}");
        assertThat(f.store.current().metadata().inheritedRoles()).isEmpty();
        f.store.metadata(Json.parseBody("{\"type\": \"replace_metadata\", \"args\": " + exported + "}"),
                SessionVariables.admin()).block();
        assertThat(Json.parseBody(f.export())).isEqualTo(metadata);

        assertThat(f.metadata("{'type': 'drop_inherited_role', 'args': {'role_name': 'boss'}}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(Json.parseBody(f.export()).get("inherited_roles"))
                .isEqualTo(json("[{'role_name': 'staff', 'role_set': ['reader', 'editor']}]"));
        assertThat(f.store.current().model().permissions().forRole("boss").tables()).isEmpty();
    }

    @Test
    void explicitPermissionOfTheInheritedRole_overridesTheDerivedOne() {
        f.metadata("{'type': 'add_inherited_role', 'args': {'role_name': 'staff', 'role_set': ['reader', 'editor']}}");
        f.metadata("{'type': 'pg_create_select_permission', 'args': {'table': 'article', 'role': 'staff',"
                + " 'permission': {'columns': ['id'], 'filter': {'id': {'_eq': 1}}, 'limit': 1}}}");
        TableAccess access = f.store.current().model().permissions().forRole("staff").table(ARTICLE);
        assertThat(access.select().orElseThrow().columns().names()).containsExactly("id");
        assertThat(access.select().orElseThrow().limit()).isEqualTo(1);
        assertThat(access.columnGrants("id")).isEmpty();
        assertThat(access.delete()).isPresent();
    }

    @Test
    void limits_largestOrNone_andConflictingMutationPermissions_giveNone() {
        f.metadata("""
                {'type': 'bulk', 'args': [
                  {'type': 'pg_create_select_permission', 'args': {'table': 'article', 'role': 'a',
                     'permission': {'columns': ['id'], 'filter': {}, 'limit': 3}}},
                  {'type': 'pg_create_delete_permission', 'args': {'table': 'article', 'role': 'a',
                     'permission': {'filter': {'id': {'_eq': 1}}}}},
                  {'type': 'add_inherited_role', 'args': {'role_name': 'a_editor', 'role_set': ['a', 'editor']}},
                  {'type': 'add_inherited_role', 'args': {'role_name': 'a_reader', 'role_set': ['a', 'reader']}}]}""");
        TableAccess aEditor = f.store.current().model().permissions().forRole("a_editor").table(ARTICLE);
        assertThat(aEditor.select().orElseThrow().limit()).isEqualTo(5);
        assertThat(aEditor.delete()).isEmpty();
        TableAccess aReader = f.store.current().model().permissions().forRole("a_reader").table(ARTICLE);
        assertThat(aReader.select().orElseThrow().limit()).isNull();
        assertThat(aReader.delete().orElseThrow().filter()).isEqualTo(json("{'id': {'_eq': 1}}"));
    }

    @Test
    void refusals_asHasura() {
        String add = "{'type': 'add_inherited_role', 'args': {'role_name': 'NAME', 'role_set': SET}}";
        f.metadata(add.replace("NAME", "staff").replace("SET", "['reader', 'editor']"));
        assertError(f.metadataError(add.replace("NAME", "staff").replace("SET", "['reader']")),
                400, "already-exists", "$.args.role_name", "inherited role \"staff\" already exists");
        assertError(f.metadataError(add.replace("NAME", "self").replace("SET", "['reader', 'self']")),
                400, "invalid-params", "$.args.role_set", "an inherited role name cannot be in the role combination");
        assertError(f.metadataError(add.replace("NAME", "admin").replace("SET", "['reader']")),
                400, "constraint-violation", "$.args.role_name",
                "cannot define an inherited role named \"admin\": admin has every permission");
        assertError(f.metadataError(add.replace("NAME", "root").replace("SET", "['admin']")),
                400, "constraint-violation", "$.args.role_set", "an inherited role cannot inherit from \"admin\"");
        assertError(f.metadataError(add.replace("NAME", "nobody").replace("SET", "[]")),
                400, "validation-failed", "$.args.role_set",
                "the role_set of inherited role \"nobody\" must name at least one role");
        f.metadata(add.replace("NAME", "one").replace("SET", "['staff', 'two']"));
        assertError(f.metadataError(add.replace("NAME", "two").replace("SET", "['reader', 'one']")),
                400, "cyclic-dependency", "$.args.role_set", "found cycle(s) in roles: [\"one\",\"two\",\"one\"]");
        assertError(f.metadataError("{'type': 'drop_inherited_role', 'args': {'role_name': 'ghost'}}"),
                400, "not-exists", "$.args.role_name", "\"ghost\" inherited role doesn't exist");
        assertThat(f.store.current().metadata().inheritedRoles()).extracting(InheritedRole::roleName)
                .containsExactly("one", "staff");
    }

    @Test
    void replaceMetadata_refusesCyclesAndDuplicates() {
        String replace = "{'type': 'replace_metadata', 'args': {'version': 3, 'sources': [], 'inherited_roles': ROLES}}";
        assertError(f.metadataError(replace.replace("ROLES", """
                        [{'role_name': 'circular_role', 'role_set': ['intermediate_2', 'author']},
                         {'role_name': 'intermediate_1', 'role_set': ['manager', 'circular_role']},
                         {'role_name': 'intermediate_2', 'role_set': ['intermediate_1', 'employee']}]""")),
                400, "cyclic-dependency", "$.args.inherited_roles",
                "found cycle(s) in roles: [\"circular_role\",\"intermediate_2\",\"intermediate_1\",\"circular_role\"]");
        assertError(f.metadataError(replace.replace("ROLES", """
                        [{'role_name': 'x', 'role_set': ['reader']}, {'role_name': 'x', 'role_set': ['editor']}]""")),
                400, "already-exists", "$.args.inherited_roles[1]", "inherited role \"x\" already exists");
        assertThat(f.store.current().metadata().isTracked(ARTICLE)).isTrue();
    }
}
