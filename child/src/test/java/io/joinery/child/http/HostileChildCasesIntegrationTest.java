package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.time.Duration;
import java.util.Collections;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, hostile cases found by trying the child as a client would (black-box): a metadata
 * `bulk` of a thousand calls overflowed the stack applying it, dropped the connection and left the
 * metadata queue and `/healthz` stuck; `/healthz?strict=%zz` was a 500. Each is answered, within a
 * bound (a hang guard only), and the child serves metadata calls and queries right after.
 */
class HostileChildCasesIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL);"
                + " INSERT INTO author (name) VALUES ('Ada');",
                "{\"type\": \"pg_track_table\", \"args\": {\"table\": \"author\"}}");
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    private void stillServesMetadataAndQueries() {
        assertThat(http.get("/healthz").body()).isEqualTo("OK");
        assertThat(http.metadata("{\"type\": \"set_api_limits\", \"args\": {}}").status()).isEqualTo(200);
        assertThat(http.post("/v1/graphql", "{\"query\":\"{ author { name } }\"}").json())
                .isEqualTo(Json.parseBody("{\"data\":{\"author\":[{\"name\":\"Ada\"}]}}"));
    }

    @Test
    void bulkOfTwoThousandCalls_isAnswered() {
        String bulk = Collections.nCopies(2_000, "{\"type\": \"get_inconsistent_metadata\", \"args\": {}}").stream()
                .collect(Collectors.joining(",", "{\"type\": \"bulk\", \"args\": [", "]}"));

        TestHttp.Response reply = assertTimeoutPreemptively(HANG_GUARD, () -> http.metadata(bulk));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json()).hasSize(2_000);
        assertThat(reply.json().get(1_999)).isEqualTo(Json.parseBody("{\"is_consistent\":true,\"inconsistent_objects\":[]}"));
        stillServesMetadataAndQueries();
    }

    @Test
    void healthCheckWithAMalformedEscape_isNo500() {
        TestHttp.Response reply = http.get("/healthz?strict=%zz");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("OK");
        stillServesMetadataAndQueries();
    }
}
