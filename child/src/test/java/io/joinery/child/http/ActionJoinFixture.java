package io.joinery.child.http;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * The tables, actions and `to_action` relationships (SPEC §12) of the action join tests: ten
 * articles by three authors and one without an author; `authorStats` (a query action) joined from
 * `author.stats`, `article.authorStats` and `UpdateAuthorOutput.stats`, and its output joined back
 * to `author` (so chains and cycles can be followed).
 */
final class ActionJoinFixture {
    private ActionJoinFixture() {}

    static final String SQL = """
            CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL);
            CREATE TABLE article (id serial PRIMARY KEY, title text NOT NULL, author_id integer REFERENCES author(id));
            INSERT INTO author (name) VALUES ('Ada'), ('Grace'), ('Edsger');
            INSERT INTO article (title, author_id) VALUES ('a1', 1), ('a2', 2), ('a3', 3), ('a4', 1), ('a5', 2),
              ('a6', 3), ('a7', 1), ('a8', 1), ('a9', 2), ('a10', 3), ('orphan', NULL);
            """;

    static final String TYPES = """
            {"objects": [
              {"name": "AuthorStats", "fields": [{"name": "author_id", "type": "Int!"}, {"name": "article_count", "type": "Int"}],
               "relationships": [{"name": "author", "type": "object", "remote_table": "author",
                                  "field_mapping": {"author_id": "id"}}]},
              {"name": "UpdateAuthorOutput", "fields": [{"name": "author_id", "type": "Int!"}],
               "relationships": [{"name": "updatedAuthor", "type": "object", "remote_table": "author",
                                  "field_mapping": {"author_id": "id"}}%s]}]}""";

    static final String OUTPUT_STATS = """
            , {"name": "stats", "definition": {"to_action": {"action": "authorStats",
                                                            "arguments": {"author_id": "$author_id"}}}}""";

    static String metadata(String base) {
        return """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "pg_create_array_relationship", "args": {"table": "author", "name": "articles",
                     "using": {"foreign_key_constraint_on": {"table": "article", "columns": ["author_id"]}}}},
                  {"type": "set_custom_types", "args": %2$s},
                  {"type": "create_action", "args": {"name": "authorStats", "definition": {
                     "handler": "%1$s/author-stats", "output_type": "AuthorStats", "type": "query",
                     "arguments": [{"name": "author_id", "type": "Int!"}],
                     "headers": [{"name": "X-Source", "value": "joinery"}], "forward_client_headers": true}}},
                  {"type": "create_action", "args": {"name": "slowStats", "definition": {
                     "handler": "%1$s/slow-stats", "output_type": "AuthorStats", "type": "query", "timeout": 1,
                     "arguments": [{"name": "author_id", "type": "Int!"}]}}},
                  {"type": "create_action", "args": {"name": "updateAuthor", "definition": {
                     "handler": "%1$s/update-author", "output_type": "UpdateAuthorOutput",
                     "arguments": [{"name": "id", "type": "Int!"}, {"name": "name", "type": "String!"}]}}},
                  {"type": "set_custom_types", "args": %3$s},
                  {"type": "pg_create_remote_relationship", "args": {"source": "default", "table": "article",
                     "name": "authorStats", "definition": {"to_action": {"action": "authorStats",
                                                                        "arguments": {"author_id": "$author_id"}}}}},
                  {"type": "pg_create_remote_relationship", "args": {"table": "author", "name": "stats",
                     "definition": {"to_action": {"action": "authorStats", "lhs_fields": ["id"],
                                                  "arguments": {"author_id": "$id"}}}}},
                  {"type": "pg_create_remote_relationship", "args": {"table": "author", "name": "slow",
                     "definition": {"to_action": {"action": "slowStats", "arguments": {"author_id": "$id"}}}}},
                  {"type": "create_action_permission", "args": {"action": "updateAuthor", "role": "user"}}
                ]}""".formatted(base, TYPES.formatted(""), TYPES.formatted(OUTPUT_STATS));
    }

    /** `authorStats` answers `{"author_id": n, "article_count": 10 * n}` for authors 1 to 3. */
    static void stubStats(WireMockExtension handler) {
        for (int id = 1; id <= 3; id++) {
            handler.stubFor(post(urlEqualTo("/author-stats"))
                    .withRequestBody(matchingJsonPath("$.input.author_id", equalTo(Integer.toString(id))))
                    .willReturn(okJson("{\"author_id\": " + id + ", \"article_count\": " + (10 * id) + "}")));
        }
    }
}
