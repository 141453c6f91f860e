package io.joinery.child.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LIMIT and OFFSET are written into the SQL text as literals: SelectIr admits only digits there. */
class SelectIrTest {
    private static final ResolvedModel MODEL = ActionFixture.model();
    private static final ResolvedTable ARTICLE = MODEL.table(LibraryFixture.ARTICLE).orElseThrow();

    @Test
    void limitAndOffset_areDigitsOrNothing() {
        assertThat(select("20", "0").limit()).isEqualTo("20");
        assertThat(select(null, null).offset()).isNull();
        for (String bad : List.of("", "-1", "1 OR 1=1", "2; DROP TABLE article", "１", "1e3", " 5")) {
            assertThatThrownBy(() -> select(bad, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit");
            assertThatThrownBy(() -> select(null, bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("offset");
        }
    }

    private static SelectIr select(String limit, String offset) {
        return new SelectIr(ARTICLE, false, List.of(), BoolExp.TRUE, List.of(), List.of(), limit, offset);
    }
}
