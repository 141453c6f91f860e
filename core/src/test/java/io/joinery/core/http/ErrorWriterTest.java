package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.Test;

class ErrorWriterTest {
    private static final JoineryException CONFLICT = new JoineryException(ErrorCode.CONFLICT, "stale",
            ErrorPath.root().key("args"), Json.object().put("detail", "upstream text"), 409);

    @Test
    void api_usesTheErrorsStatus_andShowsInternalToAdminsOnly() {
        HttpAnswer admin = ErrorWriter.api(CONFLICT, true);
        HttpAnswer user = ErrorWriter.api(CONFLICT, false);

        assertThat(admin.status()).isEqualTo(409);
        assertThat(admin.body()).isEqualTo(
                "{\"path\":\"$.args\",\"error\":\"stale\",\"code\":\"conflict\",\"internal\":{\"detail\":\"upstream text\"}}");
        assertThat(user.body()).isEqualTo("{\"path\":\"$.args\",\"error\":\"stale\",\"code\":\"conflict\"}");
    }

    @Test
    void graphql_isOneErrorWithoutData_internalForAdminsOnly() {
        assertThat(ErrorWriter.graphql(CONFLICT, true).body()).isEqualTo("{\"errors\":[{\"message\":\"stale\","
                + "\"extensions\":{\"path\":\"$.args\",\"code\":\"conflict\",\"internal\":{\"detail\":\"upstream text\"}}}]}");
        assertThat(ErrorWriter.graphql(CONFLICT, false).body())
                .isEqualTo("{\"errors\":[{\"message\":\"stale\",\"extensions\":{\"path\":\"$.args\",\"code\":\"conflict\"}}]}");
    }

    @Test
    void unknownFailure_isOneStatus_andNamesOnlyTheExceptionClass() {
        RuntimeException bug = new IllegalArgumentException("SELECT * FROM secrets at line 3");

        HttpAnswer api = ErrorWriter.api(bug, true);
        assertThat(api.status()).isEqualTo(500);
        assertThat(api.body()).isEqualTo(
                "{\"path\":\"$\",\"error\":\"an unexpected error occurred: IllegalArgumentException\",\"code\":\"unexpected\"}");
        assertThat(ErrorWriter.graphql(bug, true).body()).isEqualTo("{\"errors\":[{\"message\":"
                + "\"an unexpected error occurred: IllegalArgumentException\",\"extensions\":{\"path\":\"$\",\"code\":\"unexpected\"}}]}");
    }

    @Test
    void graphql_usesTheErrorsOwnGraphqlForm() {
        JoineryException custom = new JoineryException(ErrorCode.UNEXPECTED, "handler said no", ErrorPath.root()) {
            @Override
            public com.fasterxml.jackson.databind.node.ObjectNode toGraphqlError(boolean includeInternal) {
                com.fasterxml.jackson.databind.node.ObjectNode error = Json.object().put("message", getMessage());
                error.putObject("extensions").put("code", "my-code").put("retry", true);
                return error;
            }
        };

        assertThat(ErrorWriter.graphql(custom, false).body())
                .isEqualTo("{\"errors\":[{\"message\":\"handler said no\",\"extensions\":{\"code\":\"my-code\",\"retry\":true}}]}");
    }
}
