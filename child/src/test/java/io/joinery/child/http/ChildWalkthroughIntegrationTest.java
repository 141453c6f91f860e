package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README walkthrough, step by step, against a real child on embedded Postgres. */
class ChildWalkthroughIntegrationTest {
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.onFreshDatabase();
        http = child.http;
        TestHttp.Response created = http.runSql(LibraryTables.AUTHORS_AND_ARTICLES);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json()).isEqualTo(Json.parseBody("{\"result_type\":\"CommandOk\",\"result\":null}"));
        TestHttp.Response tracked = http.metadata(LibraryTables.TRACK_AUTHORS_AND_ARTICLES);
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        assertThat(tracked.json().size()).isEqualTo(4);
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @Test
    void authorToArticlesToAuthor_withWhereOrderByLimit() {
        TestHttp.Response response = http.graphql("""
                { author(order_by: {id: asc}) {
                    id name
                    articles(where: {rating: {_gte: 3}}, order_by: {rating: desc}, limit: 1) {
                      title rating author { name } } } }""");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(Json.parseBody("""
                {"data": {"author": [
                  {"id": 1, "name": "Ada", "articles": [
                     {"title": "Notes on the Analytical Engine", "rating": 5, "author": {"name": "Ada"}}]},
                  {"id": 2, "name": "Grace", "articles": [{"title": "COBOL", "rating": 4, "author": {"name": "Grace"}}]},
                  {"id": 3, "name": "Edsger", "articles": []}]}}"""));
    }

    @Test
    void nullForeignKey_yieldsNullObject_andByPkMissingRow_yieldsNull() {
        TestHttp.Response response = http.graphql("""
                { article(where: {title: {_eq: "Orphan"}}) { title author { name } }
                  missing: author_by_pk(id: 999) { name }
                  ada: author_by_pk(id: 1) { name } }""");
        assertThat(response.json()).isEqualTo(Json.parseBody("""
                {"data": {"article": [{"title": "Orphan", "author": null}],
                          "missing": null, "ada": {"name": "Ada"}}}"""));
    }

    @Test
    void filterThroughRelationship_andVariables() {
        TestHttp.Response response = http.graphql(
                "query Q($name: String!) { article(where: {author: {name: {_eq: $name}}}, order_by: {id: asc}) { title } }",
                "{\"name\": \"Ada\"}", java.util.Map.of());
        assertThat(response.json()).isEqualTo(Json.parseBody(
                "{\"data\": {\"article\": [{\"title\": \"Notes on the Analytical Engine\"}, {\"title\": \"Sketch\"}]}}"));
    }

    @Test
    void introspectionMixedWithData_keepsSelectionOrder() {
        TestHttp.Response response = http.graphql(
                "{ first: author_by_pk(id: 2) { name } __type(name: \"author\") { name } __typename }");
        assertThat(response.body()).startsWith("{\"data\":{\"first\":");
        assertThat(response.json()).isEqualTo(Json.parseBody(
                "{\"data\": {\"first\": {\"name\": \"Grace\"}, \"__type\": {\"name\": \"author\"}, \"__typename\": \"query_root\"}}"));
    }

    @Test
    void exportMetadata_listsTablesAndRelationships() {
        TestHttp.Response response = http.metadata("{\"type\": \"export_metadata\", \"args\": {}}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("version").asInt()).isEqualTo(3);
        assertThat(response.json().at("/sources/0/tables")).hasSize(2);
        assertThat(response.json().at("/sources/0/tables/0/table/name").asText()).isEqualTo("article");
        assertThat(response.json().at("/sources/0/tables/0/object_relationships/0/name").asText()).isEqualTo("author");
    }
}
