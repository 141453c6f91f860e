package io.joinery.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.auth.AuthHook;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The child's authentication and listening settings from the environment (SPEC §9, §9.2). */
class ChildConfigAuthTest {

    @Test
    void withoutAnAdminSecret_listensOnLoopbackOnly_unlessJoineryHostIsSet() {
        assertThat(ChildConfig.fromEnvironment(Map.of()).host()).isEqualTo("127.0.0.1");
        assertThat(ChildConfig.fromEnvironment(Map.of("JOINERY_HOST", "0.0.0.0")).host()).isEqualTo("0.0.0.0");
        assertThat(ChildConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "s")).host()).isEqualTo("0.0.0.0");
    }

    @Test
    void aHasuraEnvironment_worksUnchanged() {
        ChildConfig config = ChildConfig.fromEnvironment(Map.of("HASURA_GRAPHQL_ADMIN_SECRET", "s",
                "HASURA_GRAPHQL_AUTH_HOOK", "http://hook:3000/auth", "HASURA_GRAPHQL_AUTH_HOOK_MODE", "POST",
                "HASURA_GRAPHQL_DATABASE_URL", "postgres://u:p@db:5432/app", "HASURA_GRAPHQL_SERVER_PORT", "8090",
                "HASURA_GRAPHQL_CORS_DOMAIN", "https://app.example.com"));

        assertThat(config.auth().adminSecret()).contains("s");
        assertThat(config.auth().authHook()).hasValueSatisfying(hook -> assertThat(hook.mode()).isEqualTo(AuthHook.Mode.POST));
        assertThat(config.databaseUrl()).contains("postgres://u:p@db:5432/app");
        assertThat(config.port()).isEqualTo(8090);
        assertThat(config.cors().allowOrigin("https://app.example.com")).isEqualTo("https://app.example.com");
        assertThat(config.cors().allowOrigin("https://other.example.com")).isNull();
    }

    @Test
    void jwtAndUnauthorizedRole_areRead_andAJwtSecretNeedsAnAdminSecret() {
        ChildConfig config = ChildConfig.fromEnvironment(Map.of("JOINERY_ADMIN_SECRET", "s",
                "JOINERY_JWT_SECRET", "{\"type\": \"HS256\", \"key\": \"0123456789abcdef0123456789abcdef\"}",
                "JOINERY_UNAUTHORIZED_ROLE", "anonymous"));
        assertThat(config.auth().jwtSecret()).isPresent();
        assertThat(config.auth().unauthorizedRole()).contains("anonymous");

        assertThatThrownBy(() -> ChildConfig.fromEnvironment(Map.of("JOINERY_JWT_SECRET",
                "{\"type\": \"HS256\", \"key\": \"0123456789abcdef0123456789abcdef\"}")))
                .hasMessageStartingWith("JOINERY_JWT_SECRET requires JOINERY_ADMIN_SECRET");
    }
}
