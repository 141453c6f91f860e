package io.joinery.core.auth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.error.JoineryException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import reactor.netty.http.client.HttpClient;

/** Resolvers in JWT mode over a secret JSON, and assertions on the errors they give. */
final class JwtTestSupport {
    static final String ADMIN_SECRET = "s3cret";

    private JwtTestSupport() {}

    static SessionResolver jwtResolver(String secretJson, Clock clock) {
        return jwtResolver(secretJson, clock, Optional.empty());
    }

    static SessionResolver jwtResolver(String secretJson, Clock clock, Optional<String> unauthorizedRole) {
        AuthConfig config = new AuthConfig(Optional.of(ADMIN_SECRET), Optional.of(JwtSecret.parse(secretJson)),
                Optional.empty(), unauthorizedRole);
        return SessionResolver.create(config, HttpClient.create(), clock);
    }

    static Session resolve(SessionResolver resolver, String... headers) {
        return resolver.resolve(RequestHeaders.of(headers), Optional.empty()).block(Duration.ofSeconds(20));
    }

    static Session bearer(SessionResolver resolver, String token, String... moreHeaders) {
        String[] headers = new String[moreHeaders.length + 2];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + token;
        System.arraycopy(moreHeaders, 0, headers, 2, moreHeaders.length);
        return resolve(resolver, headers);
    }

    /** Asserts that `call` fails with this code, message and status. */
    static void assertFails(ThrowableAssert.ThrowingCallable call, String code, String message, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(JoineryException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.code().wire()).isEqualTo(code);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo(message);
            org.assertj.core.api.Assertions.assertThat(e.httpStatus()).isEqualTo(status);
            org.assertj.core.api.Assertions.assertThat(e.path().toString()).isEqualTo("$");
        });
    }

    static void assertInvalidJwt(ThrowableAssert.ThrowingCallable call, String reason) {
        assertFails(call, "invalid-jwt", "Could not verify JWT: " + reason, 400);
    }
}
