package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.SqlStatement;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import io.joinery.core.observe.PrometheusText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query's compiled statement is cached per (snapshot, role, document, operation) even when the
 * role's permissions read session variables (issue 14): the session's values are bind parameters,
 * bound per request, so every session gets its own rows from the one cached template, and the
 * statement text Postgres prepares is the same for all of them. Each test uses its own query text,
 * so its first request fills the cache and the next ones hit it (counted by the `statements`
 * cache's metrics).
 * <p>
 * `reader`: articles whose author id is at most `X-Hasura-User-Id` (the benchmark's role).
 * `directory` inherits from `self` (its own author row, with `email`) and `everyone` (every author
 * row, without `email`): its row filter is empty, its `email` guard reads the session.
 */
class SessionVariableStatementCacheIntegrationTest {
    static ChildTestServer child;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("""
                CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, email text, user_id integer);
                CREATE TABLE article (id serial PRIMARY KEY, author_id integer REFERENCES author(id), title text NOT NULL);
                INSERT INTO author (name, email, user_id) VALUES ('Ada', 'ada@x', 1), ('Grace', 'grace@x', 2), ('Alan', 'alan@x', 3);
                INSERT INTO article (author_id, title) VALUES (1, 'a1'), (2, 'g1'), (3, 't1'), (1, 'a2');
                """, """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "pg_create_object_relationship", "args": {"table": "article", "name": "author",
                     "using": {"foreign_key_constraint_on": "author_id"}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "reader",
                     "permission": {"columns": ["id", "title", "author_id"], "filter": {"author_id": {"_lte": "X-Hasura-User-Id"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "reader",
                     "permission": {"columns": ["id", "name"], "filter": {"user_id": {"_eq": "X-Hasura-User-Id"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "self",
                     "permission": {"columns": ["id", "name", "email"], "filter": {"user_id": {"_eq": "X-Hasura-User-Id"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "everyone",
                     "permission": {"columns": ["id", "name"], "filter": {}}}},
                  {"type": "add_inherited_role", "args": {"role_name": "directory", "role_set": ["self", "everyone"]}}
                ]}""");
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    static JsonNode query(String query, String role, String userId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Hasura-Role", role);
        if (userId != null) {
            headers.put("X-Hasura-User-Id", userId);
        }
        TestHttp.Response response = child.http.graphql(query, null, headers);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    static double statementCacheHits() {
        TestHttp.Response metrics = child.http.get("/v1/metrics");
        assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
        return PrometheusText.parse(metrics.body()).value("cache_gets_total", "cache", "statements", "result", "hit");
    }

    static List<String> titles(JsonNode answer) {
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.at("/data/article").findValuesAsText("title");
    }

    @Test
    void twoSessions_sameQuery_eachGetsItsOwnRows_fromOneCachedStatement() {
        String query = "{ article(order_by: {id: asc}) { title author { name } } }";
        assertThat(titles(query(query, "reader", "1"))).containsExactly("a1", "a2");
        child.takeStatements();
        double hits = statementCacheHits();

        JsonNode two = query(query, "reader", "2");
        assertThat(two).isEqualTo(Json.parseBody("""
                {"data": {"article": [{"title": "a1", "author": null}, {"title": "g1", "author": {"name": "Grace"}},
                                      {"title": "a2", "author": null}]}}"""));
        assertThat(titles(query(query, "reader", "1"))).containsExactly("a1", "a2");
        assertThat(titles(query(query, "reader", "3"))).containsExactly("a1", "g1", "t1", "a2");
        assertThat(titles(query(query, "reader", "0"))).isEmpty();

        assertThat(statementCacheHits() - hits).isEqualTo(4);
        List<SqlStatement> sent = child.takeStatements();
        assertThat(sent).hasSize(4);
        // one text for every session (prepared once per connection); only the bound values differ
        assertThat(sent.stream().map(SqlStatement::text).distinct()).hasSize(1);
        assertThat(sent.stream().map(s -> s.params().get(0))).containsExactly("2", "1", "3", "0");
    }

    @Test
    void aMissingSessionVariable_isHasurasError_beforeAndAfterTheStatementIsCached() {
        String query = "{ article(order_by: {id: desc}) { title } }";
        // missing on the first request: the template is compiled (and cached), binding fails
        JsonNode missing = query(query, "reader", null);
        assertThat(missing.at("/errors/0/message").asText()).isEqualTo("missing session variables: \"x-hasura-user-id\"");
        assertThat(missing.at("/errors/0/extensions/code").asText()).isEqualTo("not-found");
        assertThat(missing.has("data")).isFalse();
        double hits = statementCacheHits();
        assertThat(titles(query(query, "reader", "1"))).containsExactly("a2", "a1");
        // missing after a session's answer came from the cached statement: still the error, never that answer
        child.takeStatements();
        JsonNode again = query(query, "reader", null);
        assertThat(again).isEqualTo(missing);
        assertThat(child.takeStatements()).isEmpty();
        assertThat(titles(query(query, "reader", "2"))).containsExactly("a2", "g1", "a1");
        assertThat(statementCacheHits() - hits).isEqualTo(3);
    }

    @Test
    void inheritedRole_aCellGuardedByASessionVariable_followsEachSession_throughTheCachedStatement() {
        // directory's row filter is empty (everyone sees every author); only the email guard reads the session
        String query = "{ author(order_by: {id: asc}) { name email } }";
        query(query, "directory", "3");
        double hits = statementCacheHits();
        assertThat(query(query, "directory", "1").at("/data/author")).isEqualTo(Json.parseBody("""
                [{"name": "Ada", "email": "ada@x"}, {"name": "Grace", "email": null}, {"name": "Alan", "email": null}]"""));
        assertThat(query(query, "directory", "2").at("/data/author")).isEqualTo(Json.parseBody("""
                [{"name": "Ada", "email": null}, {"name": "Grace", "email": "grace@x"}, {"name": "Alan", "email": null}]"""));
        assertThat(query(query, "directory", "1").at("/data/author/0/email").asText()).isEqualTo("ada@x");
        assertThat(query(query, "directory", null).at("/errors/0/message").asText())
                .isEqualTo("missing session variables: \"x-hasura-user-id\"");
        assertThat(statementCacheHits() - hits).isEqualTo(4);
    }

    @Test
    void anotherRole_withTheSameQuery_hasItsOwnStatement() {
        String query = "{ author(order_by: {id: desc}) { name } }";
        assertThat(query(query, "reader", "2").at("/data/author")).isEqualTo(Json.parseBody("[{\"name\": \"Grace\"}]"));
        assertThat(query(query, "directory", "2").at("/data/author")).isEqualTo(Json.parseBody(
                "[{\"name\": \"Alan\"}, {\"name\": \"Grace\"}, {\"name\": \"Ada\"}]"));
        assertThat(query(query, "reader", "3").at("/data/author")).isEqualTo(Json.parseBody("[{\"name\": \"Alan\"}]"));
    }
}
