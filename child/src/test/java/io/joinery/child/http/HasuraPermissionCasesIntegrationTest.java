package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Table permissions checked the way a Hasura user would try them (SPEC §10), case by case, against
 * what Hasura v2 answers in the situations its own permission tests cover: row filters written with
 * upper-case session variable names and `{"col": "X-Hasura-..."}` shorthands, array session
 * variables with `_in`/`_nin`, hidden columns / `_by_pk` / aggregates / relationships as validation
 * errors with Hasura's path, `$cgt` column comparisons, insert and update checks, presets from the
 * session, `_exists`, `backend_only`, inherited roles' cell-level union, and the metadata errors of
 * creating and dropping permissions. Status, `extensions.code`, `extensions.path`, message and data
 * are compared as Hasura answers them.
 *
 * <p>One child for the class: the queries read rows no test writes, and each mutation test writes
 * rows of its own (and removes them when queries could see them).
 */
class HasuraPermissionCasesIntegrationTest {
    static ChildTestServer child;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("""
                CREATE TABLE author (id serial PRIMARY KEY, name text UNIQUE, is_registered boolean NOT NULL DEFAULT false,
                                     remarks_internal text);
                CREATE TABLE article (id serial PRIMARY KEY, title text, content text,
                                      author_id integer NOT NULL REFERENCES author(id),
                                      is_published boolean NOT NULL DEFAULT false);
                INSERT INTO author (name, remarks_internal) VALUES ('Author 1', 'remark 1'), ('Author 2', 'remark 2'),
                                                                   ('Author 3', 'remark 3');
                INSERT INTO article (title, content, author_id, is_published) VALUES
                  ('Article 1', 'Content 1', 1, false), ('Article 2', 'Content 2', 1, true),
                  ('Article 3', 'Content 3', 2, true), ('Article 4', 'Content 4', 3, false);
                CREATE TABLE "Artist" (id serial PRIMARY KEY, name text NOT NULL);
                INSERT INTO "Artist" (id, name) VALUES (1, 'Camilla'), (2, 'DSP'), (3, 'Akon');
                CREATE TABLE "Track" (id serial PRIMARY KEY, name text NOT NULL, artist_id integer REFERENCES "Artist"(id));
                INSERT INTO "Track" (id, name, artist_id) VALUES (1, 'Keepup', 1), (2, 'Keepdown', 1), (3, 'Happy', 2);
                CREATE TABLE books (id integer, author_name text, book_name text, published_on timestamptz,
                                    PRIMARY KEY (id, book_name));
                INSERT INTO books VALUES (1, 'J.K. Rowling', 'Harry Porter', '1997-06-26');
                CREATE TABLE auction (id serial PRIMARY KEY, price integer NOT NULL DEFAULT 250, bid_price integer);
                INSERT INTO auction (bid_price) VALUES (100), (120), (300), (260);
                CREATE TABLE resident (id serial PRIMARY KEY, name text NOT NULL, age integer NOT NULL,
                                       is_user boolean NOT NULL DEFAULT false, city text);
                INSERT INTO resident (id, name, age, city) VALUES (100, 'clarke', 21, 'sydney');
                CREATE TABLE "user" (id serial PRIMARY KEY, name text NOT NULL UNIQUE, is_admin boolean DEFAULT false);
                INSERT INTO "user" (name, is_admin) VALUES ('plain', false), ('boss', true);
                CREATE TABLE account (id serial PRIMARY KEY, account_no integer NOT NULL);
                INSERT INTO account (account_no) VALUES (1);
                CREATE TABLE jsonb_table (id integer PRIMARY KEY, jsonb_col jsonb NOT NULL);
                INSERT INTO jsonb_table VALUES (1, '{"name": "Hasura", "age": 7}'), (2, '{"name": "Cross"}');
                CREATE TABLE employee (id serial PRIMARY KEY, name text NOT NULL, title text, salary integer,
                                       manager_remarks text, hr_remarks text, manager_id integer);
                INSERT INTO employee (name, title, salary, manager_remarks, hr_remarks, manager_id) VALUES
                  ('employee 1', 'Sales', 10000, 'good', 'ok', 1), ('employee 2', 'Sales', 12000, 'fine', 'ok', 1),
                  ('employee 3', 'Engineer', 15000, 'great', 'ok', 2);
                """, """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "pg_track_table", "args": {"table": "Artist"}},
                  {"type": "pg_track_table", "args": {"table": "Track"}},
                  {"type": "pg_track_table", "args": {"table": "books"}},
                  {"type": "pg_track_table", "args": {"table": "auction"}},
                  {"type": "pg_track_table", "args": {"table": "resident"}},
                  {"type": "pg_track_table", "args": {"table": "user"}},
                  {"type": "pg_track_table", "args": {"table": "account"}},
                  {"type": "pg_track_table", "args": {"table": "employee"}},
                  {"type": "pg_track_table", "args": {"table": "jsonb_table"}},
                  {"type": "pg_create_object_relationship", "args": {"table": "article", "name": "author",
                     "using": {"foreign_key_constraint_on": "author_id"}}},
                  {"type": "pg_create_array_relationship", "args": {"table": "author", "name": "articles",
                     "using": {"foreign_key_constraint_on": {"table": "article", "column": "author_id"}}}},
                  {"type": "pg_create_object_relationship", "args": {"table": "Track", "name": "Artist",
                     "using": {"foreign_key_constraint_on": "artist_id"}}},

                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "user",
                     "permission": {"columns": ["id", "title", "content", "is_published"],
                                    "filter": {"$or": [{"author_id": "X-HASURA-USER-ID"}, {"is_published": true}]}}}},
                  {"type": "pg_create_insert_permission", "args": {"table": "article", "role": "user",
                     "permission": {"check": {"author_id": "X-Hasura-User-Id"}}}},
                  {"type": "pg_create_update_permission", "args": {"table": "article", "role": "user",
                     "permission": {"columns": ["title", "content", "is_published"],
                                    "filter": {"$and": [{"author_id": "X-HASURA-USER-ID"}, {"is_published": false}]},
                                    "check": {"is_published": false}}}},
                  {"type": "pg_create_delete_permission", "args": {"table": "article", "role": "user",
                     "permission": {"filter": {"author_id": "X-Hasura-User-Id"}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "user",
                     "permission": {"columns": ["id", "name", "is_registered"],
                                    "filter": {"_or": [{"id": "X-HASURA-USER-ID"}, {"articles": {"is_published": {"_eq": true}}}]},
                                    "limit": 10}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "anonymous",
                     "permission": {"columns": ["id", "title", "content", "is_published"], "filter": {"is_published": true}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "anonymous",
                     "permission": {"columns": ["id", "name"], "filter": {"articles": {"is_published": {"_eq": true}}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "editor",
                     "permission": {"columns": "*", "filter": {"$or": [{"author_id": {"$in": "X-Hasura-Allowed-User-Ids"}},
                                                                       {"is_published": true}]}}}},
                  {"type": "pg_create_insert_permission", "args": {"table": "article", "role": "editor",
                     "permission": {"check": {"author_id": {"$in": "X-Hasura-Allowed-User-Ids"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "critic",
                     "permission": {"columns": ["title", "content", "is_published"], "filter": {"id": {"_eq": "X-Hasura-Critic-Id"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "critic",
                     "permission": {"columns": ["name"], "filter": {}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "sampler",
                     "permission": {"columns": ["id"], "filter": {}, "limit": 1}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "sampler",
                     "permission": {"columns": ["id"], "filter": {}}}},

                  {"type": "pg_create_insert_permission", "args": {"table": "article", "role": "writer",
                     "permission": {"check": {"author": {"id": "X-Hasura-User-Id"}}, "columns": ["title", "author_id"]}}},
                  {"type": "pg_create_select_permission", "args": {"table": "Track", "role": "Artist",
                     "permission": {"columns": "*", "filter": {"Artist": {"id": "X-Hasura-Artist-Id"}}, "allow_aggregations": true}}},
                  {"type": "pg_create_select_permission", "args": {"table": "Artist", "role": "free_user_in",
                     "permission": {"columns": "*", "filter": {"name": {"_in": "X-Hasura-Free-Artists"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "Artist", "role": "free_user_nin",
                     "permission": {"columns": "*", "filter": {"name": {"_nin": "X-Hasura-Premium-Artists"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "Artist", "role": "user_iregex",
                     "permission": {"columns": "*", "filter": {"name": {"_iregex": "X-Hasura-IRegex-Artists"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "jsonb_table", "role": "user2",
                     "permission": {"columns": ["id", "jsonb_col"], "filter": {"jsonb_col": {"$has_key": "X-Hasura-Has-Key"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "jsonb_table", "role": "user4",
                     "permission": {"columns": ["id", "jsonb_col"], "filter": {"jsonb_col": {"$has_keys_any": "X-Hasura-Json-Keys"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "jsonb_table", "role": "user5",
                     "permission": {"columns": ["id", "jsonb_col"], "filter": {"jsonb_col": {"_contains": "X-Hasura-Json-Value"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "books", "role": "user",
                     "permission": {"columns": ["author_name", "book_name", "published_on"], "filter": {}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "auction", "role": "user",
                     "permission": {"columns": ["id", "bid_price"], "filter": {"bid_price": {"$cgt": "price"}}}}},

                  {"type": "pg_create_insert_permission", "args": {"table": "resident", "role": "user",
                     "permission": {"check": {"id": "X-Hasura-Resident-Id"},
                                    "set": {"name": "X-Hasura-Resident-Name", "is_user": true}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "resident", "role": "user",
                     "permission": {"columns": ["id", "name", "age", "is_user"], "filter": {"id": "X-Hasura-Resident-Id"}}}},
                  {"type": "pg_create_insert_permission", "args": {"table": "resident", "role": "infant",
                     "permission": {"check": {"id": "X-Hasura-Infant-Id"}, "columns": ["age"],
                                    "set": {"name": "X-Hasura-Infant-Name", "id": "X-Hasura-Infant-Id"}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "resident", "role": "infant",
                     "permission": {"columns": ["id", "name", "age", "is_user"], "filter": {"id": "X-Hasura-Infant-Id"}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "resident", "role": "mover",
                     "permission": {"columns": "*", "filter": {}}}},
                  {"type": "pg_create_update_permission", "args": {"table": "resident", "role": "mover",
                     "permission": {"columns": "*", "filter": {}, "set": {"city": "X-Hasura-City"}}}},

                  {"type": "pg_create_insert_permission", "args": {"table": "account", "role": "user",
                     "permission": {"columns": ["account_no"], "check": {"_exists": {"_table": "user",
                        "_where": {"id": "X-Hasura-User-Id", "is_admin": true}}}}}},
                  {"type": "pg_create_update_permission", "args": {"table": "account", "role": "user",
                     "permission": {"columns": ["account_no"], "filter": {"_exists": {"_table": "user",
                        "_where": {"id": "X-Hasura-User-Id", "is_admin": true}}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "account", "role": "user",
                     "permission": {"columns": ["id", "account_no"], "filter": {"_exists": {"_table": "user",
                        "_where": {"id": "X-Hasura-User-Id", "is_admin": true}}}}}},
                  {"type": "pg_create_insert_permission", "args": {"table": "user", "role": "backend_user",
                     "permission": {"check": {}, "columns": "*", "backend_only": true, "set": {"is_admin": true}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "user", "role": "backend_user",
                     "permission": {"columns": "*", "filter": {}}}},
                  {"type": "pg_create_insert_permission", "args": {"table": "user", "role": "user",
                     "permission": {"check": {}, "columns": "*", "backend_only": false, "set": {"is_admin": false}}}},

                  {"type": "pg_create_select_permission", "args": {"table": "employee", "role": "employee",
                     "permission": {"columns": ["id", "name", "title", "salary"], "filter": {"id": "X-Hasura-User-Id"},
                                    "allow_aggregations": true}}},
                  {"type": "pg_create_select_permission", "args": {"table": "employee", "role": "manager",
                     "permission": {"columns": ["name", "title", "manager_remarks"],
                                    "filter": {"manager_id": "X-Hasura-Manager-Id"}}}},
                  {"type": "add_inherited_role", "args": {"role_name": "manager_is_employee_too",
                     "role_set": ["employee", "manager"]}}
                ]}""");
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    static JsonNode gql(String query, Map<String, String> headers) {
        TestHttp.Response response = child.http.graphql(query, null, headers);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static JsonNode data(String json) {
        return Json.parseBody(json);
    }

    /** Headers in the order given (`X-Hasura-Role` first), names exactly as written. */
    static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    static Map<String, String> role(String role, String... others) {
        Map<String, String> out = headers("X-Hasura-Role", role);
        out.putAll(headers(others));
        return out;
    }

    /** The answer is exactly one error, without `data`, with Hasura's code, path and message. */
    static void assertOnlyError(JsonNode answer, String code, String path, String message) {
        assertThat(answer.has("data")).as(answer.toString()).isFalse();
        assertThat(answer.get("errors")).as(answer.toString()).hasSize(1);
        JsonNode error = answer.at("/errors/0");
        assertThat(error.at("/extensions/code").asText()).as(answer.toString()).isEqualTo(code);
        assertThat(error.at("/extensions/path").asText()).as(answer.toString()).isEqualTo(path);
        assertThat(error.get("message").asText()).as(answer.toString()).isEqualTo(message);
    }

    static void runSql(String sql) {
        TestHttp.Response ran = child.http.runSql(sql);
        assertThat(ran.status()).as(ran.body()).isEqualTo(200);
    }

    // --- select: row filters -------------------------------------------------------------------

    @Test
    void anonymous_seesOnlyPublishedArticles_withTheirAuthors() {
        assertThat(gql("{ article(order_by: {id: asc}) { id title is_published author { id name } } }", role("anonymous")))
                .isEqualTo(data("""
                        {"data": {"article": [
                          {"id": 2, "title": "Article 2", "is_published": true, "author": {"id": 1, "name": "Author 1"}},
                          {"id": 3, "title": "Article 3", "is_published": true, "author": {"id": 2, "name": "Author 2"}}]}}"""));
        assertThat(gql("{ article(where: {is_published: {_eq: false}}) { id } }", role("anonymous")))
                .isEqualTo(data("{\"data\": {\"article\": []}}"));
    }

    @Test
    void upperCaseSessionVariableInTheFilter_matchesALowerCaseHeader() {
        JsonNode answer = gql("{ article(where: {is_published: {_eq: false}}) { id title author { id name } } }",
                headers("x-hasura-role", "user", "x-hasura-user-id", "1"));
        assertThat(answer).isEqualTo(data("""
                {"data": {"article": [{"id": 1, "title": "Article 1", "author": {"id": 1, "name": "Author 1"}}]}}"""));
        JsonNode others = gql("{ article(where: {_and: [{is_published: {_eq: true}}, {author: {id: {_neq: 1}}}]})"
                + " { id author { id name } } }", role("user", "X-Hasura-User-Id", "1"));
        assertThat(others).isEqualTo(data("{\"data\": {\"article\": [{\"id\": 3, \"author\": {\"id\": 2, \"name\": \"Author 2\"}}]}}"));
    }

    @Test
    void filterThroughAnArrayRelationship_showsAuthorsWithPublishedArticles() {
        assertThat(gql("{ author(order_by: {id: asc}) { name articles { title } } }", role("anonymous")))
                .isEqualTo(data("""
                        {"data": {"author": [{"name": "Author 1", "articles": [{"title": "Article 2"}]},
                                             {"name": "Author 2", "articles": [{"title": "Article 3"}]}]}}"""));
        // user 3 sees itself (no published article) and the others through their published articles
        assertThat(gql("{ author(order_by: {id: asc}) { id } }", role("user", "X-Hasura-User-Id", "3")))
                .isEqualTo(data("{\"data\": {\"author\": [{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]}}"));
    }

    @Test
    void missingSessionVariable_inANestedRelationship_isNotFoundAtTheRoot() {
        assertOnlyError(gql("{ author { name articles { title } } }", role("critic")), "not-found", "$",
                "missing session variables: \"x-hasura-critic-id\"");
        assertThat(gql("{ author(order_by: {name: asc}, limit: 1) { name articles { title } } }",
                role("critic", "X-Hasura-Critic-Id", "2")))
                .isEqualTo(data("{\"data\": {\"author\": [{\"name\": \"Author 1\", \"articles\": [{\"title\": \"Article 2\"}]}]}}"));
    }

    @Test
    void filterThroughAnObjectRelationshipNamedLikeItsTable_withAggregates() {
        Map<String, String> artist = role("Artist", "X-Hasura-Artist-Id", "1");
        assertThat(gql("{ Track(order_by: {id: asc}) { id name artist_id } Track_aggregate { aggregate { count } } }", artist))
                .isEqualTo(data("""
                        {"data": {"Track": [{"id": 1, "name": "Keepup", "artist_id": 1}, {"id": 2, "name": "Keepdown", "artist_id": 1}],
                                  "Track_aggregate": {"aggregate": {"count": 2}}}}"""));
        assertOnlyError(gql("{ Track { id } }", role("Artist")), "not-found", "$",
                "missing session variables: \"x-hasura-artist-id\"");
        // the role may not select "Artist": the relationship is not in its schema
        assertOnlyError(gql("{ Track { id Artist { name } } }", artist), "validation-failed",
                "$.selectionSet.Track.selectionSet.Artist", "field 'Artist' not found in type: 'Track'");
    }

    @Test
    void arraySessionVariables_withInAndNin() {
        String query = "{ Artist(order_by: {name: asc}) { name } }";
        assertThat(gql(query, role("free_user_in", "X-Hasura-free-artists", "{Camilla,DSP}")))
                .isEqualTo(data("{\"data\": {\"Artist\": [{\"name\": \"Camilla\"}, {\"name\": \"DSP\"}]}}"));
        assertThat(gql(query, role("free_user_in", "X-Hasura-free-artists", "{}")))
                .isEqualTo(data("{\"data\": {\"Artist\": []}}"));
        assertThat(gql(query, role("free_user_nin", "X-Hasura-premium-artists", "{Akon}")))
                .isEqualTo(data("{\"data\": {\"Artist\": [{\"name\": \"Camilla\"}, {\"name\": \"DSP\"}]}}"));
        assertThat(gql(query, role("free_user_nin", "X-Hasura-premium-artists", "{}")))
                .isEqualTo(data("{\"data\": {\"Artist\": [{\"name\": \"Akon\"}, {\"name\": \"Camilla\"}, {\"name\": \"DSP\"}]}}"));
    }

    @Test
    void sessionVariables_withIregexAndJsonbOperators() {
        assertThat(gql("{ Artist(order_by: {name: asc}) { name } }", role("user_iregex", "X-Hasura-iregex-artists", "(.*ak)|(.*lla)")))
                .isEqualTo(data("{\"data\": {\"Artist\": [{\"name\": \"Akon\"}, {\"name\": \"Camilla\"}]}}"));
        String hasura = "{\"data\": {\"jsonb_table\": [{\"id\": 1, \"jsonb_col\": {\"name\": \"Hasura\", \"age\": 7}}]}}";
        String query = "{ jsonb_table(order_by: {id: asc}) { id jsonb_col } }";
        assertThat(gql(query, role("user2", "X-Hasura-Has-Key", "age"))).isEqualTo(data(hasura));
        assertThat(gql(query, role("user4", "X-Hasura-Json-keys", "{age}"))).isEqualTo(data(hasura));
        assertThat(gql(query, role("user4", "X-Hasura-Json-keys", "{}"))).isEqualTo(data("{\"data\": {\"jsonb_table\": []}}"));
        assertThat(gql(query, role("user5", "X-Hasura-Json-Value", "{\"name\": \"Hasura\"}"))).isEqualTo(data(hasura));
    }

    @Test
    void columnComparison_cgt() {
        assertThat(gql("{ auction(order_by: {bid_price: asc}, limit: 1) { id bid_price } }", role("user")))
                .isEqualTo(data("{\"data\": {\"auction\": [{\"id\": 4, \"bid_price\": 260}]}}"));
    }

    @Test
    void permissionLimit_capsRootAndArrayRelationships_aSmallerClientLimitWins() {
        assertThat(gql("{ article(order_by: {id: asc}) { id } }", role("sampler")))
                .isEqualTo(data("{\"data\": {\"article\": [{\"id\": 1}]}}"));
        assertThat(gql("{ article(order_by: {id: desc}, limit: 3) { id } }", role("sampler")))
                .isEqualTo(data("{\"data\": {\"article\": [{\"id\": 4}]}}"));
        assertThat(gql("{ author(order_by: {id: asc}) { id articles(order_by: {id: desc}) { id } } }", role("sampler")))
                .isEqualTo(data("""
                        {"data": {"author": [{"id": 1, "articles": [{"id": 2}]}, {"id": 2, "articles": [{"id": 3}]},
                                             {"id": 3, "articles": [{"id": 4}]}]}}"""));
    }

    // --- select: what the role's schema hides ----------------------------------------------------

    @Test
    void forbiddenColumn_isAValidationError_adminSeesIt() {
        assertOnlyError(gql("{ author { id name remarks_internal } }", role("user", "X-Hasura-User-Id", "1")),
                "validation-failed", "$.selectionSet.author.selectionSet.remarks_internal",
                "field 'remarks_internal' not found in type: 'author'");
        assertThat(gql("{ author(order_by: {id: asc}) { remarks_internal } }", Map.of()).at("/data/author/0/remarks_internal")
                .asText()).isEqualTo("remark 1");
    }

    @Test
    void forbiddenColumn_inWhereAndOrderBy_isAValidationError() {
        assertOnlyError(gql("{ article(where: {author_id: {_eq: 1}}) { id } }", role("anonymous")),
                "validation-failed", "$.selectionSet.article.args.where.author_id",
                "field 'author_id' not found in type: 'article_bool_exp'");
        assertOnlyError(gql("{ article(order_by: [{author_id: asc}]) { id } }", role("anonymous")),
                "validation-failed", "$.selectionSet.article.args.order_by[0].author_id",
                "field 'author_id' not found in type: 'article_order_by'");
    }

    @Test
    void forbiddenColumn_inDistinctOn_isNotAnEnumValue() {
        assertOnlyError(gql("{ article(distinct_on: [author_id]) { id } }", role("anonymous")), "validation-failed",
                "$.selectionSet.article.args.distinct_on[0]", "expected one of the values ['id', 'title', 'content',"
                        + " 'is_published'] for type 'article_select_column', but found 'author_id'");
    }

    @Test
    void relationshipAggregates_inWhereAndOrderBy_needAllowAggregationsOnTheTarget() {
        assertOnlyError(gql("{ author(where: {articles_aggregate: {count: {predicate: {_gt: 0}}}}) { id } }", role("anonymous")),
                "validation-failed", "$.selectionSet.author.args.where.articles_aggregate",
                "field 'articles_aggregate' not found in type: 'author_bool_exp'");
        assertOnlyError(gql("{ author(order_by: [{articles_aggregate: {count: asc}}]) { id } }", role("anonymous")),
                "validation-failed", "$.selectionSet.author.args.order_by[0].articles_aggregate",
                "field 'articles_aggregate' not found in type: 'author_order_by'");
    }

    @Test
    void byPk_isHidden_whenAPrimaryKeyColumnIsNotSelectable() {
        assertOnlyError(gql("{ books_by_pk(id: 1, book_name: \"Harry Porter\") { author_name book_name } }", role("user")),
                "validation-failed", "$.selectionSet.books_by_pk", "field 'books_by_pk' not found in type: 'query_root'");
        assertThat(gql("{ books { author_name book_name } }", role("user")))
                .isEqualTo(data("{\"data\": {\"books\": [{\"author_name\": \"J.K. Rowling\", \"book_name\": \"Harry Porter\"}]}}"));
    }

    @Test
    void aggregates_needAllowAggregations_atTheRootAndOnRelationships() {
        assertOnlyError(gql("{ article_aggregate { aggregate { count } } }", role("anonymous")),
                "validation-failed", "$.selectionSet.article_aggregate",
                "field 'article_aggregate' not found in type: 'query_root'");
        assertOnlyError(gql("{ author { articles_aggregate { aggregate { count } } } }", role("anonymous")),
                "validation-failed", "$.selectionSet.author.selectionSet.articles_aggregate",
                "field 'articles_aggregate' not found in type: 'author'");
    }

    @Test
    void aRoleWithoutPermissions_hasNoTableFields_andNoMutations() {
        assertOnlyError(gql("{ article { id } }", role("stranger")), "validation-failed", "$.selectionSet.article",
                "field 'article' not found in type: 'query_root'");
        assertOnlyError(gql("mutation { delete_article(where: {}) { affected_rows } }", role("stranger")),
                "validation-failed", "$", "no mutations exist");
        // anonymous has queries but no mutation at all
        assertOnlyError(gql("mutation { insert_article(objects: [{title: \"x\", author_id: 1}]) { affected_rows } }",
                role("anonymous")), "validation-failed", "$", "no mutations exist");
    }

    @Test
    void aSessionVariableThatIsNotOfTheColumnsType_isADataException() {
        assertOnlyError(gql("{ article { id } }", role("user", "X-Hasura-User-Id", "abc")), "data-exception", "$",
                "invalid input syntax for type integer: \"abc\"");
    }

    @Test
    void operationWithVariables_appliesTheSessionsFilter() {
        TestHttp.Response response = child.http.graphql("query q($p: Boolean!) { article(where: {is_published: {_eq: $p}}) { id } }",
                "{\"p\": false}", role("user", "X-Hasura-User-Id", "3"));
        assertThat(response.json()).isEqualTo(data("{\"data\": {\"article\": [{\"id\": 4}]}}"));
    }

    @Test
    void byPk_ofARowOutsideTheFilter_isNull() {
        assertThat(gql("{ author_by_pk(id: 3) { id name } a: author_by_pk(id: 2) { name } }", role("anonymous")))
                .isEqualTo(data("{\"data\": {\"author_by_pk\": null, \"a\": {\"name\": \"Author 2\"}}}"));
    }

    // --- inherited roles -------------------------------------------------------------------------

    @Test
    void inheritedRole_cellLevelUnion_andAColumnNoMemberGrants() {
        Map<String, String> both = role("manager_is_employee_too", "X-Hasura-User-Id", "1", "X-Hasura-Manager-Id", "1");
        assertThat(gql("{ employee(order_by: {name: asc}) { id name title salary manager_remarks } }", both))
                .isEqualTo(data("""
                        {"data": {"employee": [
                          {"id": 1, "name": "employee 1", "title": "Sales", "salary": 10000, "manager_remarks": "good"},
                          {"id": null, "name": "employee 2", "title": "Sales", "salary": null, "manager_remarks": "fine"}]}}"""));
        Map<String, String> other = role("manager_is_employee_too", "X-Hasura-User-Id", "1", "X-Hasura-Manager-Id", "2");
        assertThat(gql("{ employee(order_by: {name: asc}) { name salary manager_remarks } }", other))
                .isEqualTo(data("""
                        {"data": {"employee": [{"name": "employee 1", "salary": 10000, "manager_remarks": null},
                                               {"name": "employee 3", "salary": null, "manager_remarks": "great"}]}}"""));
        assertOnlyError(gql("{ employee { name hr_remarks } }", both), "validation-failed",
                "$.selectionSet.employee.selectionSet.hr_remarks", "field 'hr_remarks' not found in type: 'employee'");
    }

    @Test
    void inheritedRole_aggregatesWhenOneMemberAllowsThem_overTheCellsItMaySee() {
        Map<String, String> other = role("manager_is_employee_too", "X-Hasura-User-Id", "1", "X-Hasura-Manager-Id", "2");
        assertThat(gql("{ employee_aggregate { aggregate { count sum { salary } } } }", other)).isEqualTo(data(
                "{\"data\": {\"employee_aggregate\": {\"aggregate\": {\"count\": 2, \"sum\": {\"salary\": 10000}}}}}"));
    }

    // --- insert ----------------------------------------------------------------------------------

    @Test
    void insertCheck_throughARelationshipToATableTheRoleCannotSelect() {
        Map<String, String> writer = role("writer", "X-Hasura-User-Id", "2");
        assertOnlyError(gql("mutation { insert_article(objects: [{title: \"by 1\", author_id: 1}]) { affected_rows } }", writer),
                "permission-error", "$.selectionSet.insert_article.args.objects",
                "check constraint of an insert/update permission has failed");
        JsonNode answer = gql("mutation { insert_article(objects: [{title: \"by 2\", author_id: 2}]) { affected_rows } }", writer);
        runSql("DELETE FROM article WHERE title = 'by 2'");
        assertThat(answer).isEqualTo(data("{\"data\": {\"insert_article\": {\"affected_rows\": 1}}}"));
        // nested inserts only into tables the role may insert into
        assertOnlyError(gql("mutation { insert_article(objects: [{title: \"t\", author: {data: {name: \"new\"}}}]) { affected_rows } }",
                writer), "validation-failed", "$.selectionSet.insert_article.args.objects[0].author",
                "field 'author' not found in type: 'article_insert_input'");
    }

    @Test
    void insertCheckFailure_isPermissionError_atTheObjects_andWritesNothing() {
        JsonNode answer = gql("mutation { insert_article(objects: [{title: \"Mine?\", content: \"c\", author_id: 2}])"
                + " { affected_rows } }", role("user", "X-Hasura-User-Id", "1"));
        assertOnlyError(answer, "permission-error", "$.selectionSet.insert_article.args.objects",
                "check constraint of an insert/update permission has failed");
        assertThat(gql("{ article_aggregate(where: {title: {_eq: \"Mine?\"}}) { aggregate { count } } }", Map.of())
                .at("/data/article_aggregate/aggregate/count").asInt()).isZero();
    }

    @Test
    void insert_returnsOnlyTheSelectableColumns() {
        Map<String, String> user2 = role("user", "X-Hasura-User-Id", "2");
        assertOnlyError(gql("mutation { insert_article(objects: [{title: \"t\", author_id: 2}]) { returning { author_id } } }",
                user2), "validation-failed", "$.selectionSet.insert_article.selectionSet.returning.selectionSet.author_id",
                "field 'author_id' not found in type: 'article'");
        JsonNode answer = gql("mutation { insert_article(objects: [{title: \"Own article\", content: \"c\", author_id: 2}])"
                + " { affected_rows returning { title content is_published } } }", user2);
        runSql("DELETE FROM article WHERE title = 'Own article'");
        assertThat(answer).isEqualTo(data("""
                {"data": {"insert_article": {"affected_rows": 1,
                  "returning": [{"title": "Own article", "content": "c", "is_published": false}]}}}"""));
    }

    @Test
    void insertCheck_withAnArraySessionVariable() {
        String insert = "mutation { insert_article(objects: [{title: \"Article 5\", content: \"c\", author_id: 2}])"
                + " { returning { title content } } }";
        assertOnlyError(gql(insert, role("editor", "X-Hasura-Allowed-User-Ids", "{1,3,4}")), "permission-error",
                "$.selectionSet.insert_article.args.objects", "check constraint of an insert/update permission has failed");
        JsonNode answer = gql(insert, role("editor", "X-Hasura-Allowed-User-Ids", "{2,3}"));
        runSql("DELETE FROM article WHERE title = 'Article 5'");
        assertThat(answer).isEqualTo(data(
                "{\"data\": {\"insert_article\": {\"returning\": [{\"title\": \"Article 5\", \"content\": \"c\"}]}}}"));
    }

    @Test
    void insertPresets_fromTheSession_overwrite_andLeaveTheInputType() {
        Map<String, String> resident = role("user", "X-Hasura-Resident-Id", "7", "X-Hasura-Resident-Name", "Ann");
        assertOnlyError(gql("mutation { insert_resident(objects: [{id: 7, age: 30, name: \"Bob\"}]) { affected_rows } }",
                resident), "validation-failed", "$.selectionSet.insert_resident.args.objects[0].name",
                "field 'name' not found in type: 'resident_insert_input'");
        assertThat(gql("mutation { insert_resident(objects: [{id: 7, age: 30}]) { affected_rows returning { id name age is_user } } }",
                resident)).isEqualTo(data("""
                        {"data": {"insert_resident": {"affected_rows": 1,
                          "returning": [{"id": 7, "name": "Ann", "age": 30, "is_user": true}]}}}"""));
        assertOnlyError(gql("mutation { insert_resident(objects: [{id: 8, age: 30}]) { affected_rows } }", resident),
                "permission-error", "$.selectionSet.insert_resident.args.objects",
                "check constraint of an insert/update permission has failed");
    }

    @Test
    void insertColumns_limitTheInputType_andAPresetIdComesFromTheSession() {
        Map<String, String> infant = role("infant", "X-Hasura-Infant-Id", "9", "X-Hasura-Infant-Name", "Bittu");
        assertOnlyError(gql("mutation { insert_resident(objects: [{age: 3, is_user: true}]) { affected_rows } }", infant),
                "validation-failed", "$.selectionSet.insert_resident.args.objects[0].is_user",
                "field 'is_user' not found in type: 'resident_insert_input'");
        assertThat(gql("mutation { insert_resident_one(object: {age: 3}) { id name age is_user } }", infant))
                .isEqualTo(data("{\"data\": {\"insert_resident_one\": {\"id\": 9, \"name\": \"Bittu\", \"age\": 3, \"is_user\": false}}}"));
    }

    @Test
    void insertCheck_withExists_overAnotherTable() {
        String insert = "mutation { insert_account(objects: [{account_no: 42}]) { affected_rows returning { account_no } } }";
        assertOnlyError(gql(insert, role("user", "X-Hasura-User-Id", "1")), "permission-error",
                "$.selectionSet.insert_account.args.objects", "check constraint of an insert/update permission has failed");
        assertThat(gql(insert, role("user", "X-Hasura-User-Id", "2"))).isEqualTo(data(
                "{\"data\": {\"insert_account\": {\"affected_rows\": 1, \"returning\": [{\"account_no\": 42}]}}}"));
    }

    @Test
    void insertWithoutSelectPermission_hasAffectedRowsButNoReturningAndNoOne() {
        Map<String, String> user = role("user", "X-Hasura-User-Id", "1");
        assertOnlyError(gql("mutation { insert_user(objects: [{name: \"front\"}]) { returning { name } } }", user),
                "validation-failed", "$.selectionSet.insert_user.selectionSet.returning",
                "field 'returning' not found in type: 'user_mutation_response'");
        assertOnlyError(gql("mutation { insert_user_one(object: {name: \"front\"}) { name } }", user),
                "validation-failed", "$.selectionSet.insert_user_one", "field 'insert_user_one' not found in type: 'mutation_root'");
        assertThat(gql("mutation { insert_user(objects: [{name: \"front\"}]) { affected_rows } }", user))
                .isEqualTo(data("{\"data\": {\"insert_user\": {\"affected_rows\": 1}}}"));
        assertThat(gql("{ user(where: {name: {_eq: \"front\"}}) { is_admin } }", Map.of()))
                .isEqualTo(data("{\"data\": {\"user\": [{\"is_admin\": false}]}}"));
    }

    @Test
    void backendOnlyInsert_needsTheHeader_andItsPresetApplies() {
        String insert = "mutation { insert_user(objects: [{name: \"FooBar\"}]) { affected_rows returning { name is_admin } } }";
        assertOnlyError(gql(insert, role("backend_user")), "validation-failed", "$", "no mutations exist");
        assertOnlyError(gql(insert, role("backend_user", "X-Hasura-Use-Backend-Only-Permissions", "false")),
                "validation-failed", "$", "no mutations exist");
        assertThat(gql(insert, role("backend_user", "X-Hasura-Use-Backend-Only-Permissions", "true"))).isEqualTo(data(
                "{\"data\": {\"insert_user\": {\"affected_rows\": 1, \"returning\": [{\"name\": \"FooBar\", \"is_admin\": true}]}}}"));
        // Hasura's other boolean texts, any case; anything else is bad-request (backend_user_insert_invalid_bool)
        assertThat(gql(insert.replace("FooBar", "FooBaz"), role("backend_user", "X-Hasura-Use-Backend-Only-Permissions", "Yes")))
                .isEqualTo(data("{\"data\": {\"insert_user\": {\"affected_rows\": 1, \"returning\": [{\"name\": \"FooBaz\", \"is_admin\": true}]}}}"));
        assertOnlyError(gql(insert, role("backend_user", "X-Hasura-Use-Backend-Only-Permissions", "N")),
                "validation-failed", "$", "no mutations exist");
        assertOnlyError(gql(insert, role("backend_user", "X-Hasura-Use-Backend-Only-Permissions", "random")),
                "bad-request", "$", "x-hasura-use-backend-only-permissions:  Not a valid boolean text. True values are "
                        + "[\"true\",\"t\",\"yes\",\"y\"] and  False values are [\"false\",\"f\",\"no\",\"n\"]. "
                        + "All values are case insensitive");
        // a permission that is not backend_only stays usable with the header
        assertThat(gql("mutation { insert_user(objects: [{name: \"front2\"}]) { affected_rows } }",
                role("user", "X-Hasura-User-Id", "1", "X-Hasura-Use-Backend-Only-Permissions", "true")))
                .isEqualTo(data("{\"data\": {\"insert_user\": {\"affected_rows\": 1}}}"));
    }

    @Test
    void onConflict_needsAnUpdatePermission_andUpdatesOnlyItsColumnsAndRows() {
        assertOnlyError(gql("mutation { insert_article(objects: [{title: \"x\", author_id: 2}],"
                        + " on_conflict: {constraint: article_pkey, update_columns: []}) { affected_rows } }",
                role("editor", "X-Hasura-Allowed-User-Ids", "{2}")), "validation-failed", "$.selectionSet.insert_article",
                "'insert_article' has no argument named 'on_conflict'");
        Map<String, String> user1 = role("user", "X-Hasura-User-Id", "1");
        JsonNode column = gql("mutation { insert_article(objects: [{id: 3, title: \"x\", author_id: 1}],"
                + " on_conflict: {constraint: article_pkey, update_columns: [author_id]}) { affected_rows } }", user1);
        assertOnlyError(column, "validation-failed", "$.selectionSet.insert_article.args.on_conflict.update_columns[0]",
                "expected one of the values ['title', 'content', 'is_published'] for type 'article_update_column',"
                        + " but found 'author_id'");
        // article 3 is author 2's: the update permission's filter keeps it as it is
        JsonNode upsert = gql("mutation { insert_article(objects: [{id: 3, title: \"taken\", author_id: 1}],"
                + " on_conflict: {constraint: article_pkey, update_columns: [title]}) { affected_rows } }", user1);
        assertThat(upsert).isEqualTo(data("{\"data\": {\"insert_article\": {\"affected_rows\": 0}}}"));
        assertThat(gql("{ article_by_pk(id: 3) { title } }", Map.of()))
                .isEqualTo(data("{\"data\": {\"article_by_pk\": {\"title\": \"Article 3\"}}}"));
    }

    // --- update and delete -----------------------------------------------------------------------

    @Test
    void updateCheckFailure_isPermissionError() {
        runSql("INSERT INTO article (id, title, author_id) VALUES (50, 'draft 50', 1)");
        JsonNode answer = gql("mutation { update_article(where: {id: {_eq: 50}}, _set: {is_published: true})"
                + " { affected_rows returning { id } } }", role("user", "X-Hasura-User-Id", "1"));
        JsonNode published = gql("{ article_by_pk(id: 50) { is_published } }", Map.of());
        runSql("DELETE FROM article WHERE id = 50");
        assertOnlyError(answer, "permission-error", "$", "check constraint of an insert/update permission has failed");
        assertThat(published).isEqualTo(data("{\"data\": {\"article_by_pk\": {\"is_published\": false}}}"));
    }

    @Test
    void update_ofRowsOutsideTheFilter_affectsNothing() {
        runSql("INSERT INTO article (id, title, author_id) VALUES (51, 'draft 51', 1)");
        JsonNode answer = gql("mutation { update_article(where: {id: {_eq: 51}}, _set: {content: \"v2\"})"
                + " { affected_rows returning { id content } } }", role("user", "X-Hasura-User-Id", "2"));
        runSql("DELETE FROM article WHERE id = 51");
        assertThat(answer).isEqualTo(data("{\"data\": {\"update_article\": {\"affected_rows\": 0, \"returning\": []}}}"));
    }

    @Test
    void update_ofAColumnNotInThePermission_isAValidationError() {
        assertOnlyError(gql("mutation { update_article(where: {}, _set: {author_id: 2}) { affected_rows } }",
                role("user", "X-Hasura-User-Id", "1")), "validation-failed", "$.selectionSet.update_article.args._set.author_id",
                "field 'author_id' not found in type: 'article_set_input'");
    }

    @Test
    void updatePreset_fromTheSession_overwritesTheColumn() {
        assertThat(gql("mutation { update_resident(where: {name: {_eq: \"clarke\"}}) { affected_rows returning { id name age city } } }",
                role("mover", "X-Hasura-City", "auckland"))).isEqualTo(data("""
                        {"data": {"update_resident": {"affected_rows": 1,
                          "returning": [{"id": 100, "name": "clarke", "age": 21, "city": "auckland"}]}}}"""));
    }

    @Test
    void updatePresetColumns_areNotInTheSetInput_andAMissingSessionVariableIsNotFound_inTheSingular() {
        assertOnlyError(gql("mutation { update_resident(where: {}, _set: {city: \"x\"}) { affected_rows } }",
                role("mover", "X-Hasura-City", "auckland")), "validation-failed",
                "$.selectionSet.update_resident.args._set.city", "field 'city' not found in type: 'resident_set_input'");
        assertOnlyError(gql("mutation { update_resident(where: {id: {_eq: 0}}, _set: {age: 1}) { affected_rows } }",
                role("mover")), "not-found", "$", "missing session variable: \"x-hasura-city\"");
        assertOnlyError(gql("mutation { insert_article(objects: [{title: \"t\", author_id: 1}]) { affected_rows } }",
                role("user")), "not-found", "$", "missing session variable: \"x-hasura-user-id\"");
    }

    @Test
    void updateFilter_withExists_overAnotherTable() {
        String update = "mutation { update_account(where: {account_no: {_eq: 1}}, _set: {account_no: 1})"
                + " { affected_rows returning { id account_no } } }";
        assertThat(gql(update, role("user", "X-Hasura-User-Id", "1")))
                .isEqualTo(data("{\"data\": {\"update_account\": {\"affected_rows\": 0, \"returning\": []}}}"));
        assertThat(gql(update, role("user", "X-Hasura-User-Id", "2")))
                .isEqualTo(data("{\"data\": {\"update_account\": {\"affected_rows\": 1, \"returning\": [{\"id\": 1, \"account_no\": 1}]}}}"));
    }

    @Test
    void delete_onlyRowsOfTheFilter_andItsWhereUsesOnlySelectableColumns() {
        runSql("INSERT INTO article (id, title, author_id) VALUES (52, 'to delete', 3), (53, 'to delete', 1)");
        JsonNode hidden = gql("mutation { delete_article(where: {author_id: {_eq: 3}}) { affected_rows } }",
                role("user", "X-Hasura-User-Id", "1"));
        JsonNode first = gql("mutation { delete_article(where: {title: {_eq: \"to delete\"}}) { affected_rows returning { id } } }",
                role("user", "X-Hasura-User-Id", "1"));
        JsonNode left = gql("{ article(where: {title: {_eq: \"to delete\"}}) { id } }", Map.of());
        runSql("DELETE FROM article WHERE id IN (52, 53)");
        assertOnlyError(hidden, "validation-failed", "$.selectionSet.delete_article.args.where.author_id",
                "field 'author_id' not found in type: 'article_bool_exp'");
        assertThat(first).isEqualTo(data("{\"data\": {\"delete_article\": {\"affected_rows\": 1, \"returning\": [{\"id\": 53}]}}}"));
        assertThat(left).isEqualTo(data("{\"data\": {\"article\": [{\"id\": 52}]}}"));
    }

    // --- metadata --------------------------------------------------------------------------------

    static TestHttp.Response metadata(String body) {
        return child.http.metadata(body);
    }

    static void assertMetadataError(TestHttp.Response response, int status, String code, String path, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.get("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(body.get("path").asText()).as(response.body()).isEqualTo(path);
        assertThat(body.get("error").asText()).as(response.body()).isEqualTo(error);
    }

    @Test
    void createPermission_twice_orForAdmin_isAlreadyExists() {
        assertMetadataError(metadata("""
                {"type": "pg_create_select_permission", "args": {"table": "author", "role": "user",
                   "permission": {"columns": "*", "filter": {}}}}"""), 400, "already-exists", "$.args",
                "select permission already defined on table \"author\" with role \"user\"");
        assertMetadataError(metadata("""
                {"type": "create_select_permission", "args": {"table": "author", "role": "admin",
                   "permission": {"columns": "*", "filter": {"id": "X-Hasura-User-Id"}}}}"""), 400, "already-exists", "$.args",
                "select permission already defined on table \"author\" with role \"admin\"");
    }

    @Test
    void dropPermission_thatDoesNotExist_isPermissionDenied() {
        assertMetadataError(metadata("""
                {"type": "drop_update_permission", "args": {"table": {"schema": "public", "name": "author"}, "role": "user"}}"""),
                400, "permission-denied", "$.args", "update permission on \"author\" for role \"user\" does not exist");
    }

    @Test
    void setPermissionComment_onAnExistingPermission_andOnAnAbsentOne() {
        TestHttp.Response set = metadata("""
                {"type": "pg_set_permission_comment", "args": {"table": "books", "role": "user", "type": "select",
                   "comment": "books for every user"}}""");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json()).isEqualTo(data("{\"message\": \"success\"}"));
        JsonNode exported = metadata("{\"type\": \"export_metadata\", \"args\": {}}").json();
        JsonNode books = null;
        for (JsonNode table : exported.at("/sources/0/tables")) {
            if (table.at("/table/name").asText().equals("books")) {
                books = table;
            }
        }
        assertThat(books).isNotNull();
        assertThat(books.at("/select_permissions/0/comment").asText()).isEqualTo("books for every user");
        assertMetadataError(metadata("""
                {"type": "set_permission_comment", "args": {"table": "books", "role": "user", "type": "delete", "comment": "x"}}"""),
                400, "permission-denied", "$.args", "'delete' permission on \"books\" for role \"user\" does not exist");
    }

    @Test
    void createAndDrop_ofALongRoleName_succeed() {
        String role = "this.is.really.a.very.long.and.long.role.more.than.63.characters.one";
        TestHttp.Response created = metadata("{\"type\": \"pg_create_insert_permission\", \"args\": {\"table\": \"author\", \"role\": \""
                + role + "\", \"permission\": {\"columns\": \"*\", \"check\": {}}}}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json()).isEqualTo(data("{\"message\": \"success\"}"));
        TestHttp.Response dropped = metadata("{\"type\": \"pg_drop_insert_permission\", \"args\": {\"table\": \"author\", \"role\": \""
                + role + "\"}}");
        assertThat(dropped.status()).as(dropped.body()).isEqualTo(200);
    }

    @Test
    void aggregateRootField_withoutAllowAggregations_isInvalidConfiguration() {
        assertMetadataError(metadata("""
                {"type": "pg_create_select_permission", "args": {"table": "author", "role": "user_with_no_aggregations",
                   "permission": {"filter": {}, "columns": ["name"], "query_root_fields": ["select", "select_aggregate"]}}}"""),
                400, "invalid-configuration", "$.args", "Inconsistent object: in table \"author\": in permission for role"
                        + " \"user_with_no_aggregations\": The \"select_aggregate\" root field can only be enabled in the"
                        + " query_root_fields or  the subscription_root_fields when \"allow_aggregations\" is set to true");
        TestHttp.Response allowed = metadata("""
                {"type": "pg_create_select_permission", "args": {"table": "author", "role": "aggregator",
                   "permission": {"filter": {}, "columns": ["name"], "allow_aggregations": true,
                                  "query_root_fields": ["select_aggregate"]}}}""");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(gql("{ __schema { queryType { fields { name } } } }", role("aggregator")))
                .isEqualTo(data("{\"data\": {\"__schema\": {\"queryType\": {\"fields\": [{\"name\": \"author_aggregate\"}]}}}}"));
        assertOnlyError(gql("{ author { name } }", role("aggregator")), "validation-failed", "$.selectionSet.author",
                "field 'author' not found in type: 'query_root'");
    }

    @Test
    void permissionOnAnUnknownColumn_isValidationFailed_namingIt() {
        TestHttp.Response response = metadata("""
                {"type": "pg_create_select_permission", "args": {"table": "author", "role": "reviewer",
                   "permission": {"columns": ["id", "nickname"], "filter": {}}}}""");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).isEqualTo("validation-failed");
        assertThat(response.json().get("error").asText()).contains("nickname");
        TestHttp.Response filter = metadata("""
                {"type": "pg_create_select_permission", "args": {"table": "author", "role": "reviewer",
                   "permission": {"columns": ["id"], "filter": {"nickname": {"_eq": "x"}}}}}""");
        assertThat(filter.status()).as(filter.body()).isEqualTo(400);
        assertThat(filter.json().get("code").asText()).isEqualTo("validation-failed");
        assertThat(filter.json().get("error").asText()).contains("nickname");
    }
}
