package io.joinery.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildConfigTest {

    @Test
    void asyncActionsConcurrency_defaultsToTen_andIsReadFromTheEnvironment() {
        assertThat(ChildConfig.fromEnvironment(Map.of()).asyncActionsConcurrency()).isEqualTo(10);
        assertThat(ChildConfig.fromEnvironment(Map.of("JOINERY_ASYNC_ACTIONS_CONCURRENCY", "3"))
                .asyncActionsConcurrency()).isEqualTo(3);
    }

    @Test
    void asyncActionsConcurrency_mustBeAPositiveWholeNumber() {
        assertThatThrownBy(() -> ChildConfig.fromEnvironment(Map.of("JOINERY_ASYNC_ACTIONS_CONCURRENCY", "0")))
                .hasMessageContaining("JOINERY_ASYNC_ACTIONS_CONCURRENCY must be at least 1");
        assertThatThrownBy(() -> ChildConfig.fromEnvironment(Map.of("JOINERY_ASYNC_ACTIONS_CONCURRENCY", "many")))
                .hasMessageContaining("JOINERY_ASYNC_ACTIONS_CONCURRENCY must be a whole number");
    }

    @Test
    void upstreamIdleTimeout_defaultsToFourSeconds_andIsReadFromTheEnvironment() {
        assertThat(ChildConfig.fromEnvironment(Map.of()).upstream().idleTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(ChildConfig.fromEnvironment(Map.of("JOINERY_UPSTREAM_IDLE_TIMEOUT", "1.5")).upstream().idleTimeout())
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void console_isOnByDefault_andReadFromTheEnvironment() {
        assertThat(ChildConfig.fromEnvironment(Map.of()).consoleEnabled()).isTrue();
        assertThat(ChildConfig.fromEnvironment(Map.of("JOINERY_ENABLE_CONSOLE", "false")).consoleEnabled()).isFalse();
        assertThat(ChildConfig.fromEnvironment(Map.of("HASURA_GRAPHQL_ENABLE_CONSOLE", "false")).consoleEnabled()).isFalse();
        assertThatThrownBy(() -> ChildConfig.fromEnvironment(Map.of("JOINERY_ENABLE_CONSOLE", "maybe")))
                .hasMessage("JOINERY_ENABLE_CONSOLE must be true or false, got \"maybe\"");
    }
}
