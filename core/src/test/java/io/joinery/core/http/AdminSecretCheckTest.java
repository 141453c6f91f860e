package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.error.JoineryException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminSecretCheckTest {

    private static HttpHeaders headers(String... nameValues) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }

    @Test
    void noSecret_trustsTheRoleHeader_andDefaultsToAdmin() {
        AdminSecretCheck open = new AdminSecretCheck(Optional.empty());
        assertThat(open.resolve(headers()).role()).isEqualTo("admin");
        SessionVariables user = open.resolve(headers("X-Hasura-Role", "user", "X-Hasura-User-Id", "42", "Other", "x"));
        assertThat(user.values()).containsExactly(
                java.util.Map.entry("x-hasura-role", "user"), java.util.Map.entry("x-hasura-user-id", "42"));
    }

    @Test
    void secret_isRequired_andNeverASessionVariable() {
        AdminSecretCheck guarded = new AdminSecretCheck(Optional.of("s3cret"));
        assertThatThrownBy(() -> guarded.resolve(headers()))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).isEqualTo("x-hasura-admin-secret/x-hasura-access-key required, but not found");
                });
        assertThatThrownBy(() -> guarded.resolve(headers("X-Hasura-Admin-Secret", "nope")))
                .hasMessage("invalid x-hasura-admin-secret/x-hasura-access-key");
        SessionVariables admin = guarded.resolve(headers("x-hasura-admin-secret", "s3cret", "x-hasura-role", "editor"));
        assertThat(admin.role()).isEqualTo("editor");
        assertThat(admin.values()).doesNotContainKey("x-hasura-admin-secret");
    }
}
