package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Headers sent upstream (SPEC §4.4, §6): configured, session variables, forwarded client headers. */
class RemoteHeadersIntegrationTest {
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder().adminSecret("adm").env("USERS_KEY", "from-env")
            .remote("users", () -> Remotes.users(TestUpstream.sharedLog()), """
                    "forward_client_headers": true,
                    "headers": [{"name": "X-Api-Key", "value_from_env": "USERS_KEY"},
                                {"name": "X-Hasura-Role", "value": "configured-wins"},
                                {"name": "X-Static", "value": "literal"}]""")
            .remote("orders", () -> Remotes.orders(TestUpstream.sharedLog()), null)
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream users = fixture.upstream("users");
    private final TestUpstream orders = fixture.upstream("orders");

    @Test
    void sessionConfiguredAndForwardedHeaders() {
        gateway.graphql("{ users { id } order(id: 1) { id } }", null, Map.of(
                "X-Hasura-Admin-Secret", "adm", "X-Hasura-Role", "user", "X-Hasura-User-Id", "42",
                "Authorization", "Bearer abc", "X-Custom", "c", "Origin", "https://app.example"));

        Map<String, String> toUsers = users.requests().get(0).headers();
        assertThat(toUsers).containsEntry("x-api-key", "from-env").containsEntry("x-static", "literal")
                .containsEntry("x-hasura-role", "configured-wins").containsEntry("x-hasura-user-id", "42")
                .containsEntry("authorization", "Bearer abc").containsEntry("x-custom", "c")
                .containsEntry("x-forwarded-origin", "https://app.example")
                .containsEntry("content-type", "application/json")
                .doesNotContainKey("x-hasura-admin-secret");
        assertThat(toUsers.get("user-agent")).startsWith("joinery/");
        Map<String, String> toOrders = orders.requests().get(0).headers();
        assertThat(toOrders).containsEntry("x-hasura-role", "user").containsEntry("x-hasura-user-id", "42")
                .doesNotContainKeys("authorization", "x-custom", "x-hasura-admin-secret", "x-api-key");
    }
}
