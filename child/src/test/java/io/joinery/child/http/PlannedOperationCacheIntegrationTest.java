package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.http.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A variable-free operation is normalized once per (metadata version, role, query, operationName)
 * and its root fields reused: the same answers and the same errors as when every request
 * normalized it again; operations with variables, and requests that send variables, are
 * normalized per request.
 */
class PlannedOperationCacheIntegrationTest {
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("""
                CREATE TABLE note (id int PRIMARY KEY, body text, score numeric);
                INSERT INTO note VALUES (1, 'früh 🚀', 1.50), (2, NULL, NULL), (3, 'c', 10);
                """, """
                {"type": "pg_track_table", "args": {"table": "note"}}""");
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @Test
    void sameQueryAgain_sameBytes() {
        String query = "{ note(order_by: {id: asc}) { id body score } }";
        String first = http.graphql(query).body();
        assertThat(first).isEqualTo("{\"data\":{\"note\":[{\"id\":1,\"body\":\"früh 🚀\",\"score\":1.50}, "
                + "{\"id\":2,\"body\":null,\"score\":null}, {\"id\":3,\"body\":\"c\",\"score\":10}]}}");
        for (int i = 0; i < 3; i++) {
            assertThat(http.graphql(query).body()).isEqualTo(first);
        }
    }

    @Test
    void variablesSentToAVariableFreeOperation_stillRefusedOnceItIsCached() {
        String query = "{ note_by_pk(id: 3) { body } }";
        assertThat(http.graphql(query).body()).isEqualTo("{\"data\":{\"note_by_pk\":{\"body\":\"c\"}}}");
        TestHttp.Response refused = http.graphql(query, "{\"id\": 1}", Map.of());
        assertThat(refused.json().at("/errors/0/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(refused.json().at("/errors/0/message").asText())
                .isEqualTo("unexpected variables in variableValues: id");
        assertThat(http.graphql(query).body()).isEqualTo("{\"data\":{\"note_by_pk\":{\"body\":\"c\"}}}");
    }

    @Test
    void operationWithVariables_answersEachRequestsValues() {
        String query = "query ($id: Int!) { note_by_pk(id: $id) { id } }";
        assertThat(http.graphql(query, "{\"id\": 1}", Map.of()).json().at("/data/note_by_pk/id").asInt()).isEqualTo(1);
        assertThat(http.graphql(query, "{\"id\": 3}", Map.of()).json().at("/data/note_by_pk/id").asInt()).isEqualTo(3);
        assertThat(http.graphql(query, null, Map.of()).json().at("/errors/0/message").asText())
                .isEqualTo("expecting a value for non-nullable variable: \"id\"");
    }

    @Test
    void skipAndIncludeWithLiterals_cachedAsNormalized() {
        String query = "{ note_by_pk(id: 1) { id body @skip(if: true) score @include(if: true) } }";
        for (int i = 0; i < 2; i++) {
            assertThat(http.graphql(query).body())
                    .isEqualTo("{\"data\":{\"note_by_pk\":{\"id\":1,\"score\":1.50}}}");
        }
    }
}
