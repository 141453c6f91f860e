package io.joinery.child.http;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Relationships from action outputs to tables (SPEC §3.8): list outputs, nested objects, null join
 * keys, several mapped columns, array arguments; ONE handler call and ONE SQL statement per action field.
 */
class ActionOutputJoinIntegrationTest {
    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("""
                CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL);
                CREATE TABLE article (id serial PRIMARY KEY, title text NOT NULL, author_id int REFERENCES author(id));
                INSERT INTO author (name) VALUES ('Ada'), ('Grace');
                INSERT INTO article (title, author_id) VALUES ('Notes', 1), ('Engines', 1), ('Compilers', 2);
                """, """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "pg_create_object_relationship", "args": {"table": "article", "name": "author",
                     "using": {"foreign_key_constraint_on": "author_id"}}},
                  {"type": "set_custom_types", "args": {"objects": [
                     {"name": "Order", "fields": [{"name": "order_id", "type": "Int!"}, {"name": "author_id", "type": "Int"},
                                                  {"name": "lines", "type": "[Line!]"}, {"name": "key", "type": "Key"}],
                      "relationships": [
                        {"name": "author", "type": "object", "remote_table": "author", "field_mapping": {"author_id": "id"}},
                        {"name": "articles", "type": "array", "remote_table": {"schema": "public", "name": "article"},
                         "field_mapping": {"author_id": "author_id"}}]},
                     {"name": "Line", "fields": [{"name": "sku", "type": "String!"}, {"name": "author_id", "type": "Int"}],
                      "relationships": [{"name": "writer", "type": "object", "remote_table": "author",
                                         "field_mapping": {"author_id": "id"}}]},
                     {"name": "Key", "fields": [{"name": "author_id", "type": "Int"}, {"name": "title", "type": "String"}],
                      "relationships": [{"name": "article", "type": "object", "remote_table": "article",
                                         "field_mapping": {"author_id": "author_id", "title": "title"}}]}]}},
                  {"type": "create_action", "args": {"name": "orders", "definition": {
                     "handler": "http://127.0.0.1:%d/orders", "output_type": "[Order!]!", "type": "query"}}}
                ]}""".formatted(handler.getPort()));
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @BeforeEach
    void reset() {
        handler.resetAll();
        child.takeStatements();
    }

    @Test
    void listOutput_nestedObjects_nullKeys_oneCallAndOneStatement() {
        handler.stubFor(post("/orders").willReturn(okJson("""
                [{"order_id": 1, "author_id": 1, "lines": [{"sku": "a", "author_id": 2}, {"sku": "b", "author_id": null}],
                  "key": {"author_id": 2, "title": "Compilers"}},
                 {"order_id": 2, "author_id": null, "lines": [], "key": {"author_id": 1, "title": "Compilers"}},
                 {"order_id": 3, "author_id": "2"}]""")));
        TestHttp.Response response = http.graphql("""
                { orders { order_id
                    author { name }
                    articles(order_by: {id: desc}, limit: 1) { title author { name } }
                    lines { sku writer { name } }
                    key { article { id title } } } }""");
        assertThat(response.json()).as(response.body()).isEqualTo(Json.parseBody("""
                {"data": {"orders": [
                  {"order_id": 1, "author": {"name": "Ada"}, "articles": [{"title": "Engines", "author": {"name": "Ada"}}],
                   "lines": [{"sku": "a", "writer": {"name": "Grace"}}, {"sku": "b", "writer": null}],
                   "key": {"article": {"id": 3, "title": "Compilers"}}},
                  {"order_id": 2, "author": null, "articles": null, "lines": [], "key": {"article": null}},
                  {"order_id": 3, "author": {"name": "Grace"}, "articles": [{"title": "Compilers", "author": {"name": "Grace"}}],
                   "lines": null, "key": null}]}}"""));
        handler.verify(1, postRequestedFor(urlEqualTo("/orders")));
        assertThat(child.takeStatements()).hasSize(1);
    }

    @Test
    void mappedFieldNotSelected_orAliasedToAnotherField_stillJoins() {
        handler.stubFor(post("/orders").willReturn(okJson("[{\"order_id\": 7, \"author_id\": 1}]")));
        TestHttp.Response response = http.graphql("{ orders { author_id: order_id author { id } } }");
        assertThat(response.json()).as(response.body()).isEqualTo(Json.parseBody(
                "{\"data\": {\"orders\": [{\"author_id\": 7, \"author\": {\"id\": 1}}]}}"));
    }

    @Test
    void twoActionFields_oneStatementEach() {
        handler.stubFor(post("/orders").willReturn(okJson("[{\"order_id\": 7, \"author_id\": 1}]")));
        TestHttp.Response response = http.graphql("{ a: orders { author { name } } b: orders { articles { id } } }");
        assertThat(response.json().at("/data/a/0/author/name").asText()).as(response.body()).isEqualTo("Ada");
        assertThat(response.json().at("/data/b/0/articles")).hasSize(2);
        handler.verify(2, postRequestedFor(urlEqualTo("/orders")));
        assertThat(child.takeStatements()).hasSize(2);
    }

    @Test
    void arrayRelationshipAggregate_withArguments_inTheSameStatement() {
        handler.stubFor(post("/orders").willReturn(okJson(
                "[{\"order_id\": 1, \"author_id\": 1}, {\"order_id\": 2, \"author_id\": 2}, {\"order_id\": 3}]")));
        TestHttp.Response response = http.graphql("""
                { orders { order_id
                    articles_aggregate(where: {title: {_neq: "Notes"}}) { aggregate { count max { title } }
                                                                          nodes { title } } } }""");
        assertThat(response.json()).as(response.body()).isEqualTo(Json.parseBody("""
                {"data": {"orders": [
                  {"order_id": 1, "articles_aggregate": {"aggregate": {"count": 1, "max": {"title": "Engines"}},
                                                          "nodes": [{"title": "Engines"}]}},
                  {"order_id": 2, "articles_aggregate": {"aggregate": {"count": 1, "max": {"title": "Compilers"}},
                                                          "nodes": [{"title": "Compilers"}]}},
                  {"order_id": 3, "articles_aggregate": null}]}}"""));
        handler.verify(1, postRequestedFor(urlEqualTo("/orders")));
        assertThat(child.takeStatements()).hasSize(1);
    }

    @Test
    void uncastableJoinValue_isADataException() {
        handler.stubFor(post("/orders").willReturn(okJson("[{\"order_id\": 7, \"author_id\": \"seven\"}]")));
        TestHttp.Response response = http.graphql("{ orders { author { name } } }");
        assertThat(response.json().has("data")).as(response.body()).isFalse();
        assertThat(response.json().at("/errors/0/extensions/code").asText()).isEqualTo("data-exception");
    }

    @Test
    void relationshipFields_areNullableInTheSchema() {
        TestHttp.Response response = http.graphql("""
                { __type(name: "Order") { fields { name type { kind name ofType { kind ofType { kind name } } } } } }""");
        var fields = response.json().at("/data/__type/fields");
        assertThat(fields.get(4).get("name").asText()).isEqualTo("author");
        assertThat(fields.get(4).at("/type/kind").asText()).isEqualTo("OBJECT");
        assertThat(fields.get(5).get("name").asText()).isEqualTo("articles");
        assertThat(fields.get(5).at("/type/kind").asText()).isEqualTo("LIST");
        assertThat(fields.get(5).at("/type/ofType/kind").asText()).isEqualTo("NON_NULL");
    }
}
