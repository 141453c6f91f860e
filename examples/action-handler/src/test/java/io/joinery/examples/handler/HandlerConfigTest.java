package io.joinery.examples.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandlerConfigTest {
    @Test
    void defaults_port3000_andTheLocalChild() {
        assertThat(HandlerConfig.fromEnvironment(Map.of()))
                .isEqualTo(new HandlerConfig("0.0.0.0", 3000, "http://localhost:8081/v1/graphql", Optional.empty()));
    }

    @Test
    void readsEveryVariable_aBlankSecretIsNoSecret() {
        assertThat(HandlerConfig.fromEnvironment(Map.of("HANDLER_HOST", "127.0.0.1", "HANDLER_PORT", " 3100 ",
                "CHILD_GRAPHQL_URL", "http://child:8081/v1/graphql", "CHILD_ADMIN_SECRET", "s3cret")))
                .isEqualTo(new HandlerConfig("127.0.0.1", 3100, "http://child:8081/v1/graphql", Optional.of("s3cret")));
        assertThat(HandlerConfig.fromEnvironment(Map.of("CHILD_ADMIN_SECRET", " ")).childAdminSecret()).isEmpty();
    }

    @Test
    void aPortThatIsNotANumber_isNamedInTheError() {
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(Map.of("HANDLER_PORT", "http")))
                .hasMessage("HANDLER_PORT must be a whole number, got \"http\"");
    }
}
