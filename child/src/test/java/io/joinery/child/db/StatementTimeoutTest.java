package io.joinery.child.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.config.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementTimeoutTest {
    @Test
    void unset_isSixtySeconds() {
        assertThat(StatementTimeout.fromEnvironment(Environment.of(Map.of()))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void bareNumber_isSeconds_andPostgresUnitsAreRead() {
        assertThat(StatementTimeout.parse("X", "30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(StatementTimeout.parse("X", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(StatementTimeout.parse("X", " 2 min ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(StatementTimeout.parse("X", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(StatementTimeout.parse("X", "1D")).isEqualTo(Duration.ofDays(1));
        assertThat(StatementTimeout.parse("X", "0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void anythingElse_namesTheVariable() {
        for (String bad : new String[] {"-1", "1.5s", "soon", "10 weeks", "99999999999999", "30d"}) {
            assertThatThrownBy(() -> StatementTimeout.fromEnvironment(
                    Environment.of(Map.of("JOINERY_DB_STATEMENT_TIMEOUT", bad))))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JOINERY_DB_STATEMENT_TIMEOUT must be");
        }
    }
}
