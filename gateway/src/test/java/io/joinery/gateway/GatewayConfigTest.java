package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's settings from the environment: authentication and listening (SPEC §9, §9.2), upstream connections. */
class GatewayConfigTest {

    private static GatewayConfig from(Map<String, String> env) {
        return GatewayConfig.fromEnv(env::get);
    }

    @Test
    void withoutAnAdminSecret_listensOnLoopbackOnly_unlessJoineryHostIsSet() {
        assertThat(from(Map.of()).host()).isEqualTo("127.0.0.1");
        assertThat(from(Map.of("JOINERY_HOST", "0.0.0.0")).host()).isEqualTo("0.0.0.0");
        assertThat(from(Map.of("JOINERY_ADMIN_SECRET", "s")).host()).isEqualTo("0.0.0.0");
        assertThat(from(Map.of()).port()).isEqualTo(GatewayConfig.DEFAULT_PORT);
        assertThat(from(Map.of()).metadataFile()).isEqualTo(Path.of("./joinery-metadata.json"));
    }

    @Test
    void aHasuraEnvironment_worksUnchanged() {
        GatewayConfig config = from(Map.of("HASURA_GRAPHQL_ADMIN_SECRET", "s",
                "HASURA_GRAPHQL_JWT_SECRET", "{\"type\": \"HS256\", \"key\": \"0123456789abcdef0123456789abcdef\"}",
                "HASURA_GRAPHQL_UNAUTHORIZED_ROLE", "anonymous", "HASURA_GRAPHQL_SERVER_PORT", "9090",
                "HASURA_GRAPHQL_CORS_DOMAIN", "https://*.example.com"));

        assertThat(config.auth().adminSecret()).contains("s");
        assertThat(config.auth().jwtSecret()).isPresent();
        assertThat(config.auth().unauthorizedRole()).contains("anonymous");
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.cors().allowOrigin("https://app.example.com")).isEqualTo("https://app.example.com");
    }

    @Test
    void settingErrors_nameTheVariable() {
        assertThatThrownBy(() -> from(Map.of("JOINERY_PORT", "http"))).hasMessage("JOINERY_PORT must be a whole number, got \"http\"");
        assertThatThrownBy(() -> from(Map.of("JOINERY_AUTH_HOOK", "http://hook/auth")))
                .hasMessageStartingWith("JOINERY_AUTH_HOOK requires JOINERY_ADMIN_SECRET");
    }

    @Test
    void upstreamIdleTimeout_defaultsToFourSeconds_andIsReadFromTheEnvironment() {
        assertThat(GatewayConfig.fromEnv(Map.<String, String>of()::get).upstream().idleTimeout())
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(GatewayConfig.fromEnv(Map.of("JOINERY_UPSTREAM_IDLE_TIMEOUT", "2")::get).upstream().idleTimeout())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withRetryDelays_keepsTheUpstreamSettings() {
        GatewayConfig config = GatewayConfig.fromEnv(Map.of("JOINERY_UPSTREAM_IDLE_TIMEOUT", "2")::get)
                .withRetryDelays(Duration.ofMillis(1), Duration.ofMillis(2));
        assertThat(config.upstream().idleTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void joinMaxKeys_defaultsToOneThousand_isReadFromTheEnvironment_andMustBePositive() {
        assertThat(from(Map.of()).joinMaxKeys()).isEqualTo(1_000);
        assertThat(from(Map.of("JOINERY_JOIN_MAX_KEYS", "250")).joinMaxKeys()).isEqualTo(250);
        assertThat(from(Map.of("JOINERY_JOIN_MAX_KEYS", "250")).withRetryDelays(Duration.ofMillis(1), Duration.ofMillis(2))
                .joinMaxKeys()).isEqualTo(250);
        assertThatThrownBy(() -> from(Map.of("JOINERY_JOIN_MAX_KEYS", "0")))
                .hasMessage("JOINERY_JOIN_MAX_KEYS must be at least 1, got 0");
        assertThatThrownBy(() -> from(Map.of("JOINERY_JOIN_MAX_KEYS", "many")))
                .hasMessage("JOINERY_JOIN_MAX_KEYS must be a whole number, got \"many\"");
    }

    @Test
    void console_isOnByDefault_andReadFromTheEnvironment() {
        assertThat(GatewayConfig.fromEnv(Map.<String, String>of()::get).consoleEnabled()).isTrue();
        assertThat(GatewayConfig.fromEnv(Map.of("JOINERY_ENABLE_CONSOLE", "false")::get).consoleEnabled()).isFalse();
        assertThat(GatewayConfig.fromEnv(Map.of("HASURA_GRAPHQL_ENABLE_CONSOLE", "false")::get).consoleEnabled()).isFalse();
        assertThatThrownBy(() -> GatewayConfig.fromEnv(Map.of("JOINERY_ENABLE_CONSOLE", "maybe")::get))
                .hasMessage("JOINERY_ENABLE_CONSOLE must be true or false, got \"maybe\"");
    }
}
