package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inherited roles on the child (SPEC §10.2), on Postgres. `owner` sees its own articles (with
 * `rating`) and its own author row (with `email`); `public` sees published articles and every
 * author, without those columns but with `published`, and may aggregate. `member` inherits from
 * both: the rows of either, and a cell only where a member granting its column also grants its
 * row (else null), and the action `stats` that only `public` may call. `curated` inherits from both too but has its own select on `article`.
 */
class InheritedRolesIntegrationTest {
    static ChildTestServer child;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("""
                CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, email text, user_id integer);
                CREATE TABLE article (id serial PRIMARY KEY, author_id integer REFERENCES author(id), title text NOT NULL,
                                      rating integer, published boolean NOT NULL DEFAULT false);
                INSERT INTO author (name, email, user_id) VALUES ('Ada', 'ada@x', 1), ('Grace', 'grace@x', 2);
                INSERT INTO article (author_id, title, rating, published) VALUES
                  (1, 'a1', 5, true), (1, 'a2', 3, false), (2, 'g1', 2, true), (2, 'g2', 1, false);
                """, """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "pg_create_object_relationship", "args": {"table": "article", "name": "author",
                     "using": {"foreign_key_constraint_on": "author_id"}}},
                  {"type": "pg_create_array_relationship", "args": {"table": "author", "name": "articles",
                     "using": {"foreign_key_constraint_on": {"table": "article", "column": "author_id"}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "owner",
                     "permission": {"columns": ["id", "title", "rating", "author_id"],
                                    "filter": {"author": {"user_id": {"_eq": "X-Hasura-User-Id"}}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "owner",
                     "permission": {"columns": ["id", "name", "email"], "filter": {"user_id": {"_eq": "X-Hasura-User-Id"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "public",
                     "permission": {"columns": ["id", "title", "published", "author_id"], "filter": {"published": {"_eq": true}},
                                    "allow_aggregations": true}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "public",
                     "permission": {"columns": ["id", "name"], "filter": {}}}},
                  {"type": "set_custom_types", "args": {"objects": [{"name": "Stats", "fields": [{"name": "n", "type": "Int"}]}]}},
                  {"type": "create_action", "args": {"name": "stats", "definition": {
                     "handler": "http://127.0.0.1:9/stats", "output_type": "Stats", "type": "query"}}},
                  {"type": "create_action_permission", "args": {"action": "stats", "role": "public"}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "self",
                     "permission": {"columns": ["id", "name", "email"], "filter": {"user_id": {"_eq": "X-Hasura-User-Id"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "everyone",
                     "permission": {"columns": ["id", "name"], "filter": {}}}},
                  {"type": "add_inherited_role", "args": {"role_name": "directory", "role_set": ["self", "everyone"]}},
                  {"type": "add_inherited_role", "args": {"role_name": "member", "role_set": ["owner", "public"]}},
                  {"type": "add_inherited_role", "args": {"role_name": "curated", "role_set": ["owner", "public"]}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "curated",
                     "permission": {"columns": ["id", "title"], "filter": {"id": {"_eq": 1}}}}}
                ]}""");
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    static JsonNode query(String query, String role) {
        return query(query, role, "1");
    }

    static JsonNode query(String query, String role, String userId) {
        TestHttp.Response response = child.http.graphql(query, null, Map.of("X-Hasura-Role", role, "X-Hasura-User-Id", userId));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    @Test
    void rowsAreTheUnion_andACellOutsideAGrantingMemberIsNull_inOneStatement() {
        child.takeStatements();
        JsonNode data = query("{ article(order_by: {id: asc}) { title rating published author { name email } } }", "member");
        assertThat(data).isEqualTo(Json.parseBody("""
                {"data": {"article": [
                  {"title": "a1", "rating": 5, "published": true, "author": {"name": "Ada", "email": "ada@x"}},
                  {"title": "a2", "rating": 3, "published": null, "author": {"name": "Ada", "email": "ada@x"}},
                  {"title": "g1", "rating": null, "published": true, "author": {"name": "Grace", "email": null}}]}}"""));
        assertThat(child.takeStatements()).hasSize(1);
        // the members alone
        assertThat(query("{ article(order_by: {id: asc}) { title } }", "owner").at("/data/article")).hasSize(2);
        assertThat(query("{ article(order_by: {id: asc}) { title } }", "public").at("/data/article")).hasSize(2);
    }

    /** A window of own columns chooses its rows first (SelectRenderer#rowsFirst): the cells are judged on the kept rows. */
    @Test
    void aWindowSortedByAnotherColumn_keepsTheUnionsRowsAndHidesTheSameCells() {
        assertThat(query("{ article(order_by: {title: desc}, limit: 2, offset: 1) { title rating published } }", "member"))
                .isEqualTo(Json.parseBody("""
                        {"data": {"article": [{"title": "a2", "rating": 3, "published": null},
                                              {"title": "a1", "rating": 5, "published": true}]}}"""));
        assertThat(query("""
                { author(order_by: {id: asc}) { name articles(order_by: {title: desc}, limit: 1) { title rating } } }""",
                "member")).isEqualTo(Json.parseBody("""
                        {"data": {"author": [{"name": "Ada", "articles": [{"title": "a2", "rating": 3}]},
                                             {"name": "Grace", "articles": [{"title": "g1", "rating": null}]}]}}"""));
    }

    @Test
    void relationshipsAndAggregates_followTheUnion_andHiddenCellsNeitherMatchNorCount() {
        JsonNode data = query("""
                { author(order_by: {id: asc}) { name email articles(order_by: {id: asc}) { title rating } }
                  article_aggregate { aggregate { count sum { rating } } }
                  high: article(where: {rating: {_lt: 10}}, order_by: {id: asc}) { title } }""", "member").get("data");
        assertThat(data.get("author")).isEqualTo(Json.parseBody("""
                [{"name": "Ada", "email": "ada@x", "articles": [{"title": "a1", "rating": 5}, {"title": "a2", "rating": 3}]},
                 {"name": "Grace", "email": null, "articles": [{"title": "g1", "rating": null}]}]"""));
        // 3 visible rows; g1's rating (2) is hidden from member, so neither summed nor matched by a where
        assertThat(data.at("/article_aggregate/aggregate")).isEqualTo(Json.parseBody("{\"count\": 3, \"sum\": {\"rating\": 8}}"));
        assertThat(data.get("high")).isEqualTo(Json.parseBody("[{\"title\": \"a1\"}, {\"title\": \"a2\"}]"));
    }

    @Test
    void schema_isTheUnionOfColumns_aGuardedColumnNullable() {
        String type = "{ __type(name: \"article\") { fields { name type { kind } } } }";
        JsonNode fields = query(type, "member").at("/data/__type/fields");
        Map<String, String> kinds = new java.util.LinkedHashMap<>();
        fields.forEach(f -> kinds.put(f.get("name").asText(), f.at("/type/kind").asText()));
        assertThat(kinds).containsEntry("title", "NON_NULL").containsEntry("published", "SCALAR")
                .containsEntry("rating", "SCALAR").containsKey("author").containsKey("author_id");
        JsonNode publicFields = query(type, "public").at("/data/__type/fields");
        assertThat(publicFields.findValuesAsText("name")).contains("published");
        publicFields.forEach(f -> {
            if (f.get("name").asText().equals("published")) {
                assertThat(f.at("/type/kind").asText()).isEqualTo("NON_NULL");
            }
        });
        assertThat(query("{ __schema { queryType { fields { name } } } }", "member").at("/data/__schema/queryType/fields")
                .findValuesAsText("name")).contains("article_aggregate");
    }

    @Test
    void anExplicitPermissionOfTheInheritedRole_overridesTheDerivedOne() {
        assertThat(query("{ article { id title } }", "curated"))
                .isEqualTo(Json.parseBody("{\"data\": {\"article\": [{\"id\": 1, \"title\": \"a1\"}]}}"));
        assertThat(query("{ article { rating } }", "curated").at("/errors/0/message").asText())
                .isEqualTo("field 'rating' not found in type: 'article'");
        // author is still derived from the members
        assertThat(query("{ author(order_by: {id: asc}) { name email } }", "curated").at("/data/author"))
                .isEqualTo(Json.parseBody("[{\"name\": \"Ada\", \"email\": \"ada@x\"}, {\"name\": \"Grace\", \"email\": null}]"));
    }

    @Test
    void anActionOneMemberMayCall_isInTheInheritedRolesSchema() {
        String roots = "{ __schema { queryType { fields { name } } } }";
        assertThat(query(roots, "member").at("/data/__schema/queryType/fields").findValuesAsText("name")).contains("stats");
        assertThat(query(roots, "owner").at("/data/__schema/queryType/fields").findValuesAsText("name"))
                .doesNotContain("stats");
    }

    @Test
    void aCellGuardedByASessionVariable_followsEachRequestsSession_evenWhenTheRowFilterHasNone() {
        // directory: every author row (everyone's filter is empty), email only through self's filter, which
        // is the only place a session variable appears: the statement must not be reused across sessions
        String query = "{ author(order_by: {id: asc}) { name email } }";
        assertThat(query(query, "directory", "1").at("/data/author")).isEqualTo(Json.parseBody(
                "[{\"name\": \"Ada\", \"email\": \"ada@x\"}, {\"name\": \"Grace\", \"email\": null}]"));
        assertThat(query(query, "directory", "2").at("/data/author")).isEqualTo(Json.parseBody(
                "[{\"name\": \"Ada\", \"email\": null}, {\"name\": \"Grace\", \"email\": \"grace@x\"}]"));
    }
}
