package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.GatewayHarness.Reply;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The document guards through the gateway (SPEC §11.2): an alias-and-fragment bomb over a remote
 * field is refused before validation and planning, nothing is sent upstream, and the gateway
 * answers the next request. The hang guard only bounds a run that would otherwise not end.
 */
class DocumentGuardIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder()
            .remote("users", () -> Remotes.users(TestUpstream.sharedLog()), null)
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream users = fixture.upstream("users");

    @Test
    void fragmentBomb_isRefused_nothingIsSentUpstream_andTheGatewayKeepsAnswering() {
        StringBuilder query = new StringBuilder("{ users { ...F9 } }\nfragment F0 on User { a: id b: name }\n");
        for (int level = 1; level < 10; level++) {
            query.append("fragment F").append(level).append(" on User {");
            query.append((" ...F" + (level - 1)).repeat(10)).append(" }\n");
        }
        users.clearRequests();
        Reply reply = assertTimeoutPreemptively(HANG_GUARD, () -> gateway.post("/v1/graphql",
                Json.write(Json.object().put("query", query.toString())), Map.of()));
        JsonNode error = reply.json().get("errors").get(0);
        assertThat(error.at("/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(error.get("message").asText())
                .isEqualTo("the query selects more than 100000 fields once its fragments are expanded");
        assertThat(users.requests()).isEmpty();
        Reply next = gateway.post("/v1/graphql", "{\"query\": \"{ users { id } }\"}", Map.of());
        assertThat(next.json().at("/data/users/0/id").asInt()).isEqualTo(1);
    }
}
