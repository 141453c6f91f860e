package io.joinery.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EnvTemplateTest {
    private static final Function<String, String> ENV = Map.of("BASE", "http://h:3000", "P", "x$1\\y")::get;

    @Test
    void replacesEveryVariable_keepsTheRest() {
        assertThat(EnvTemplate.expand("{{BASE}}/place-order?p={{ P }}", ENV)).isEqualTo("http://h:3000/place-order?p=x$1\\y");
        assertThat(EnvTemplate.expand("http://plain", ENV)).isEqualTo("http://plain");
    }

    @Test
    void missingVariable_isNotFound() {
        assertThatThrownBy(() -> EnvTemplate.expand("{{NOPE}}/x", ENV))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("environment variable 'NOPE' not set");
                });
        assertThat(EnvTemplate.missingVariables("{{NOPE}}{{BASE}}{{NOPE}}{{ALSO}}", ENV)).containsExactly("NOPE", "ALSO");
    }

    @Test
    void serverSecrets_areRefusedUnderEveryName_evenWhenSet() {
        Function<String, String> env = name -> "value of " + name;
        for (String secret : List.of("JOINERY_ADMIN_SECRET", "HASURA_GRAPHQL_ADMIN_SECRET", "HASURA_GRAPHQL_ACCESS_KEY",
                "JOINERY_JWT_SECRET", "HASURA_GRAPHQL_JWT_SECRET", "JOINERY_DATABASE_URL", "HASURA_GRAPHQL_DATABASE_URL",
                "JOINERY_METADATA_DATABASE_URL", "JOINERY_METRICS_SECRET")) {
            assertThatThrownBy(() -> EnvTemplate.expand("https://h/{{ " + secret + " }}", env))
                    .as(secret).isInstanceOfSatisfying(JoineryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                        assertThat(e.getMessage()).isEqualTo("Inconsistent object: environment variable '" + secret
                                + "' is a secret of this server: metadata cannot read it");
                    });
            assertThatThrownBy(() -> EnvTemplate.lookup(secret, env, EnvTemplate::notSet))
                    .as(secret).hasMessageContaining("'" + secret + "' is a secret of this server");
        }
        assertThat(EnvTemplate.lookup("joinery_admin_secret", env)).as("names are exact")
                .isEqualTo("value of joinery_admin_secret");
    }

    @Test
    void unreadable_namesTheSecretFirst_thenTheUnsetOnes() {
        assertThat(EnvTemplate.unreadable(List.of("BASE", "NOPE", "JOINERY_JWT_SECRET"), ENV, m -> "unset " + m))
                .contains("environment variable 'JOINERY_JWT_SECRET' is a secret of this server: metadata cannot read it");
        assertThat(EnvTemplate.unreadable(List.of("BASE", "NOPE", "ALSO", "NOPE"), ENV, m -> "unset " + m))
                .contains("unset [NOPE, ALSO]");
        assertThat(EnvTemplate.unreadable(List.of("BASE", "P"), ENV, m -> "unset " + m)).isEmpty();
    }
}
