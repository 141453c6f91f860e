package io.joinery.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
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
}
