package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Insert, update and delete permissions on the child (SPEC §10.2): checks abort the whole
 * mutation with `permission-error`, presets overwrite and leave the input types, filters narrow
 * updates and deletes, `returning` shows only selectable rows. Two roles: `user` (own rows by
 * `x-hasura-user-id`) and `editor` (may update titles of any published article, may not delete).
 */
class MutationPermissionsIntegrationTest {
    ChildTestServer child;

    @BeforeEach
    void start() {
        child = ChildTestServer.started("""
                CREATE TABLE article (id serial PRIMARY KEY, owner_id integer NOT NULL, title text NOT NULL,
                                      published boolean NOT NULL DEFAULT false, rating integer NOT NULL DEFAULT 0);
                CREATE TABLE note (id serial PRIMARY KEY, article_id integer REFERENCES article(id), body text);
                INSERT INTO article (owner_id, title, published) VALUES (1, 'mine', true), (2, 'theirs', true),
                                                                        (2, 'draft', false);
                """, """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "pg_track_table", "args": {"table": "note"}},
                  {"type": "pg_create_array_relationship", "args": {"table": "article", "name": "notes",
                     "using": {"foreign_key_constraint_on": {"table": "note", "column": "article_id"}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "user",
                     "permission": {"columns": "*", "filter": {"owner_id": {"_eq": "X-Hasura-User-Id"}}}}},
                  {"type": "pg_create_insert_permission", "args": {"table": "article", "role": "user",
                     "permission": {"columns": ["title", "rating", "published"], "set": {"owner_id": "x-hasura-user-id"},
                                    "check": {"rating": {"_lte": 5}}}}},
                  {"type": "pg_create_update_permission", "args": {"table": "article", "role": "user",
                     "permission": {"columns": ["title", "rating"], "filter": {"owner_id": {"_eq": "X-Hasura-User-Id"}},
                                    "check": {"rating": {"_lte": 5}}}}},
                  {"type": "pg_create_delete_permission", "args": {"table": "article", "role": "user",
                     "permission": {"filter": {"owner_id": {"_eq": "X-Hasura-User-Id"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "note", "role": "user",
                     "permission": {"columns": "*", "filter": {}}}},
                  {"type": "pg_create_insert_permission", "args": {"table": "note", "role": "user",
                     "permission": {"check": {"body": {"_neq": "forbidden"}}}}},
                  {"type": "pg_create_insert_permission", "args": {"table": "note", "role": "service",
                     "permission": {"check": {}, "columns": ["body"], "backend_only": true}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "editor",
                     "permission": {"columns": ["id", "title"], "filter": {"published": {"_eq": true}}}}},
                  {"type": "pg_create_update_permission", "args": {"table": "article", "role": "editor",
                     "permission": {"columns": ["title"], "filter": {"published": {"_eq": true}},
                                    "set": {"rating": 3}}}}
                ]}""");
    }

    @AfterEach
    void stop() {
        child.close();
    }

    JsonNode gql(String query, Map<String, String> session) {
        TestHttp.Response response = child.http.graphql(query, null, session);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    static Map<String, String> user(int id) {
        return Map.of("X-Hasura-Role", "user", "X-Hasura-User-Id", Integer.toString(id));
    }

    static final Map<String, String> EDITOR = Map.of("X-Hasura-Role", "editor");

    JsonNode rows() {
        return gql("{ article(order_by: {id: asc}) { id owner_id title rating } note { body } }", Map.of()).get("data");
    }

    @Test
    void insert_presetsOwner_fromTheSession_andReturnsTheRow() {
        JsonNode data = gql("mutation { insert_article_one(object: {title: \"new\", rating: 4}) { title owner_id rating } }",
                user(7));
        assertThat(data).isEqualTo(Json.parseBody(
                "{\"data\": {\"insert_article_one\": {\"title\": \"new\", \"owner_id\": 7, \"rating\": 4}}}"));
        // the preset column is not in the role's input type
        JsonNode error = gql("mutation { insert_article(objects: [{title: \"x\", owner_id: 1}]) { affected_rows } }", user(7));
        assertThat(error.at("/errors/0/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(error.at("/errors/0/message").asText()).contains("owner_id");
    }

    @Test
    void insertCheckFailure_abortsTheWholeMutation_withPermissionError() {
        JsonNode error = gql("mutation { a: insert_article(objects: [{title: \"ok\", rating: 1}]) { affected_rows }"
                + " b: insert_article(objects: [{title: \"ok2\", rating: 1}, {title: \"bad\", rating: 9}]) { affected_rows } }",
                user(1));
        assertThat(error.get("data")).isNull();
        assertThat(error.at("/errors/0/message").asText())
                .isEqualTo("check constraint of an insert/update permission has failed");
        assertThat(error.at("/errors/0/extensions/code").asText()).isEqualTo("permission-error");
        assertThat(error.at("/errors/0/extensions/path").asText()).isEqualTo("$.selectionSet.insert_article.args.objects");
        assertThat(rows().get("article")).hasSize(3);
    }

    @Test
    void nestedInsertCheck_ofTheRelatedTable_abortsToo() {
        JsonNode error = gql("mutation { insert_article_one(object: {title: \"n\", notes: {data: [{body: \"forbidden\"}]}})"
                + " { id } }", user(1));
        assertThat(error.at("/errors/0/extensions/code").asText()).isEqualTo("permission-error");
        assertThat(rows().get("article")).hasSize(3);
        JsonNode ok = gql("mutation { insert_article_one(object: {title: \"n\", notes: {data: [{body: \"fine\"}]}})"
                + " { title notes { body } } }", user(1));
        assertThat(ok).isEqualTo(Json.parseBody(
                "{\"data\": {\"insert_article_one\": {\"title\": \"n\", \"notes\": [{\"body\": \"fine\"}]}}}"));
    }

    @Test
    void update_onlyTouchesPermittedRows_andChecksTheNewRow() {
        JsonNode data = gql("mutation { update_article(where: {}, _set: {title: \"renamed\"}) { affected_rows returning { title } } }",
                user(1));
        assertThat(data).isEqualTo(Json.parseBody(
                "{\"data\": {\"update_article\": {\"affected_rows\": 1, \"returning\": [{\"title\": \"renamed\"}]}}}"));
        assertThat(rows().at("/article/1/title").asText()).isEqualTo("theirs");
        JsonNode error = gql("mutation { update_article(where: {}, _inc: {rating: 10}) { affected_rows } }", user(1));
        assertThat(error.at("/errors/0/extensions/code").asText()).isEqualTo("permission-error");
        assertThat(rows().at("/article/0/rating").asInt()).isEqualTo(0);
        assertThat(gql("mutation { update_article_by_pk(pk_columns: {id: 2}, _set: {title: \"x\"}) { id } }", user(1)))
                .isEqualTo(Json.parseBody("{\"data\": {\"update_article_by_pk\": null}}"));
    }

    @Test
    void editor_updatePresetOverwrites_andDeleteIsAbsent() {
        JsonNode data = gql("mutation { update_article(where: {}, _set: {title: \"edited\"}) { affected_rows returning { id } } }",
                EDITOR);
        assertThat(data.at("/data/update_article/affected_rows").asInt()).isEqualTo(2);
        assertThat(rows().get("article")).extracting(r -> r.get("rating").asInt()).containsExactly(3, 3, 0);
        JsonNode error = gql("mutation { delete_article(where: {}) { affected_rows } }", EDITOR);
        assertThat(error.at("/errors/0/message").asText())
                .isEqualTo("field 'delete_article' not found in type: 'mutation_root'");
        JsonNode rating = gql("mutation { update_article(where: {}, _set: {rating: 1}) { affected_rows } }", EDITOR);
        assertThat(rating.at("/errors/0/extensions/code").asText()).isEqualTo("validation-failed");
    }

    @Test
    void backendOnlyInsert_onlyWithTheBackendOnlyHeader_ofATrustedRequest() {
        String insert = "mutation { insert_note(objects: [{body: \"from the backend\"}]) { affected_rows } }";
        JsonNode hidden = gql(insert, Map.of("X-Hasura-Role", "service"));
        assertThat(hidden.at("/errors/0/message").asText()).isEqualTo("no mutations exist");
        JsonNode done = gql(insert, Map.of("X-Hasura-Role", "service", "X-Hasura-Use-Backend-Only-Permissions", "true"));
        assertThat(done).isEqualTo(Json.parseBody("{\"data\": {\"insert_note\": {\"affected_rows\": 1}}}"));
        assertThat(rows().get("note")).extracting(n -> n.get("body").asText()).containsExactly("from the backend");
    }

    @Test
    void delete_onlyPermittedRows() {
        JsonNode data = gql("mutation { delete_article(where: {}) { affected_rows returning { title } } }", user(2));
        assertThat(data.at("/data/delete_article/affected_rows").asInt()).isEqualTo(2);
        assertThat(rows().get("article")).extracting(r -> r.get("title").asText()).containsExactly("mine");
    }

    @Test
    void returning_readsTheWrittenRows_throughTheSelectPermission() {
        child.http.runSql("UPDATE article SET published = true WHERE id = 3");
        JsonNode data = gql("mutation { update_article_by_pk(pk_columns: {id: 3}, _set: {title: \"t\"}) { id title } }",
                EDITOR);
        assertThat(data.at("/data/update_article_by_pk/title").asText()).isEqualTo("t");
        JsonNode mine = gql("mutation { insert_article(objects: [{title: \"z\"}]) { affected_rows returning { title } } }",
                Map.of("X-Hasura-Role", "user", "X-Hasura-User-Id", "5"));
        assertThat(mine.at("/data/insert_article/returning/0/title").asText()).isEqualTo("z");
        // user 5 may delete (and so update) none of user 2's rows: nothing is written, nothing returned
        JsonNode none = gql("mutation { delete_article(where: {title: {_eq: \"draft\"}}) { affected_rows returning { id } } }",
                Map.of("X-Hasura-Role", "user", "X-Hasura-User-Id", "5"));
        assertThat(none).isEqualTo(Json.parseBody(
                "{\"data\": {\"delete_article\": {\"affected_rows\": 0, \"returning\": []}}}"));
    }
}
