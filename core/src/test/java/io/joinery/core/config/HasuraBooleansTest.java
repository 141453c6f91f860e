package io.joinery.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HasuraBooleansTest {
    @Test
    void hasurasTexts_inAnyCase_andNothingElse() {
        for (String yes : List.of("true", "T", "Yes", " y ")) {
            assertThat(HasuraBooleans.parse(yes)).as(yes).contains(true);
        }
        for (String no : List.of("FALSE", "f", "no", "N\t")) {
            assertThat(HasuraBooleans.parse(no)).as(no).contains(false);
        }
        for (String other : List.of("", "1", "0", "on", "off", "truee", "ja")) {
            assertThat(HasuraBooleans.parse(other)).as(other).isEqualTo(Optional.empty());
        }
    }
}
