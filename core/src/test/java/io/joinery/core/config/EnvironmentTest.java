package io.joinery.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.auth.AuthConfig;
import io.joinery.core.http.FrontDoorConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** JOINERY_X, else Hasura's twin (SPEC §9); where a server listens by default (SPEC §9.2). */
class EnvironmentTest {

    @Test
    void joineryName_winsOverItsHasuraTwin_whichIsTheFallback() {
        Environment env = Environment.of(Map.of("JOINERY_CORS_DOMAIN", "https://a.example",
                "HASURA_GRAPHQL_CORS_DOMAIN", "https://b.example", "HASURA_GRAPHQL_SERVER_PORT", "9000",
                "JOINERY_DATABASE_URL", " ", "HASURA_GRAPHQL_DATABASE_URL", "postgres://h/db"));

        assertThat(env.get("JOINERY_CORS_DOMAIN")).contains("https://a.example");
        assertThat(env.integer("JOINERY_PORT", 8080)).isEqualTo(9000);
        assertThat(env.setting("JOINERY_DATABASE_URL"))
                .contains(new Environment.Setting("HASURA_GRAPHQL_DATABASE_URL", "postgres://h/db"));
        assertThat(env.get("JOINERY_METADATA")).isEmpty();
    }

    @Test
    void everyTwinOfSpecSection9() {
        Map<String, String> hasura = Map.of("HASURA_GRAPHQL_ADMIN_SECRET", "a", "HASURA_GRAPHQL_JWT_SECRET", "j",
                "HASURA_GRAPHQL_AUTH_HOOK", "h", "HASURA_GRAPHQL_AUTH_HOOK_MODE", "POST",
                "HASURA_GRAPHQL_UNAUTHORIZED_ROLE", "u", "HASURA_GRAPHQL_CORS_DOMAIN", "c",
                "HASURA_GRAPHQL_SERVER_HOST", "0.0.0.0");
        Environment env = Environment.of(hasura);
        for (Map.Entry<String, String> twin : hasura.entrySet()) {
            String joinery = twin.getKey().replace("HASURA_GRAPHQL_SERVER_", "JOINERY_").replace("HASURA_GRAPHQL_", "JOINERY_");
            assertThat(env.setting(joinery)).as(joinery).contains(new Environment.Setting(twin.getKey(), twin.getValue()));
        }
        assertThat(Environment.of(Map.of("HASURA_GRAPHQL_ACCESS_KEY", "old")).get("JOINERY_ADMIN_SECRET")).contains("old");
    }

    @Test
    void flags_readHasuraBooleans_andNameTheVariableOfABadValue() {
        assertThat(Environment.of(Map.of()).flag("JOINERY_X", true)).isTrue();
        assertThat(Environment.of(Map.of("JOINERY_X", " False ")).flag("JOINERY_X", true)).isFalse();
        assertThat(Environment.of(Map.of("JOINERY_X", "0")).flag("JOINERY_X", true)).isFalse();
        assertThat(Environment.of(Map.of("JOINERY_X", "yes")).flag("JOINERY_X", false)).isTrue();
        assertThatThrownBy(() -> Environment.of(Map.of("JOINERY_X", "off")).flag("JOINERY_X", true))
                .hasMessage("JOINERY_X must be true or false, got \"off\"");
    }

    @Test
    void aNumberThatIsNot_namesTheVariableSet() {
        assertThatThrownBy(() -> Environment.of(Map.of("HASURA_GRAPHQL_SERVER_PORT", "eighty")).integer("JOINERY_PORT", 1))
                .hasMessage("HASURA_GRAPHQL_SERVER_PORT must be a whole number, got \"eighty\"");
    }

    @Test
    void host_isLoopbackWithoutAnAdminSecret_unlessSetExplicitly() {
        assertThat(FrontDoorConfig.host(Optional.empty(), AuthConfig.open())).isEqualTo("127.0.0.1");
        assertThat(FrontDoorConfig.host(Optional.empty(), AuthConfig.adminSecretOnly("s"))).isEqualTo("0.0.0.0");
        assertThat(FrontDoorConfig.host(Optional.of("0.0.0.0"), AuthConfig.open())).isEqualTo("0.0.0.0");
        assertThat(FrontDoorConfig.host(Optional.of("10.0.0.5"), AuthConfig.adminSecretOnly("s"))).isEqualTo("10.0.0.5");
    }
}
