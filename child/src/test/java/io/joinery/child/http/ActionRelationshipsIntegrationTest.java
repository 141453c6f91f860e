package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.SqlStatement;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The example of Hasura's "Action Relationships" page, end to end: a real handler (an in-test
 * Reactor Netty server) updates the author row and answers `{"author_id": ...}`; the action's
 * output type joins to `author`, and on to `articles`, in ONE SQL statement.
 *
 * <p>The handler is what a user would write: it updates the row through the child's own GraphQL
 * (`update_author_by_pk`), over HTTP, without blocking.
 */
class ActionRelationshipsIntegrationTest {
    static ChildTestServer child;
    static TestHttp http;
    static DisposableServer handler;

    @BeforeAll
    static void start() {
        child = ChildTestServer.onFreshDatabase();
        http = child.http;
        handler = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/update-author", (request, response) -> request.receive().aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .flatMap(body -> {
                            JsonNode input = Json.parseBody(body).get("input");
                            String update = Json.write(Json.object()
                                    .put("query", "mutation ($id: Int!, $name: String!) { update_author_by_pk("
                                            + "pk_columns: {id: $id}, _set: {name: $name}) { id } }")
                                    .set("variables", input));
                            return HttpClient.create().headers(h -> h.set("Content-Type", "application/json"))
                                    .post().uri("http://127.0.0.1:" + child.app.port() + "/v1/graphql")
                                    .send(ByteBufFlux.fromString(Mono.just(update)))
                                    .responseSingle((status, content) -> content.asString())
                                    .map(answer -> "{\"author_id\": "
                                            + Json.parseBody(answer).at("/data/update_author_by_pk/id").asInt() + "}");
                        })
                        .flatMap(json -> response.header("Content-Type", "application/json").sendString(Mono.just(json))
                                .then())))
                .bindNow();
        child.setUp(LibraryTables.AUTHORS_AND_ARTICLES, """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "pg_create_array_relationship", "args": {"table": "author", "name": "articles",
                     "using": {"foreign_key_constraint_on": {"table": "article", "columns": ["author_id"]}}}},
                  {"type": "set_custom_types", "args": {"objects": [{"name": "UpdateAuthorOutput",
                     "fields": [{"name": "author_id", "type": "Int!"}],
                     "relationships": [{"name": "updatedAuthor", "type": "object", "remote_table": "author",
                                        "field_mapping": {"author_id": "id"}}]}]}},
                  {"type": "create_action", "args": {"name": "updateAuthor", "definition": {
                     "handler": "http://127.0.0.1:%d/update-author", "output_type": "UpdateAuthorOutput",
                     "arguments": [{"name": "id", "type": "Int!"}, {"name": "name", "type": "String!"}],
                     "type": "mutation", "kind": "synchronous"}}}
                ]}""".formatted(handler.port()));
    }

    @AfterAll
    static void stop() {
        handler.disposeNow();
        child.close();
    }

    @Test
    void updateAuthor_returnsTheNewNameAndTheArticles_inOneStatement() {
        child.takeStatements();
        TestHttp.Response response = http.graphql("""
                mutation { updateAuthor(id: 1, name: "x") {
                  author_id updatedAuthor { name articles(order_by: {id: asc}) { title } } } }""");
        assertThat(response.json()).as(response.body()).isEqualTo(Json.parseBody("""
                {"data": {"updateAuthor": {"author_id": 1, "updatedAuthor": {"name": "x",
                  "articles": [{"title": "Notes on the Analytical Engine"}, {"title": "Sketch"}]}}}}"""));
        // the handler's own update_author_by_pk, then ONE statement for the whole action output
        List<SqlStatement> statements = child.takeStatements();
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).text()).startsWith("WITH m0 AS (UPDATE \"public\".\"author\"");
        assertThat(statements.get(1).text()).contains("jsonb_to_recordset");
    }

    @Test
    void mutationFields_runInDocumentOrder_tableFieldsAroundAnAction() {
        TestHttp.Response response = http.graphql("""
                mutation {
                  a: update_author_by_pk(pk_columns: {id: 2}, _set: {name: "Before"}) { name }
                  b: updateAuthor(id: 2, name: "After") { updatedAuthor { name } }
                  c: update_author(where: {name: {_eq: "After"}}, _set: {name: "Seen"}) { affected_rows } }""");
        // c sees the action's write, and the action's join sees a's: nothing ran out of order
        assertThat(response.json()).as(response.body()).isEqualTo(Json.parseBody("""
                {"data": {"a": {"name": "Before"}, "b": {"updatedAuthor": {"name": "After"}},
                          "c": {"affected_rows": 1}}}"""));
    }

    @Test
    void withoutRelationships_noSql() {
        child.takeStatements();
        TestHttp.Response response = http.graphql("""
                mutation { a: updateAuthor(id: 2, name: "Grace") { author_id __typename } }""");
        assertThat(response.json()).as(response.body()).isEqualTo(Json.parseBody("""
                {"data": {"a": {"author_id": 2, "__typename": "UpdateAuthorOutput"}}}"""));
        assertThat(child.takeStatements()).as("only the handler's own update_author_by_pk")
                .singleElement().satisfies(update -> assertThat(update.text()).contains("UPDATE \"public\".\"author\""));
    }

    /** The README's walkthrough, byte for byte. */
    @Test
    void readmeWalkthrough() {
        TestHttp.Response response = http.graphql("""
                mutation { updateAuthor(id: 1, name: "Ada Lovelace") { author_id updatedAuthor { name articles(order_by: {id: asc}) { title } } } }""");
        assertThat(response.body()).isEqualTo("{\"data\":{\"updateAuthor\":{\"author_id\":1,\"updatedAuthor\":"
                + "{\"name\":\"Ada Lovelace\",\"articles\":[{\"title\":\"Notes on the Analytical Engine\"},"
                + "{\"title\":\"Sketch\"}]}}}}");
    }
}
