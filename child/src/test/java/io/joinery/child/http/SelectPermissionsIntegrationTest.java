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
 * Select permissions on the child (SPEC §10.2): what each role's schema shows, and row filters in
 * the ONE statement at every level. Two roles: `user` (its own articles, by `x-hasura-user-id`,
 * through the author relationship; capped at 2 rows; aggregations) and `reader` (published
 * articles only, no aggregates, no `_by_pk`, not the `rating` column).
 */
class SelectPermissionsIntegrationTest {
    static ChildTestServer child;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("""
                CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, user_id integer);
                CREATE TABLE article (id serial PRIMARY KEY, author_id integer REFERENCES author(id), title text,
                                      rating integer, published boolean NOT NULL DEFAULT false);
                CREATE TABLE secret (id serial PRIMARY KEY, note text);
                INSERT INTO author (name, user_id) VALUES ('Ada', 1), ('Grace', 2);
                INSERT INTO article (author_id, title, rating, published) VALUES
                  (1, 'a1', 5, true), (1, 'a2', 3, false), (1, 'a3', 4, true), (2, 'g1', 2, true), (2, 'g2', 1, false);
                """, """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "pg_track_table", "args": {"table": "secret"}},
                  {"type": "pg_create_object_relationship", "args": {"table": "article", "name": "author",
                     "using": {"foreign_key_constraint_on": "author_id"}}},
                  {"type": "pg_create_array_relationship", "args": {"table": "author", "name": "articles",
                     "using": {"foreign_key_constraint_on": {"table": "article", "column": "author_id"}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "user",
                     "permission": {"columns": ["id", "name"], "filter": {"user_id": {"_eq": "X-Hasura-User-Id"}},
                                    "allow_aggregations": true}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "user",
                     "permission": {"columns": "*", "filter": {"author": {"user_id": {"$eq": "x-hasura-user-id"}}},
                                    "limit": 2, "allow_aggregations": true}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "reader",
                     "permission": {"columns": ["title", "published", "author_id"], "filter": {"published": {"_eq": true}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "reader",
                     "permission": {"columns": ["name"], "filter": {"_exists": {"_table": "article",
                        "_where": {"_and": [{"published": {"_eq": true}}, {"author_id": {"_ceq": ["$", "id"]}}]}}},
                        "query_root_fields": ["select"]}}}
                ]}""");
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    static JsonNode query(String query, Map<String, String> session) {
        TestHttp.Response response = child.http.graphql(query, null, session);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    static Map<String, String> user(int id) {
        return Map.of("X-Hasura-Role", "user", "X-Hasura-User-Id", Integer.toString(id));
    }

    static final Map<String, String> READER = Map.of("X-Hasura-Role", "reader");

    @Test
    void user_seesOnlyOwnRows_atRootAndThroughRelationships_inOneStatement() {
        child.takeStatements();
        JsonNode data = query("{ author { name articles(order_by: {id: asc}) { title author { name } } } }", user(1));
        assertThat(data).isEqualTo(Json.parseBody("""
                {"data": {"author": [{"name": "Ada", "articles": [{"title": "a1", "author": {"name": "Ada"}},
                                                                  {"title": "a2", "author": {"name": "Ada"}}]}]}}"""));
        assertThat(child.takeStatements()).hasSize(1);
        assertThat(query("{ article(order_by: {id: asc}) { title } }", user(2)))
                .isEqualTo(Json.parseBody("{\"data\": {\"article\": [{\"title\": \"g1\"}, {\"title\": \"g2\"}]}}"));
    }

    @Test
    void limitCapsRows_butNotWhatAggregatesCount() {
        assertThat(query("{ article(order_by: {id: asc}, limit: 10) { title } }", user(1)).at("/data/article"))
                .hasSize(2);
        assertThat(query("{ article(order_by: {id: asc}, limit: 1) { title } }", user(1)).at("/data/article"))
                .hasSize(1);
        JsonNode aggregate = query("{ article_aggregate { aggregate { count } } author { articles_aggregate { aggregate { count } } } }",
                user(1));
        assertThat(aggregate.at("/data/article_aggregate/aggregate/count").asInt()).isEqualTo(3);
        assertThat(aggregate.at("/data/author/0/articles_aggregate/aggregate/count").asInt()).isEqualTo(3);
    }

    @Test
    void byPk_ofAnotherUsersRow_isNull() {
        assertThat(query("{ article_by_pk(id: 4) { title } }", user(1)))
                .isEqualTo(Json.parseBody("{\"data\": {\"article_by_pk\": null}}"));
        assertThat(query("{ article_by_pk(id: 4) { title } }", user(2)))
                .isEqualTo(Json.parseBody("{\"data\": {\"article_by_pk\": {\"title\": \"g1\"}}}"));
    }

    @Test
    void clientWhere_throughARelationship_seesOnlyPermittedRows() {
        // reader may not see unpublished articles, so an author with only unpublished matches is not found
        assertThat(query("{ article(where: {author: {name: {_eq: \"Grace\"}}}, order_by: {title: asc}) { title } }", READER))
                .isEqualTo(Json.parseBody("{\"data\": {\"article\": [{\"title\": \"g1\"}]}}"));
        assertThat(query("{ author(order_by: {name: asc}) { name } }", READER))
                .isEqualTo(Json.parseBody("{\"data\": {\"author\": [{\"name\": \"Ada\"}, {\"name\": \"Grace\"}]}}"));
        assertThat(query("{ author(where: {articles: {title: {_eq: \"a2\"}}}) { name } }", READER).at("/data/author"))
                .isEmpty();
    }

    @Test
    void schema_showsOnlyWhatTheRoleMayUse() {
        String fields = "{ __schema { queryType { fields { name } } mutationType { name } } "
                + "article: __type(name: \"article\") { fields { name } } author: __type(name: \"author\") { fields { name } } }";
        JsonNode reader = query(fields, READER).get("data");
        assertThat(reader.at("/__schema/queryType/fields").findValuesAsText("name")).containsExactly("article", "author");
        assertThat(reader.at("/__schema/mutationType").isNull()).isTrue();
        assertThat(reader.at("/article/fields").findValuesAsText("name"))
                .containsExactly("author_id", "title", "published", "author");
        // no articles_aggregate: reader may not aggregate articles
        assertThat(reader.at("/author/fields").findValuesAsText("name")).containsExactly("name", "articles");
        JsonNode user = query(fields, user(1)).get("data");
        assertThat(user.at("/__schema/queryType/fields").findValuesAsText("name")).containsExactly(
                "article", "article_aggregate", "article_by_pk", "author", "author_aggregate", "author_by_pk");
        assertThat(user.at("/author/fields").findValuesAsText("name"))
                .containsExactly("id", "name", "articles", "articles_aggregate");
        // a role without permissions: Hasura's placeholder
        assertThat(query("{ __schema { queryType { fields { name } } } }", Map.of("X-Hasura-Role", "nobody"))
                .at("/data/__schema/queryType/fields").findValuesAsText("name")).containsExactly("no_queries_available");
    }

    @Test
    void hiddenColumnsAndFields_failValidation() {
        JsonNode error = query("{ article { rating } }", READER);
        assertThat(error.at("/errors/0/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(error.at("/errors/0/message").asText()).isEqualTo("field 'rating' not found in type: 'article'");
        assertThat(query("{ secret { note } }", user(1)).at("/errors/0/message").asText())
                .isEqualTo("field 'secret' not found in type: 'query_root'");
        assertThat(query("{ article_aggregate { aggregate { count } } }", READER).at("/errors/0/message").asText())
                .isEqualTo("field 'article_aggregate' not found in type: 'query_root'");
    }

    @Test
    void missingSessionVariable_notFound() {
        JsonNode error = query("{ article { title } }", Map.of("X-Hasura-Role", "user"));
        assertThat(error.at("/errors/0/message").asText()).isEqualTo("missing session variables: \"x-hasura-user-id\"");
        assertThat(error.at("/errors/0/extensions/code").asText()).isEqualTo("not-found");
    }

    @Test
    void admin_seesEverything() {
        assertThat(query("{ article_aggregate { aggregate { count } } }", Map.of()).at("/data/article_aggregate/aggregate/count")
                .asInt()).isEqualTo(5);
    }
}
