package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import org.junit.jupiter.api.Test;

/** SPEC §7's last row: an unexpected server failure is `unexpected` at `$`, never a stack trace. */
class UnexpectedFailureTest {

    @Test
    void unexpectedFailure_isUnexpectedAtRoot_withoutStackTrace() {
        JoineryException error = ErrorWriter.asJoinery(new IllegalStateException("boom at line 42"));
        assertThat(error.code()).isEqualTo(ErrorCode.UNEXPECTED);
        assertThat(error.path().toString()).isEqualTo("$");
        assertThat(error.getMessage()).isEqualTo("an unexpected error occurred: IllegalStateException")
                .doesNotContain("at line");
        assertThat(error.toApiError().toGraphqlError(true).toString()).doesNotContain("boom").doesNotContain("\tat ");
    }

    @Test
    void requestErrors_passThroughUnchanged() {
        JoineryException original = new JoineryException(ErrorCode.NOT_FOUND, "x", null);
        assertThat(ErrorWriter.asJoinery(original)).isSameAs(original);
    }
}
