package io.joinery.child.http;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Relationships from action outputs to tables read the tables with the role's select permission
 * (SPEC §10.2, §3.8): its filter in the join statement, its columns in the schema; a role without
 * one does not see the relationship at all. Roles `user` (own author row and articles, by
 * `x-hasura-user-id`) and `guest` (the action only).
 */
class ActionPermissionsIntegrationTest {
    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static ChildTestServer child;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("""
                CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, email text);
                CREATE TABLE article (id serial PRIMARY KEY, title text NOT NULL, author_id int REFERENCES author(id));
                INSERT INTO author (name, email) VALUES ('Ada', 'ada@x'), ('Grace', 'grace@x');
                INSERT INTO article (title, author_id) VALUES ('Notes', 1), ('Engines', 1), ('Compilers', 2);
                """, """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "set_custom_types", "args": {"objects": [
                     {"name": "Order", "fields": [{"name": "order_id", "type": "Int!"}, {"name": "author_id", "type": "Int"}],
                      "relationships": [
                        {"name": "author", "type": "object", "remote_table": "author", "field_mapping": {"author_id": "id"}},
                        {"name": "articles", "type": "array", "remote_table": "article",
                         "field_mapping": {"author_id": "author_id"}}]}]}},
                  {"type": "create_action", "args": {"name": "orders", "definition": {
                     "handler": "http://127.0.0.1:%d/orders", "output_type": "[Order!]!", "type": "query"}}},
                  {"type": "create_action_permission", "args": {"action": "orders", "role": "user"}},
                  {"type": "create_action_permission", "args": {"action": "orders", "role": "guest"}},
                  {"type": "pg_create_select_permission", "args": {"table": "author", "role": "user",
                     "permission": {"columns": ["id", "name"], "filter": {"id": {"_eq": "X-Hasura-User-Id"}}}}},
                  {"type": "pg_create_select_permission", "args": {"table": "article", "role": "user",
                     "permission": {"columns": ["title"], "filter": {"author_id": {"_eq": "X-Hasura-User-Id"}}}}}
                ]}""".formatted(handler.getPort()));
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @BeforeEach
    void stub() {
        handler.resetAll();
        handler.stubFor(post("/orders").willReturn(okJson(
                "[{\"order_id\": 1, \"author_id\": 1}, {\"order_id\": 2, \"author_id\": 2}]")));
    }

    static JsonNode query(String query, Map<String, String> session) {
        return child.http.graphql(query, null, session).json();
    }

    @Test
    void user_joinsOnlyRowsItsSelectPermissionAllows() {
        JsonNode data = query("{ orders { order_id author { name } articles(order_by: {title: asc}) { title } } }",
                Map.of("X-Hasura-Role", "user", "X-Hasura-User-Id", "1"));
        assertThat(data).isEqualTo(Json.parseBody("""
                {"data": {"orders": [
                  {"order_id": 1, "author": {"name": "Ada"}, "articles": [{"title": "Engines"}, {"title": "Notes"}]},
                  {"order_id": 2, "author": null, "articles": []}]}}"""));
        JsonNode hidden = query("{ orders { author { email } } }", Map.of("X-Hasura-Role", "user", "X-Hasura-User-Id", "1"));
        assertThat(hidden.at("/errors/0/message").asText()).isEqualTo("field 'email' not found in type: 'author'");
    }

    @Test
    void roleWithoutSelectPermission_doesNotSeeTheRelationships() {
        JsonNode data = query("{ orders { order_id } }", Map.of("X-Hasura-Role", "guest"));
        assertThat(data.at("/data/orders")).hasSize(2);
        JsonNode hidden = query("{ orders { author { name } } }", Map.of("X-Hasura-Role", "guest"));
        assertThat(hidden.at("/errors/0/message").asText()).isEqualTo("field 'author' not found in type: 'Order'");
    }
}
