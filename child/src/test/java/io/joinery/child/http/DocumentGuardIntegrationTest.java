package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.TestHttp;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The document guards through the child (SPEC §11.2): a fragment bomb and a long chain of fragments
 * are refused before validation, for admin too, and the server answers the next request. The hang
 * guard only bounds a run that would otherwise not end.
 */
class DocumentGuardIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.onFreshDatabase();
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    /** Ten fragments, each spreading the previous one ten times: 10^9 `__typename` fields once expanded. */
    static String fragmentBomb() {
        StringBuilder query = new StringBuilder("{ ...F9 }\nfragment F0 on query_root { __typename }\n");
        for (int level = 1; level < 10; level++) {
            query.append("fragment F").append(level).append(" on query_root {");
            query.append((" ...F" + (level - 1)).repeat(10)).append(" }\n");
        }
        return query.toString();
    }

    @Test
    void fragmentBomb_isRefused_andTheServerKeepsAnswering() {
        JsonNode error = assertTimeoutPreemptively(HANG_GUARD, () -> onlyError(http.graphql(fragmentBomb())));
        assertThat(error.at("/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(error.at("/extensions/path").asText()).isEqualTo("$.query");
        assertThat(error.get("message").asText())
                .isEqualTo("the query selects more than 100000 fields once its fragments are expanded");
        assertThat(http.graphql("{ __typename }").json().at("/data/__typename").asText()).isEqualTo("query_root");
    }

    @Test
    void chainOfFragments_isRefused_withoutOverflowingTheStack() {
        StringBuilder query = new StringBuilder("{ ...F0 }\n");
        for (int i = 0; i < 5_000; i++) {
            query.append("fragment F").append(i).append(" on query_root { ...F").append(i + 1).append(" }\n");
        }
        query.append("fragment F5000 on query_root { __typename }\n");
        JsonNode error = assertTimeoutPreemptively(HANG_GUARD, () -> onlyError(http.graphql(query.toString())));
        assertThat(error.get("message").asText())
                .isEqualTo("the query nests fields and fragment spreads more than 100 levels deep");
        assertThat(http.graphql("{ __typename }").json().at("/data/__typename").asText()).isEqualTo("query_root");
    }

    private static JsonNode onlyError(TestHttp.Response response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.has("data")).as(response.body()).isFalse();
        return body.get("errors").get(0);
    }
}
