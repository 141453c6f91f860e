package io.joinery.gateway.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.http.SessionVariables;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteHeadersTest {
    private static final SessionVariables SESSION = new SessionVariables(Map.of("x-hasura-role", "user",
            "x-hasura-user-id", "42"));
    private static final List<Map.Entry<String, String>> CLIENT = List.of(Map.entry("Host", "gw"),
            Map.entry("Authorization", "Bearer t"), Map.entry("X-Hasura-Role", "user"),
            Map.entry("Content-Length", "10"), Map.entry("X-Hasura-User-Id", "1"), Map.entry("x-user-id", "forwarded"));

    @Test
    void precedence_configuredOverSessionOverForwarded() {
        Map<String, String> headers = RemoteHeaders.build("joinery/1", List.of(Map.entry("X-Hasura-User-Id", "cfg")),
                SESSION, true, CLIENT);

        assertThat(headers).containsEntry("Content-Type", "application/json").containsEntry("User-Agent", "joinery/1")
                .containsEntry("Authorization", "Bearer t").containsEntry("X-Forwarded-Host", "gw")
                .containsEntry("x-hasura-role", "user").containsEntry("X-Hasura-User-Id", "cfg")
                .containsEntry("x-user-id", "forwarded")
                .doesNotContainKeys("Host", "Content-Length", "x-hasura-user-id");
    }

    @Test
    void withoutForwarding_onlySessionAndConfigured() {
        Map<String, String> headers = RemoteHeaders.build("joinery/1", List.of(), SESSION, false, CLIENT);

        assertThat(headers.keySet()).containsExactlyInAnyOrder("Content-Type", "User-Agent", "x-hasura-role", "x-hasura-user-id");
    }

    @Test
    void theClientsAdminSecret_isNeverForwarded_evenWithForwarding() {
        List<Map.Entry<String, String>> client = List.of(Map.entry("X-Hasura-Admin-Secret", "gateway-secret"),
                Map.entry("x-hasura-access-key", "old"), Map.entry("X-Hasura-Role", "editor"),
                Map.entry("Authorization", "Bearer t"));

        Map<String, String> headers = RemoteHeaders.build("joinery/1",
                List.of(Map.entry("X-Hasura-Admin-Secret", "child-secret")), SESSION, true, client);

        assertThat(headers).containsEntry("X-Hasura-Admin-Secret", "child-secret").containsEntry("x-hasura-role", "user")
                .doesNotContainKey("x-hasura-access-key").doesNotContainValue("gateway-secret").doesNotContainValue("editor");
        assertThat(RemoteHeaders.build("joinery/1", List.of(), SESSION, true, client).keySet())
                .noneMatch(name -> name.equalsIgnoreCase("x-hasura-admin-secret"));
    }
}
