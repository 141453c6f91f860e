package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.SqlStatement;
import io.joinery.core.http.TestHttp;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN: a query compiles to ONE SQL statement, however deep its relationships and however many rows. */
class OneStatementPerQueryIntegrationTest {
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("""
                CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL);
                CREATE TABLE article (id serial PRIMARY KEY, title text NOT NULL, author_id int NOT NULL REFERENCES author(id));
                CREATE TABLE comment (id serial PRIMARY KEY, body text NOT NULL, article_id int NOT NULL REFERENCES article(id));
                INSERT INTO author (name) SELECT 'author ' || i FROM generate_series(1, 300) i;
                INSERT INTO article (title, author_id) SELECT 'article ' || i, 1 + (i % 300) FROM generate_series(1, 1500) i;
                INSERT INTO comment (body, article_id) SELECT 'comment ' || i, 1 + (i % 1500) FROM generate_series(1, 3000) i;
                """, """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "pg_track_table", "args": {"table": "comment"}},
                  {"type": "pg_create_array_relationship", "args": {"table": "author", "name": "articles",
                     "using": {"foreign_key_constraint_on": {"table": "article", "columns": ["author_id"]}}}},
                  {"type": "pg_create_array_relationship", "args": {"table": "article", "name": "comments",
                     "using": {"foreign_key_constraint_on": {"table": "comment", "column": "article_id"}}}},
                  {"type": "pg_create_object_relationship", "args": {"table": "comment", "name": "article",
                     "using": {"foreign_key_constraint_on": "article_id"}}}
                ]}""");
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @Test
    void threeLevelsOfRelationshipsOverManyRows_runOneStatement() {
        child.takeStatements();
        TestHttp.Response response = http.graphql("""
                { author(order_by: {id: asc}) { id
                    articles(order_by: {id: asc}) { title
                      comments(order_by: {id: asc}) { body article { title } } } } }""");
        List<SqlStatement> sent = child.takeStatements();
        assertThat(sent).hasSize(1);
        JsonNode authors = response.json().at("/data/author");
        assertThat(authors).hasSize(300);
        int articles = 0;
        int comments = 0;
        for (JsonNode author : authors) {
            for (JsonNode article : author.get("articles")) {
                articles++;
                for (JsonNode comment : article.get("comments")) {
                    comments++;
                    assertThat(comment.at("/article/title").asText()).isEqualTo(article.get("title").asText());
                }
            }
        }
        assertThat(articles).isEqualTo(1500);
        assertThat(comments).isEqualTo(3000);
    }

    @Test
    void severalRootFields_stillOneStatement() {
        child.takeStatements();
        TestHttp.Response response = http.graphql(
                "{ a: author(limit: 2) { id } b: article(limit: 1) { id } c: comment_by_pk(id: 1) { body } }");
        assertThat(child.takeStatements()).hasSize(1);
        assertThat(response.json().at("/data/a")).hasSize(2);
        assertThat(response.json().at("/data/c/body").asText()).isEqualTo("comment 1");
    }

    @Test
    void aggregatesAtRootAndThroughRelationships_withWhereAndOrderBy_stillOneStatement() {
        child.takeStatements();
        TestHttp.Response response = http.graphql("""
                { article_aggregate { aggregate { count max { id } } }
                  author(where: {articles_aggregate: {count: {predicate: {_gte: 5}}}},
                         order_by: [{articles_aggregate: {count: desc}}, {id: asc}], limit: 3) {
                    id
                    articles_aggregate(limit: 2, order_by: {id: asc}) {
                      aggregate { count } nodes { comments_aggregate { aggregate { count } } } } } }""");
        assertThat(child.takeStatements()).hasSize(1);
        JsonNode data = response.json().get("data");
        assertThat(data.at("/article_aggregate/aggregate/count").asInt()).as(response.body()).isEqualTo(1500);
        assertThat(data.at("/article_aggregate/aggregate/max/id").asInt()).isEqualTo(1500);
        assertThat(data.get("author")).hasSize(3);
        assertThat(data.at("/author/0/articles_aggregate/aggregate/count").asInt()).isEqualTo(2);
        assertThat(data.at("/author/0/articles_aggregate/nodes/0/comments_aggregate/aggregate/count").asInt())
                .isEqualTo(2);
    }
}
