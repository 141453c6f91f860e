package io.joinery.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the authentication settings from an environment map, Hasura's names included. */
class AuthConfigTest {
    private static final String JWT = "{\"type\": \"HS256\", \"key\": \"0123456789abcdef0123456789abcdef\"}";

    @Test
    void emptyEnvironment_isOpen() {
        AuthConfig config = AuthConfig.fromEnvironment(Map.of());
        assertThat(config.isOpen()).isTrue();
        assertThat(config).isEqualTo(AuthConfig.open());
    }

    @Test
    void joineryNames() {
        AuthConfig config = AuthConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "s", "JOINERY_JWT_SECRET", JWT,
                "JOINERY_UNAUTHORIZED_ROLE", "anonymous"));
        assertThat(config.adminSecret()).contains("s");
        assertThat(config.jwtSecret()).isPresent();
        assertThat(config.unauthorizedRole()).contains("anonymous");
        assertThat(config.isOpen()).isFalse();
    }

    @Test
    void hasuraNames_areFallbacks_andJoineryNamesWin() {
        AuthConfig hasura = AuthConfig.fromEnvironment(Map.of("HASURA_GRAPHQL_ADMIN_SECRET", "h",
                "HASURA_GRAPHQL_AUTH_HOOK", "http://hook:3000/auth", "HASURA_GRAPHQL_AUTH_HOOK_MODE", "post"));
        assertThat(hasura.adminSecret()).contains("h");
        assertThat(hasura.authHook()).contains(new AuthHook(URI.create("http://hook:3000/auth"), AuthHook.Mode.POST,
                AuthHook.DEFAULT_TIMEOUT));

        AuthConfig both = AuthConfig.fromEnvironment(Map.of("HASURA_GRAPHQL_ADMIN_SECRET", "h",
                "JOINERY_ADMIN_SECRET", "j", "HASURA_GRAPHQL_UNAUTHORIZED_ROLE", "guest", "HASURA_GRAPHQL_JWT_SECRET", JWT));
        assertThat(both.adminSecret()).contains("j");
        assertThat(both.unauthorizedRole()).contains("guest");
        assertThat(both.jwtSecret()).isPresent();

        assertThat(AuthConfig.fromEnvironment(Map.of("HASURA_GRAPHQL_ACCESS_KEY", "old")).adminSecret()).contains("old");
        assertThat(AuthConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "", "HASURA_GRAPHQL_ADMIN_SECRET", "h"))
                .adminSecret()).contains("h");
    }

    @Test
    void hookModeAndTimeout() {
        AuthConfig config = AuthConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "s",
                "JOINERY_AUTH_HOOK", "https://auth.example.com/hook", "JOINERY_AUTH_HOOK_TIMEOUT", "3"));
        assertThat(config.authHook().orElseThrow().mode()).isEqualTo(AuthHook.Mode.GET);
        assertThat(config.authHook().orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "s",
                "JOINERY_AUTH_HOOK", "http://h/a", "JOINERY_AUTH_HOOK_MODE", "PUT")))
                .hasMessage("JOINERY_AUTH_HOOK_MODE must be GET or POST, got \"PUT\"");
        assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "s",
                "JOINERY_AUTH_HOOK", "http://h/a", "JOINERY_AUTH_HOOK_TIMEOUT", "0")))
                .hasMessage("JOINERY_AUTH_HOOK_TIMEOUT must be a positive number of seconds, got \"0\"");
        assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "s",
                "JOINERY_AUTH_HOOK", "hook.local/auth")))
                .hasMessage("JOINERY_AUTH_HOOK: the auth hook must be an http(s) URL, got \"hook.local/auth\"");
    }

    @Test
    void jwtSecretProblems_nameTheVariableThatWasRead() {
        assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "s",
                "HASURA_GRAPHQL_JWT_SECRET", "{\"type\": \"HS256\", \"key\": \"short\"}")))
                .hasMessage("HASURA_GRAPHQL_JWT_SECRET: Invalid JWK: Key size too small; should be atleast 32 characters");
        assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "s",
                "JOINERY_JWT_SECRET", "{not json"))).hasMessageStartingWith("JOINERY_JWT_SECRET: is not valid JSON");
    }

    @Test
    void jwtWithoutAdminSecret_isRefused() {
        assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("JOINERY_JWT_SECRET", JWT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JOINERY_JWT_SECRET requires JOINERY_ADMIN_SECRET");
    }

    @Test
    void refusedCombinations() {
        assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "s",
                "JOINERY_JWT_SECRET", JWT, "JOINERY_AUTH_HOOK", "http://h/auth")))
                .hasMessage("JOINERY_JWT_SECRET and JOINERY_AUTH_HOOK are both set: choose JWT mode or webhook mode, not both");
        assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("JOINERY_AUTH_HOOK", "http://h/auth")))
                .hasMessageStartingWith("JOINERY_AUTH_HOOK requires JOINERY_ADMIN_SECRET");
        assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("JOINERY_UNAUTHORIZED_ROLE", "anonymous")))
                .hasMessageStartingWith("JOINERY_UNAUTHORIZED_ROLE requires JOINERY_ADMIN_SECRET");
        assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "s",
                "JOINERY_AUTH_HOOK", "http://h/auth", "JOINERY_UNAUTHORIZED_ROLE", "anonymous")))
                .hasMessageStartingWith("JOINERY_UNAUTHORIZED_ROLE cannot be used with JOINERY_AUTH_HOOK");
    }
}
