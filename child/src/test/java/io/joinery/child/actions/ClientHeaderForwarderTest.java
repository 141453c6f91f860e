package io.joinery.child.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientHeaderForwarderTest {

    @Test
    void filtersTheSpecListAndHasuraHeaders_addsForwardedHostAgentOrigin() {
        List<Map.Entry<String, String>> client = List.of(
                Map.entry("Host", "child:8081"), Map.entry("User-Agent", "curl/8"), Map.entry("Origin", "https://app"),
                Map.entry("Authorization", "Bearer t"), Map.entry("Content-Length", "42"), Map.entry("Content-MD5", "x"),
                Map.entry("Referer", "r"), Map.entry("Accept", "*/*"), Map.entry("Accept-Encoding", "gzip"),
                Map.entry("Accept-Language", "en"), Map.entry("Accept-Datetime", "d"), Map.entry("Cache-Control", "no"),
                Map.entry("Connection", "keep-alive"), Map.entry("DNT", "1"), Map.entry("Content-Type", "application/json"),
                Map.entry("X-Hasura-Role", "user"), Map.entry("x-hasura-admin-secret", "s"), Map.entry("X-Request-Id", "r1"),
                Map.entry("Cookie", "a=b"));
        assertThat(ClientHeaderForwarder.forward(client)).containsExactly(
                Map.entry("Authorization", "Bearer t"), Map.entry("X-Request-Id", "r1"), Map.entry("Cookie", "a=b"),
                Map.entry("X-Forwarded-Host", "child:8081"), Map.entry("X-Forwarded-User-Agent", "curl/8"),
                Map.entry("X-Forwarded-Origin", "https://app"));
    }

    @Test
    void caseInsensitive() {
        assertThat(ClientHeaderForwarder.forward(List.of(Map.entry("HOST", "h"), Map.entry("x-HASURA-user-id", "1"))))
                .containsExactly(Map.entry("X-Forwarded-Host", "h"));
    }
}
