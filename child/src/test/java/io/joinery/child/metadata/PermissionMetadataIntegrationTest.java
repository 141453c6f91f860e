package io.joinery.child.metadata;

import static io.joinery.child.metadata.StoreFixture.assertError;
import static io.joinery.child.metadata.StoreFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Table permission commands and their metadata form (SPEC §10.1). */
class PermissionMetadataIntegrationTest {
    StoreFixture f;

    @BeforeEach
    void setUp() {
        f = StoreFixture.fresh("""
                CREATE TABLE author (id serial PRIMARY KEY, name text, user_id integer);
                CREATE TABLE article (id serial PRIMARY KEY, author_id integer REFERENCES author(id), title text,
                                      rating integer, min_rating integer);
                """);
        f.metadata("""
                {'type': 'bulk', 'args': [
                  {'type': 'pg_track_table', 'args': {'table': 'author'}},
                  {'type': 'pg_track_table', 'args': {'table': 'article'}},
                  {'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author',
                     'using': {'foreign_key_constraint_on': 'author_id'}}}]}""");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void createEveryKind_exportsInHasuraShape_andReplaceRoundTrips() {
        f.metadata("""
                {'type': 'bulk', 'args': [
                  {'type': 'pg_create_select_permission', 'args': {'source': 'default', 'table': 'article', 'role': 'user',
                     'permission': {'columns': ['id', 'title'], 'filter': {'author': {'user_id': {'_eq': 'X-Hasura-User-Id'}}},
                                    'limit': 10, 'allow_aggregations': true}, 'comment': 'own articles'}},
                  {'type': 'create_select_permission', 'args': {'table': 'article', 'role': 'anonymous',
                     'permission': {'columns': '*', 'filter': {'rating': {'$cgt': 'min_rating'}}}}},
                  {'type': 'pg_create_insert_permission', 'args': {'table': 'article', 'role': 'user',
                     'permission': {'check': {'_exists': {'_table': 'author', '_where': {'user_id': {'_eq': 'x-hasura-user-id'}}}},
                                    'set': {'rating': 0}}}},
                  {'type': 'pg_create_update_permission', 'args': {'table': 'article', 'role': 'user',
                     'permission': {'columns': ['title'], 'filter': {}, 'check': {'rating': {'_gte': 0}}}}},
                  {'type': 'pg_create_delete_permission', 'args': {'table': 'article', 'role': 'user',
                     'permission': {'filter': {'author_id': {'_ceq': ['$', 'id']}}}}}]}""");
        String exported = f.export();
        assertThat(Json.parseBody(exported).at("/sources/0/tables/0")).isEqualTo(json("""
                {'table': {'schema': 'public', 'name': 'article'},
                 'object_relationships': [{'name': 'author', 'using': {'foreign_key_constraint_on': 'author_id'}}],
                 'select_permissions': [
                   {'role': 'anonymous', 'permission': {'columns': '*', 'filter': {'rating': {'$cgt': 'min_rating'}}}},
                   {'role': 'user', 'permission': {'columns': ['id', 'title'],
                      'filter': {'author': {'user_id': {'_eq': 'X-Hasura-User-Id'}}}, 'limit': 10, 'allow_aggregations': true},
                    'comment': 'own articles'}],
                 'insert_permissions': [{'role': 'user', 'permission': {
                    'check': {'_exists': {'_table': 'author', '_where': {'user_id': {'_eq': 'x-hasura-user-id'}}}},
                    'set': {'rating': 0}, 'columns': '*'}}],
                 'update_permissions': [{'role': 'user', 'permission': {'columns': ['title'], 'filter': {},
                    'check': {'rating': {'_gte': 0}}}}],
                 'delete_permissions': [{'role': 'user', 'permission': {'filter': {'author_id': {'_ceq': ['$', 'id']}}}}]}"""));
        assertThat(f.store.current().model().permissions().forRole("user")
                .table(QualifiedTable.publicTable("article")).select()).isPresent();

        JsonNode metadata = Json.parseBody(exported);
        f.metadata("{'type': 'clear_metadata', 'args': {}}");
        f.store.metadata(Json.parseBody("{\"type\": \"replace_metadata\", \"args\": " + exported + "}"),
                io.joinery.core.http.SessionVariables.admin()).block();
        assertThat(Json.parseBody(f.export())).isEqualTo(metadata);
        assertThat(f.metadata("{'type': 'get_inconsistent_metadata', 'args': {}}").get("is_consistent").asBoolean()).isTrue();
    }

    @Test
    void secondPermissionOfAKind_alreadyExists_andAdminIsRefused() {
        String create = "{'type': 'pg_create_select_permission', 'args': {'table': 'author', 'role': 'ROLE',"
                + " 'permission': {'columns': ['id'], 'filter': {}}}}";
        f.metadata(create.replace("ROLE", "user"));
        assertError(f.metadataError(create.replace("ROLE", "user")), 400, "already-exists", "$.args",
                "select permission already defined on table \"author\" with role \"user\"");
        assertError(f.metadataError(create.replace("ROLE", "admin")), 400, "already-exists", "$.args",
                "select permission already defined on table \"author\" with role \"admin\"");
        // another kind for the same role is fine
        f.metadata("{'type': 'pg_create_delete_permission', 'args': {'table': 'author', 'role': 'user',"
                + " 'permission': {'filter': {}}}}");
        assertError(f.metadataError("{'type': 'replace_metadata', 'args': {'version': 3, 'sources': [{'name': 'default',"
                        + " 'tables': [{'table': 'author', 'select_permissions': [{'role': 'admin', 'permission':"
                        + " {'columns': '*'}}]}]}]}}"),
                400, "already-exists", "$.args.sources[0].tables[0].select_permissions[0]",
                "select permission already defined on table \"author\" with role \"admin\"");
    }

    @Test
    void unknownColumns_validationFailed_namingThem() {
        assertError(f.metadataError("{'type': 'pg_create_select_permission', 'args': {'table': 'author', 'role': 'user',"
                        + " 'permission': {'columns': ['id', 'nickname'], 'filter': {}}}}"),
                400, "validation-failed", "$.args.permission.columns[1]",
                "column \"nickname\" does not exist in table \"author\"");
        assertError(f.metadataError("{'type': 'pg_create_select_permission', 'args': {'table': 'author', 'role': 'user',"
                        + " 'permission': {'columns': '*', 'filter': {'$or': [{'id': {'_eq': 1}}, {'nick': {'_eq': 'x'}}]}}}}"),
                400, "validation-failed", "$.args.permission.filter['$or'][1].nick",
                "column or relationship \"nick\" does not exist in table \"author\"");
        assertError(f.metadataError("{'type': 'pg_create_insert_permission', 'args': {'table': 'author', 'role': 'user',"
                        + " 'permission': {'check': {}, 'set': {'owner': 'X-Hasura-User-Id'}}}}"),
                400, "validation-failed", "$.args.permission.set.owner",
                "column \"owner\" does not exist in table \"author\"");
        assertError(f.metadataError("{'type': 'pg_create_update_permission', 'args': {'table': 'article', 'role': 'user',"
                        + " 'permission': {'columns': ['title'], 'filter': {'rating': {'_cgt': ['$', 'ghost']}}}}}"),
                400, "validation-failed", "$.args.permission.filter.rating._cgt",
                "column \"ghost\" does not exist in table \"article\"");
        assertError(f.metadataError("{'type': 'pg_create_delete_permission', 'args': {'table': 'article', 'role': 'user',"
                        + " 'permission': {'filter': {'_exists': {'_table': 'nothing', '_where': {}}}}}}"),
                400, "validation-failed", "$.args.permission.filter._exists._table",
                "table \"nothing\" is not tracked");
        assertError(f.metadataError("{'type': 'pg_create_select_permission', 'args': {'table': 'author', 'role': 'user',"
                        + " 'permission': {'columns': '*', 'filter': {'name': {'_gt': 1, '_has_key': 'a'}}}}}"),
                400, "validation-failed", "$.args.permission.filter.name._has_key",
                "operator \"_has_key\" does not apply to column \"name\" of type text");
        assertThat(f.store.current().metadata().table(QualifiedTable.publicTable("author")).orElseThrow().permissions())
                .isEmpty();
    }

    @Test
    void unknownTable_notExists_andDropOfAbsentPermission_permissionDenied() {
        assertError(f.metadataError("{'type': 'pg_create_select_permission', 'args': {'table': 'ghost', 'role': 'user',"
                        + " 'permission': {'columns': '*'}}}"),
                400, "not-exists", "$.args.table", "table \"ghost\" is not tracked");
        assertError(f.metadataError("{'type': 'pg_drop_select_permission', 'args': {'table': 'author', 'role': 'user'}}"),
                400, "permission-denied", "$.args", "select permission on \"author\" for role \"user\" does not exist");
        f.metadata("{'type': 'pg_create_select_permission', 'args': {'table': 'author', 'role': 'user',"
                + " 'permission': {'columns': '*', 'filter': {}}}}");
        assertThat(f.metadata("{'type': 'drop_select_permission', 'args': {'table': 'author', 'role': 'user'}}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(Json.parseBody(f.export()).at("/sources/0/tables/1").has("select_permissions")).isFalse();
    }

    @Test
    void droppedColumn_isRefusedByRunSql_unlessCascade_whichDropsThePermission() {
        f.metadata("{'type': 'pg_create_select_permission', 'args': {'table': 'author', 'role': 'user',"
                + " 'permission': {'columns': ['id', 'name'], 'filter': {'user_id': {'_eq': 'X-Hasura-User-Id'}}}}}");
        assertThat(f.queryError("{\"type\": \"run_sql\", \"args\": {\"sql\": \"ALTER TABLE author DROP COLUMN user_id\"}}")
                .getMessage()).isEqualTo("cannot drop due to the following dependent objects: "
                + "select_permission user in table public.author in source default");
        f.query("{\"type\": \"run_sql\", \"args\": {\"sql\": \"ALTER TABLE author DROP COLUMN user_id\", \"cascade\": true}}");
        assertThat(f.metadata("{'type': 'get_inconsistent_metadata', 'args': {}}").get("is_consistent").asBoolean())
                .isTrue();
        assertThat(f.store.current().metadata().table(QualifiedTable.publicTable("author")).orElseThrow().permissions())
                .isEmpty();
        assertThat(f.store.current().model().permissions().forRole("user").tables()).isEmpty();
    }

    @Test
    void droppingARelationshipAPermissionUses_failsUnlessCascade_whichDropsThePermission() {
        f.metadata("{'type': 'pg_create_select_permission', 'args': {'table': 'article', 'role': 'user',"
                + " 'permission': {'columns': '*', 'filter': {'author': {'user_id': {'_eq': 'X-Hasura-User-Id'}}}}}}");
        f.metadata("{'type': 'pg_create_select_permission', 'args': {'table': 'article', 'role': 'guest',"
                + " 'permission': {'columns': '*', 'filter': {}}}}");
        assertThat(f.metadataError("{'type': 'pg_drop_relationship', 'args': {'table': 'article', 'relationship': 'author'}}")
                .code().wire()).isEqualTo("unexpected");
        f.metadata("{'type': 'pg_drop_relationship', 'args': {'table': 'article', 'relationship': 'author', 'cascade': true}}");
        assertThat(f.store.current().metadata().table(QualifiedTable.publicTable("article")).orElseThrow().permissions())
                .extracting(TablePermission::role).containsExactly("guest");
        assertThat(f.metadata("{'type': 'get_inconsistent_metadata', 'args': {}}").get("is_consistent").asBoolean()).isTrue();
    }

    @Test
    void unsupportedPermissionKeys_notSupported() {
        assertError(f.metadataError("{'type': 'pg_create_select_permission', 'args': {'table': 'author', 'role': 'user',"
                        + " 'permission': {'columns': '*', 'computed_fields': ['full_name']}}}"),
                400, "not-supported", "$.args.permission.computed_fields",
                "permission key \"computed_fields\" is not supported by Joinery");
    }
}
