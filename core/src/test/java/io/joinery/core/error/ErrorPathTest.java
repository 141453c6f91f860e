package io.joinery.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorPathTest {

    @Test
    void rendersJsonPath_withIndicesAndQuotedOddKeys() {
        ErrorPath path = ErrorPath.args().index(3).key("args").key("odd key").key("name");
        assertThat(path.toString()).isEqualTo("$.args[3].args['odd key'].name");
        assertThat(ErrorPath.root().toString()).isEqualTo("$");
    }

    @Test
    void bulkNesting_putsTheElementPathInFront() {
        ErrorPath inner = ErrorPath.args().key("table");
        assertThat(inner.under(ErrorPath.args().index(1)).toString()).isEqualTo("$.args[1].args.table");
    }
}
