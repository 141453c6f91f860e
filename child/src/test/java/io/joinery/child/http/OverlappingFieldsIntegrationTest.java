package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The child validates overlapping fields with the gateway's rule (issue 11 item 2,
 * `OverlappingFieldsChecker`): its types are all object types, so fields that share a response
 * key on one table type still must agree, with graphql-java's messages, and equal fields from
 * fragments are merged.
 */
class OverlappingFieldsIntegrationTest {
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("""
                CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, bio text);
                INSERT INTO author (name) VALUES ('Ada');
                """, """
                {"type": "pg_track_table", "args": {"table": "author"}}""");
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @Test
    void sameKeyForTwoColumnsOfOneTable_isRefused() {
        JsonNode error = MutationIntegrationTest.onlyError(http.graphql("{ author { x: name x: bio } }"));

        assertThat(error.at("/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(error.get("message").asText()).isEqualTo("'author/x' : fields have different nullability shapes");
    }

    @Test
    void sameFieldsFromFragments_areMerged() {
        TestHttp.Response response = http.graphql("""
                { author { x: name ...F ... on author { id x: name } } } fragment F on author { x: name id }""");

        assertThat(response.json().has("errors")).as(response.body()).isFalse();
        assertThat(response.json().get("data")).isEqualTo(Json.parseBody("{\"author\": [{\"x\": \"Ada\", \"id\": 1}]}"));
    }
}
