package io.joinery.child.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.schema.GraphQLSchema;
import io.joinery.child.db.Database;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.GoldenFiles;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Compiled statements run on real Postgres and return exactly the JSON a Hasura client expects. */
class SqlCompilerIntegrationTest {
    private static final ResolvedModel MODEL = LibraryFixture.model();
    private static final GraphQLSchema SCHEMA = ChildSchemaBuilder.build(MODEL, "admin");
    private static final SqlCompiler COMPILER = new SqlCompiler(MODEL);
    private static Database db;

    @BeforeAll
    static void createTables() {
        db = TestDatabase.fresh();
        db.runSqlExecutor().run(LibraryFixture.DDL + """
                INSERT INTO author (id, name, bio) VALUES (1, 'Ada', 'math'), (2, 'Brian', NULL), (3, 'Cleo', 'x');
                INSERT INTO article (id, title, rating, author_id, published_at) VALUES
                  (1, 'SQL intro', 5, 1, '2024-05-01 10:00:00+00'), (2, 'Joins', 3, 1, NULL),
                  (3, 'Draft', NULL, 1, NULL), (4, 'Go', 4, 2, '2024-06-01 12:30:00+00'), (5, 'Orphan', 2, NULL, NULL);
                INSERT INTO comment (id, article_id, body) VALUES (1, 1, 'great'), (2, 1, 'meh'), (3, 4, 'Great stuff');
                INSERT INTO other.profile VALUES
                  ('1c0a4b9e-0000-4000-8000-000000000001', 1, '{"theme": "dark", "n": [1, 2]}', 12.50,
                   9007199254740993, 'ada', '2024-05-01 10:00:00+00'),
                  ('1c0a4b9e-0000-4000-8000-000000000002', NULL, NULL, NULL, NULL, NULL, NULL);
                """, false).block();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void nestedRelationships_withWhereOrderByLimit_comeBackInSelectionOrder() {
        assertData("""
                { author(where: {id: {_in: [1, 2]}}, order_by: {name: desc}) {
                    name
                    posts: articles(where: {rating: {_is_null: false}}, order_by: {rating: desc}, limit: 2) {
                      title rating author { name }
                    }
                } }""", Map.of(), """
                {"author": [
                  {"name": "Brian", "posts": [{"title": "Go", "rating": 4, "author": {"name": "Brian"}}]},
                  {"name": "Ada", "posts": [{"title": "SQL intro", "rating": 5, "author": {"name": "Ada"}},
                                            {"title": "Joins", "rating": 3, "author": {"name": "Ada"}}]}
                ]}""");
    }

    @Test
    void typeOutputForms_arePostgresJson() {
        assertData("""
                { other_profile(order_by: {id: asc}) { id settings score visits handle created_at } }""", Map.of(), """
                {"other_profile": [
                  {"id": "1c0a4b9e-0000-4000-8000-000000000001", "settings": {"n": [1, 2], "theme": "dark"},
                   "score": 12.50, "visits": 9007199254740993, "handle": "ada",
                   "created_at": "2024-05-01T10:00:00+00:00"},
                  {"id": "1c0a4b9e-0000-4000-8000-000000000002", "settings": null, "score": null, "visits": null,
                   "handle": null, "created_at": null}
                ]}""");
        assertThat(run("{ other_profile_by_pk(id: \"1c0a4b9e-0000-4000-8000-000000000001\") { score } }", Map.of()))
                .isEqualTo("{\"other_profile_by_pk\":{\"score\":12.50}}");
    }

    @Test
    void nullForeignKey_yieldsNullObject_andNoRows_yieldEmptyArray() {
        assertData("""
                { article(where: {id: {_eq: 5}}) { title author { name } }
                  author(where: {id: {_eq: 3}}) { name articles { id } profile { handle } } }""", Map.of(), """
                {"article": [{"title": "Orphan", "author": null}],
                 "author": [{"name": "Cleo", "articles": [], "profile": null}]}""");
    }

    @Test
    void orderBy_ascNullsLast_descNullsFirst_andThroughObjectRelationship() {
        assertData("""
                { asc: article(order_by: {rating: asc}) { id }
                  desc: article(order_by: {rating: desc}) { id }
                  byAuthor: article(order_by: [{author: {name: desc_nulls_last}}, {id: desc}]) { id }
                  keysAsWritten: article(order_by: {rating: desc_nulls_last, id: asc}) { id } }""", Map.of(), """
                {"asc": [{"id": 5}, {"id": 2}, {"id": 4}, {"id": 1}, {"id": 3}],
                 "desc": [{"id": 3}, {"id": 1}, {"id": 4}, {"id": 2}, {"id": 5}],
                 "byAuthor": [{"id": 4}, {"id": 3}, {"id": 2}, {"id": 1}, {"id": 5}],
                 "keysAsWritten": [{"id": 1}, {"id": 4}, {"id": 2}, {"id": 5}, {"id": 3}]}""");
    }

    @Test
    void whereOperators_filterOnPostgres() {
        assertData("""
                { nin: article(where: {id: {_nin: [1, 2, 3]}}, order_by: {id: asc}) { id }
                  ilike: comment(where: {body: {_ilike: "great%"}}, order_by: {id: asc}) { id }
                  regex: author(where: {name: {_regex: "^[AB]"}, _not: {bio: {_is_null: true}}}) { name }
                  orEmpty: author(where: {_or: []}) { id }
                  orInRelationship: author(where: {id: {_eq: 2}}) {
                    articles(where: {_or: [{rating: {_eq: 4}}, {rating: {_eq: 3}}]}) { id } }
                  related: author(where: {articles: {comments: {body: {_eq: "meh"}}}}) { name }
                  relatedObject: comment(where: {article: {author: {name: {_eq: "Brian"}}}}) { id }
                  json: other_profile(where: {settings: {_has_key: "theme", _contains: {n: [2]},
                                                         _has_keys_all: ["n", "theme"]}}) { handle }
                  notTruncated: other_profile(where: {handle: {_eq: "ada-but-longer-than-twenty-chars"}}) { id }
                  big: other_profile(where: {visits: {_gt: "9007199254740992"}, score: {_eq: 12.5}}) { handle } }""",
                Map.of(), """
                {"nin": [{"id": 4}, {"id": 5}], "ilike": [{"id": 1}, {"id": 3}], "regex": [{"name": "Ada"}],
                 "orEmpty": [], "orInRelationship": [{"articles": [{"id": 4}]}], "related": [{"name": "Ada"}], "relatedObject": [{"id": 3}],
                 "json": [{"handle": "ada"}], "notTruncated": [], "big": [{"handle": "ada"}]}""");
    }

    @Test
    void distinctOn_limitOffset_byPk_typename_variables() {
        assertData("""
                query Q($id: Int!, $w: article_bool_exp) {
                  __typename
                  firstPerAuthor: article(distinct_on: author_id, order_by: [{author_id: asc}, {rating: desc_nulls_last}]) {
                    author_id title
                  }
                  page: article(order_by: {id: asc}, limit: 2, offset: 1, where: $w) { id }
                  author_by_pk(id: $id) { __typename name }
                  missing: author_by_pk(id: 99) { name }
                }""", Map.of("id", 2, "w", Map.of("rating", Map.of("_gte", 2))), """
                {"__typename": "query_root",
                 "firstPerAuthor": [{"author_id": 1, "title": "SQL intro"}, {"author_id": 2, "title": "Go"},
                                    {"author_id": null, "title": "Orphan"}],
                 "page": [{"id": 2}, {"id": 4}],
                 "author_by_pk": {"__typename": "author", "name": "Brian"},
                 "missing": null}""");
    }

    /**
     * Windows whose objects read only their own columns choose their rows first and build the
     * objects of the kept rows only (SelectRenderer#rowsFirst): order, offset, distinct_on and a
     * relationship in order_by keep their meaning, at the root and in a relationship (the kept rows
     * correlated on the parent row).
     */
    @Test
    void windowsOfOwnColumns_sortedByAnyColumn_keepOrderOffsetAndDistinctOn() {
        assertData("""
                { byTitle: article(order_by: {title: desc}, limit: 2, offset: 1) { id title __typename }
                  lowRated: article(order_by: [{rating: asc_nulls_first}, {id: desc}], limit: 3) { id rating }
                  byAuthorName: article(order_by: [{author: {name: desc_nulls_last}}, {id: asc}], limit: 3) { title }
                  lastPerAuthor: article(distinct_on: author_id, order_by: [{author_id: desc_nulls_last}, {id: desc}],
                                         limit: 2) { author_id id }
                  author(order_by: {id: asc}) { name best: articles(order_by: {rating: desc_nulls_last}, limit: 1) { title } } }""",
                Map.of(), """
                {"byTitle": [{"id": 5, "title": "Orphan", "__typename": "article"},
                             {"id": 2, "title": "Joins", "__typename": "article"}],
                 "lowRated": [{"id": 3, "rating": null}, {"id": 5, "rating": 2}, {"id": 2, "rating": 3}],
                 "byAuthorName": [{"title": "Go"}, {"title": "SQL intro"}, {"title": "Joins"}],
                 "lastPerAuthor": [{"author_id": 2, "id": 4}, {"author_id": 1, "id": 3}],
                 "author": [{"name": "Ada", "best": [{"title": "SQL intro"}]}, {"name": "Brian", "best": [{"title": "Go"}]},
                            {"name": "Cleo", "best": []}]}""");
    }

    @Test
    void aggregates_followPostgresAndHasuraTypes() {
        assertData("""
                { article_aggregate(where: {rating: {_gt: 1}}) {
                    aggregate { count rated: count(columns: [rating]) authors: count(columns: [author_id], distinct: true)
                                sum { rating } avg { rating } max { title published_at } min { rating }
                                var_samp { rating } __typename }
                    nodes { id }
                    __typename }
                  empty: article_aggregate(where: {id: {_eq: 99}}) {
                    aggregate { count sum { rating } max { title } } nodes { id } } }""", Map.of(), """
                {"article_aggregate": {
                   "aggregate": {"count": 4, "rated": 4, "authors": 2, "sum": {"rating": 14},
                                 "avg": {"rating": 3.5000000000000000}, "max": {"title": "SQL intro",
                                 "published_at": "2024-06-01T12:30:00+00:00"}, "min": {"rating": 2},
                                 "var_samp": {"rating": 1.6666666666666667}, "__typename": "article_aggregate_fields"},
                   "nodes": [{"id": 1}, {"id": 2}, {"id": 4}, {"id": 5}],
                   "__typename": "article_aggregate"},
                 "empty": {"aggregate": {"count": 0, "sum": {"rating": null}, "max": {"title": null}}, "nodes": []}}""");
    }

    @Test
    void arrayRelationshipAggregates_withWindow_whereAndOrderBy() {
        assertData("""
                { author(order_by: [{articles_aggregate: {count: desc}}, {id: asc}]) {
                    name
                    top: articles_aggregate(order_by: {rating: desc_nulls_last}, limit: 2) {
                      aggregate { count sum { rating } } nodes { title } }
                  }
                  prolific: author(where: {articles_aggregate: {count: {predicate: {_gte: 2},
                                                                         filter: {rating: {_is_null: false}}}}}) { name }
                  byBest: author(order_by: {articles_aggregate: {max: {rating: desc_nulls_last}}}) { name } }""",
                Map.of(), """
                {"author": [
                   {"name": "Ada", "top": {"aggregate": {"count": 2, "sum": {"rating": 8}},
                                           "nodes": [{"title": "SQL intro"}, {"title": "Joins"}]}},
                   {"name": "Brian", "top": {"aggregate": {"count": 1, "sum": {"rating": 4}}, "nodes": [{"title": "Go"}]}},
                   {"name": "Cleo", "top": {"aggregate": {"count": 0, "sum": {"rating": null}}, "nodes": []}}],
                 "prolific": [{"name": "Ada"}],
                 "byBest": [{"name": "Ada"}, {"name": "Brian"}, {"name": "Cleo"}]}""");
    }

    @Test
    void manyFields_overFiftyKeys_stillOneObjectInOrder() {
        StringBuilder query = new StringBuilder("{ author_by_pk(id: 1) {");
        StringBuilder expected = new StringBuilder("{\"author_by_pk\": {");
        for (int i = 0; i < 120; i++) {
            query.append(" f").append(i).append(": name");
            expected.append(i == 0 ? "" : ", ").append("\"f").append(i).append("\": \"Ada\"");
        }
        assertData(query.append(" } }").toString(), Map.of(), expected.append("}}").toString());
    }

    /** Every golden query runs on Postgres (the goldens are real SQL, not just text). */
    @TestFactory
    Stream<DynamicTest> everyGoldenQueryRuns() {
        return GoldenFiles.cases("golden/sql/query", ".graphql").map(c -> dynamicTest(c.name(), () -> {
            String json = run(c.input(), NormalizedQuery.variables(c));
            assertThat(Json.MAPPER.readTree(json).isObject()).isTrue();
        }));
    }

    /** Every golden mutation runs on Postgres, in one transaction that is then rolled back. */
    @TestFactory
    Stream<DynamicTest> everyGoldenMutationRuns() {
        return GoldenFiles.cases("golden/sql/mutation", ".graphql").map(c -> dynamicTest(c.name(),
                () -> runAndRollBack(SqlCompilerGoldenTest.compileMutation(COMPILER, c))));
    }

    /** Runs a mutation's statements in one transaction and rolls it back, so the shared data stays. */
    private static void runAndRollBack(List<SqlCompiler.MutationStatement> statements) {
        IllegalStateException rollback = new IllegalStateException("roll back");
        Throwable outcome = db.sqlRunner().inTransaction(session -> Flux.fromIterable(statements)
                        .concatMap(m -> m.answer() == null ? session.queryJson(m.write())
                                : session.query(m.write()).flatMap(rows -> session.queryJson(m.answerFor(
                                        (String) rows.get(0).get("rows"), ((Number) rows.get(0).get("affected_rows")).longValue()))))
                        .doOnNext(json -> assertThat(json.equals("null") || json.startsWith("{")).as(json).isTrue())
                        .then(Mono.<String>error(rollback)))
                .map(x -> (Throwable) null).onErrorResume(e -> Mono.just(e)).block();
        assertThat(outcome).isSameAs(rollback);
    }

    private static String run(String query, Map<String, Object> variables) {
        try {
            SqlStatement statement = COMPILER.compileQuery(NormalizedQuery.classified(SCHEMA, MODEL, query, variables));
            return db.sqlRunner().queryJson(statement).block();
        } catch (JoineryException e) {
            throw new AssertionError(e.toApiError().toString(), e);
        }
    }

    /** Compares as JSON, key order included (Jackson's tree equality ignores it, so compare the text). */
    private static void assertData(String query, Map<String, Object> variables, String expected) {
        String json = run(query, variables);
        try {
            JsonNode actual = Json.MAPPER.readTree(json);
            assertThat(Json.write(actual)).isEqualTo(Json.write(Json.MAPPER.readTree(expected)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
