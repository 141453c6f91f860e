package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mutations end to end: SPEC §2.2's fields, one transaction per request, returning through relationships. */
class MutationIntegrationTest {
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("""
                CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL UNIQUE, bio text);
                CREATE TABLE article (id serial PRIMARY KEY, title text NOT NULL,
                  author_id int REFERENCES author(id), rating int CHECK (rating BETWEEN 0 AND 10));
                CREATE VIEW rated AS SELECT * FROM article WHERE rating IS NOT NULL;
                """, """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "pg_track_table", "args": {"table": "rated"}},
                  {"type": "pg_create_object_relationship", "args": {"table": "article", "name": "author",
                     "using": {"foreign_key_constraint_on": "author_id"}}},
                  {"type": "pg_create_array_relationship", "args": {"table": "author", "name": "articles",
                     "using": {"foreign_key_constraint_on": {"table": "article", "column": "author_id"}}}}
                ]}""");
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @BeforeEach
    void resetData() {
        TestHttp.Response reset = http.runSql("""
                TRUNCATE article, author RESTART IDENTITY;
                INSERT INTO author (name) VALUES ('Ada'), ('Grace');
                INSERT INTO article (title, author_id, rating) VALUES ('Notes', 1, 5), ('COBOL', 2, 4);
                """);
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    }

    private static JsonNode data(TestHttp.Response response) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().has("errors")).as(response.body()).isFalse();
        return response.json().get("data");
    }

    private static JsonNode json(String text) {
        return Json.parseBody(text);
    }

    @Test
    void insert_returningThroughRelationships_reflectsWrittenRows_inSelectionOrder() {
        TestHttp.Response response = http.graphql("""
                mutation {
                  newAuthor: insert_author_one(object: {name: "Edsger"}) { id name }
                  __typename
                  insert_article(objects: [{title: "GOTO", author_id: 3, rating: 2}, {title: "Untitled"}]) {
                    affected_rows
                    returning { id title rating author { name articles { title } } }
                  }
                }""");
        assertThat(response.body()).startsWith("{\"data\":{\"newAuthor\":");
        assertThat(data(response)).isEqualTo(json("""
                {"newAuthor": {"id": 3, "name": "Edsger"}, "__typename": "mutation_root",
                 "insert_article": {"affected_rows": 2, "returning": [
                   {"id": 3, "title": "GOTO", "rating": 2, "author": {"name": "Edsger", "articles": [{"title": "GOTO"}]}},
                   {"id": 4, "title": "Untitled", "rating": null, "author": null}]}}"""));
        assertThat(data(http.graphql("{ author_by_pk(id: 3) { articles { title } } }")))
                .isEqualTo(json("{\"author_by_pk\": {\"articles\": [{\"title\": \"GOTO\"}]}}"));
    }

    @Test
    void secondMutationViolatesConstraint_firstIsNotWritten() {
        child.takeStatements();
        TestHttp.Response response = http.graphql("""
                mutation {
                  first: insert_author_one(object: {name: "Barbara"}) { id }
                  second: insert_author(objects: [{name: "Ada"}]) { affected_rows }
                  third: delete_article(where: {}) { affected_rows }
                }""");
        JsonNode error = onlyError(response);
        assertThat(error.at("/extensions/code").asText()).isEqualTo("constraint-violation");
        assertThat(error.at("/extensions/path").asText()).isEqualTo("$.selectionSet.insert_author.args.objects");
        assertThat(error.get("message").asText())
                .isEqualTo("Uniqueness violation. duplicate key value violates unique constraint \"author_name_key\"");
        assertThat(child.takeStatements()).as("the third field never runs").hasSize(2);
        assertThat(data(http.graphql("{ author(order_by: {id: asc}) { name } article_aggregate { aggregate { count } } }")))
                .isEqualTo(json("""
                        {"author": [{"name": "Ada"}, {"name": "Grace"}], "article_aggregate": {"aggregate": {"count": 2}}}"""));
    }

    @Test
    void onConflict_updatesOrSkips_andInsertOneSkippedIsNull() {
        TestHttp.Response response = http.graphql("""
                mutation {
                  upsert: insert_author(objects: [{id: 1, name: "Ada L."}, {name: "Alan"}],
                      on_conflict: {constraint: author_pkey, update_columns: [name]}) {
                    affected_rows returning { id name } }
                  skipped: insert_author_one(object: {name: "Grace"},
                      on_conflict: {constraint: author_name_key, update_columns: []}) { id }
                  guarded: insert_author(objects: [{id: 2, name: "Grace H."}],
                      on_conflict: {constraint: author_pkey, update_columns: [name], where: {bio: {_is_null: false}}}) {
                    affected_rows }
                }""");
        assertThat(data(response)).isEqualTo(json("""
                {"upsert": {"affected_rows": 2, "returning": [{"id": 1, "name": "Ada L."}, {"id": 3, "name": "Alan"}]},
                 "skipped": null, "guarded": {"affected_rows": 0}}"""));
    }

    @Test
    void update_setAndInc_byPk_andDelete() {
        TestHttp.Response response = http.graphql("""
                mutation Edit($who: String!) {
                  update_article(where: {author: {name: {_eq: $who}}}, _set: {title: "Notes, revised"}, _inc: {rating: 2}) {
                    affected_rows returning { title rating author { name } } }
                  update_author_by_pk(pk_columns: {id: 2}, _set: {bio: "admiral"}) { name bio articles { title } }
                  missing: update_author_by_pk(pk_columns: {id: 99}, _set: {bio: "x"}) { id }
                  delete_article_by_pk(id: 2) { title }
                  delete_article(where: {rating: {_gt: 100}}) { affected_rows returning { id } }
                }""", "{\"who\": \"Ada\"}", Map.of());
        assertThat(data(response)).isEqualTo(json("""
                {"update_article": {"affected_rows": 1, "returning": [{"title": "Notes, revised", "rating": 7,
                                                                      "author": {"name": "Ada"}}]},
                 "update_author_by_pk": {"name": "Grace", "bio": "admiral", "articles": [{"title": "COBOL"}]},
                 "missing": null,
                 "delete_article_by_pk": {"title": "COBOL"},
                 "delete_article": {"affected_rows": 0, "returning": []}}"""));
        assertThat(data(http.graphql("{ article { title } }"))).isEqualTo(json("{\"article\": [{\"title\": \"Notes, revised\"}]}"));
    }

    @Test
    void nestedInserts_countEveryRow_andReturningSeesThem() {
        TestHttp.Response response = http.graphql("""
                mutation {
                  insert_author(objects: [
                      {name: "Edsger", articles: {data: [{title: "GOTO", rating: 1}, {title: "EWD"}]}},
                      {name: "Barbara"}]) {
                    affected_rows
                    returning { name articles(order_by: {title: asc}) { title } articles_aggregate { aggregate { count } } }
                  }
                  insert_article_one(object: {title: "Plankalkuel", author: {data: {name: "Konrad"}}}) {
                    title author { name articles { title } }
                  }
                }""");
        assertThat(data(response)).isEqualTo(json("""
                {"insert_author": {"affected_rows": 4, "returning": [
                   {"name": "Edsger", "articles": [{"title": "EWD"}, {"title": "GOTO"}],
                    "articles_aggregate": {"aggregate": {"count": 2}}},
                   {"name": "Barbara", "articles": [], "articles_aggregate": {"aggregate": {"count": 0}}}]},
                 "insert_article_one": {"title": "Plankalkuel", "author": {"name": "Konrad",
                                        "articles": [{"title": "Plankalkuel"}]}}}"""));
    }

    @Test
    void nestedInsert_failingChild_rollsBackParent() {
        JsonNode error = onlyError(http.graphql("""
                mutation { insert_author_one(object: {name: "Edsger", articles: {data: [{title: "X", rating: 99}]}}) { id } }"""));
        assertThat(error.at("/extensions/code").asText()).isEqualTo("constraint-violation");
        assertThat(error.at("/extensions/path").asText()).isEqualTo("$.selectionSet.insert_author_one.args.object");
        assertThat(data(http.graphql("{ author_aggregate { aggregate { count } } }")).toString())
                .isEqualTo("{\"author_aggregate\":{\"aggregate\":{\"count\":2}}}");
    }

    @Test
    void nestedInsert_underAParentSkippedByOnConflict_isRefused_nothingOrphaned() {
        JsonNode arrays = onlyError(http.graphql("""
                mutation { insert_author(objects: [{id: 1, name: "Ada", articles: {data: [{title: "orphan?"}]}}],
                  on_conflict: {constraint: author_pkey, update_columns: []}) { affected_rows } }"""));
        assertThat(arrays.at("/extensions/code").asText()).isEqualTo("not-supported");
        assertThat(arrays.get("message").asText())
                .isEqualTo("cannot proceed to insert array relations since insert to table \"author\" affects zero rows");
        JsonNode objects = onlyError(http.graphql("""
                mutation { insert_article_one(object: {title: "orphan?", author: {data: {id: 1, name: "Ada"},
                  on_conflict: {constraint: author_pkey, update_columns: []}}}) { id author_id } }"""));
        assertThat(objects.at("/extensions/code").asText()).isEqualTo("not-supported");
        assertThat(objects.get("message").asText()).isEqualTo(
                "cannot proceed to insert object relation \"author\" since insert to table \"author\" affects zero rows");
        assertThat(data(http.graphql("{ article_aggregate(where: {title: {_eq: \"orphan?\"}}) { aggregate { count } } }"))
                .toString()).isEqualTo("{\"article_aggregate\":{\"aggregate\":{\"count\":0}}}");
        // a parent that IS written (here: updated by the upsert) still takes its nested rows
        JsonNode upserted = data(http.graphql("""
                mutation { insert_author(objects: [{id: 1, name: "Ada", articles: {data: [{title: "kept"}]}}],
                  on_conflict: {constraint: author_pkey, update_columns: [name]}) { affected_rows } }"""));
        assertThat(upserted.toString()).isEqualTo("{\"insert_author\":{\"affected_rows\":2}}");
    }

    @Test
    void views_haveQueryFieldsButNoMutations() {
        assertThat(data(http.graphql("{ rated_aggregate { aggregate { count } } }")))
                .isEqualTo(json("{\"rated_aggregate\": {\"aggregate\": {\"count\": 2}}}"));
        JsonNode error = onlyError(http.graphql("mutation { delete_rated(where: {}) { affected_rows } }"));
        assertThat(error.at("/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(error.at("/extensions/path").asText()).isEqualTo("$.selectionSet.delete_rated");
    }

    static JsonNode onlyError(TestHttp.Response response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.has("data")).as(response.body()).isFalse();
        assertThat(body.get("errors")).hasSize(1);
        return body.get("errors").get(0);
    }
}
