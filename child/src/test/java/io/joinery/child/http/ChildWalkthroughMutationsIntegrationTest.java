package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.http.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README walkthrough's aggregate and mutation steps, in README order on the README's tables,
 * asserting the exact response bodies the README shows.
 */
class ChildWalkthroughMutationsIntegrationTest {
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started(LibraryTables.AUTHORS_AND_ARTICLES, LibraryTables.TRACK_AUTHORS_AND_ARTICLES);
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    private static void step(String query, String expectedBody) {
        TestHttp.Response response = http.graphql(query);
        assertThat(response.body()).isEqualTo(expectedBody);
    }

    @Test
    void aggregatesThenEachMutation_inReadmeOrder() {
        step("{ author(order_by: {articles_aggregate: {count: desc}}) { name articles_aggregate { aggregate { count avg { rating } max { rating } } } } article_aggregate(where: {author_id: {_is_null: false}}) { aggregate { count sum { rating } } } }",
                "{\"data\":{\"author\":[{\"name\":\"Ada\",\"articles_aggregate\":{\"aggregate\" : {\"count\" : 2, \"avg\" : {\"rating\" : 4.0000000000000000}, \"max\" : {\"rating\" : 5}}}}, {\"name\":\"Grace\",\"articles_aggregate\":{\"aggregate\" : {\"count\" : 1, \"avg\" : {\"rating\" : 4.0000000000000000}, \"max\" : {\"rating\" : 4}}}}, {\"name\":\"Edsger\",\"articles_aggregate\":{\"aggregate\" : {\"count\" : 0, \"avg\" : {\"rating\" : null}, \"max\" : {\"rating\" : null}}}}],\"article_aggregate\":{\"aggregate\" : {\"count\" : 3, \"sum\" : {\"rating\" : 12}}}}}");
        step("mutation { insert_author_one(object: {name: \"Barbara\", articles: {data: [{title: \"CLU\", rating: 4}, {title: \"Abstraction\", rating: 5}]}}) { id name articles { id title } } }",
                "{\"data\":{\"insert_author_one\":{\"id\":4,\"name\":\"Barbara\",\"articles\":[{\"id\":5,\"title\":\"CLU\"}, {\"id\":6,\"title\":\"Abstraction\"}]}}}");
        step("mutation { insert_article(objects: [{title: \"GOTO considered harmful\", author_id: 3, rating: 5}, {title: \"Draft\"}]) { affected_rows returning { id title author { name } } } }",
                "{\"data\":{\"insert_article\":{\"affected_rows\" : 2, \"returning\" : [{\"id\":7,\"title\":\"GOTO considered harmful\",\"author\":{\"name\":\"Edsger\"}}, {\"id\":8,\"title\":\"Draft\",\"author\":null}]}}}");
        step("mutation { insert_author(objects: [{id: 3, name: \"Edsger W. Dijkstra\"}, {name: \"Alan\"}], on_conflict: {constraint: author_pkey, update_columns: [name]}) { affected_rows returning { id name } } }",
                "{\"data\":{\"insert_author\":{\"affected_rows\" : 2, \"returning\" : [{\"id\":3,\"name\":\"Edsger W. Dijkstra\"}, {\"id\":5,\"name\":\"Alan\"}]}}}");
        step("mutation { update_article(where: {author: {name: {_eq: \"Ada\"}}}, _inc: {rating: 1}) { affected_rows returning { title rating } } }",
                "{\"data\":{\"update_article\":{\"affected_rows\" : 2, \"returning\" : [{\"title\":\"Notes on the Analytical Engine\",\"rating\":6}, {\"title\":\"Sketch\",\"rating\":4}]}}}");
        step("mutation { update_author_by_pk(pk_columns: {id: 2}, _set: {name: \"Grace Hopper\"}) { id name articles { title } } }",
                "{\"data\":{\"update_author_by_pk\":{\"id\":2,\"name\":\"Grace Hopper\",\"articles\":[{\"title\":\"COBOL\"}]}}}");
        step("mutation { delete_article_by_pk(id: 4) { id title } delete_article(where: {rating: {_is_null: true}}) { affected_rows returning { title } } }",
                "{\"data\":{\"delete_article_by_pk\":{\"id\":4,\"title\":\"Orphan\"},\"delete_article\":{\"affected_rows\" : 1, \"returning\" : [{\"title\":\"Draft\"}]}}}");
        step("mutation { first: insert_author_one(object: {name: \"Kept?\"}) { id } second: insert_article_one(object: {title: \"Bad\", author_id: 999}) { id } }",
                "{\"errors\":[{\"message\":\"Foreign key violation. insert or update on table \\\"article\\\" violates foreign key constraint \\\"article_author_id_fkey\\\"\",\"extensions\":{\"path\":\"$.selectionSet.insert_article_one.args.object\",\"code\":\"constraint-violation\",\"internal\":{\"statement\":\"WITH m0 AS (INSERT INTO \\\"public\\\".\\\"article\\\" AS t0 (\\\"title\\\", \\\"author_id\\\") VALUES (($1)::text, ($2)::integer) RETURNING *) SELECT (SELECT row_to_json((SELECT \\\"o$\\\" FROM (SELECT t1.\\\"id\\\" AS \\\"id\\\") AS \\\"o$\\\")) FROM m0 AS t1 LIMIT 1) AS data\",\"prepared\":true,\"arguments\":[\"Bad\",\"999\"],\"error\":{\"status_code\":\"23503\",\"message\":\"insert or update on table \\\"article\\\" violates foreign key constraint \\\"article_author_id_fkey\\\"\"}}}}]}");
        step("{ author_aggregate(where: {name: {_eq: \"Kept?\"}}) { aggregate { count } } }",
                "{\"data\":{\"author_aggregate\":{\"aggregate\" : {\"count\" : 0}}}}");
    }
}
