package io.joinery.core.auth;

import static io.joinery.core.auth.JwtTestSupport.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.http.SessionVariables;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

/** Open and admin-secret-only modes (SPEC §6, §9 steps 1, 4, 5), and the session value itself. */
class SessionResolverTest {
    private static SessionResolver resolver(AuthConfig config) {
        return SessionResolver.create(config, HttpClient.create(), Clock.systemUTC());
    }

    private static Session resolve(SessionResolver resolver, String... headers) {
        return resolver.resolve(RequestHeaders.of(headers), Optional.empty()).block(Duration.ofSeconds(5));
    }

    @Test
    void open_trustsTheRoleHeader_andDefaultsToAdmin() {
        SessionResolver open = resolver(AuthConfig.open());
        assertThat(resolve(open).isAdmin()).isTrue();
        Session user = resolve(open, "X-Hasura-Role", "user", "X-Hasura-User-Id", "42", "Other", "x",
                "X-Hasura-Admin-Secret", "anything");
        assertThat(user.variables().values()).containsExactly(Map.entry("x-hasura-role", "user"), Map.entry("x-hasura-user-id", "42"));
    }

    @Test
    void adminSecretOnly_section6() {
        SessionResolver guarded = resolver(AuthConfig.adminSecretOnly("s3cret"));
        assertFails(() -> resolve(guarded), "access-denied", "x-hasura-admin-secret/x-hasura-access-key required, but not found", 401);
        assertFails(() -> resolve(guarded, "X-Hasura-Admin-Secret", "nope"), "access-denied",
                "invalid x-hasura-admin-secret/x-hasura-access-key", 401);
        Session editor = resolve(guarded, "x-hasura-admin-secret", "s3cret", "x-hasura-role", "editor", "X-Hasura-Org", "7");
        assertThat(editor.variables().values()).containsExactly(Map.entry("x-hasura-role", "editor"), Map.entry("x-hasura-org", "7"));
        assertThat(resolve(guarded, "X-Hasura-Access-Key", "s3cret").isAdmin()).isTrue();
        assertThat(resolve(guarded, "X-Hasura-Admin-Secret", "s3cret", "X-Hasura-Role", "").isAdmin()).isTrue();
    }

    @Test
    void adminSecretOnly_withAnUnauthorizedRole() {
        SessionResolver resolver = resolver(new AuthConfig(Optional.of("s3cret"), Optional.empty(), Optional.empty(),
                Optional.of("anonymous")));
        Session anonymous = resolve(resolver, "X-Hasura-Role", "admin", "X-Hasura-User-Id", "1");
        assertThat(anonymous.role()).isEqualTo("anonymous");
        assertThat(anonymous.variables().values()).containsExactly(Map.entry("x-hasura-role", "anonymous"));
        // a wrong secret is still an error, never the unauthorized role
        assertFails(() -> resolve(resolver, "X-Hasura-Admin-Secret", "nope"), "access-denied",
                "invalid x-hasura-admin-secret/x-hasura-access-key", 401);
    }

    /** What the front door's former AdminSecretCheck answered, from Netty's headers, kept as it was. */
    @Test
    void fromNettyHeaders_section6SessionsAsBefore() {
        DefaultHttpHeaders none = new DefaultHttpHeaders();
        DefaultHttpHeaders user = new DefaultHttpHeaders();
        user.add("X-Hasura-Role", "user").add("X-Hasura-User-Id", "1");
        DefaultHttpHeaders editor = new DefaultHttpHeaders();
        editor.add("x-hasura-admin-secret", "s3cret").add("X-HASURA-ROLE", "editor").add("x-hasura-x", "y");

        SessionResolver open = resolver(AuthConfig.open());
        SessionResolver guarded = resolver(AuthConfig.adminSecretOnly("s3cret"));
        assertThat(resolve(open, none)).isEqualTo(SessionVariables.admin());
        assertThat(resolve(open, user)).isEqualTo(new SessionVariables(Map.of("x-hasura-role", "user", "x-hasura-user-id", "1")));
        SessionVariables expectedEditor = new SessionVariables(Map.of("x-hasura-role", "editor", "x-hasura-x", "y"));
        assertThat(resolve(open, editor)).isEqualTo(expectedEditor);
        assertThat(resolve(guarded, editor)).isEqualTo(expectedEditor);
        assertThat(resolve(guarded, editor).values()).doesNotContainKey("x-hasura-admin-secret");
    }

    private static SessionVariables resolve(SessionResolver resolver, DefaultHttpHeaders netty) {
        return resolver.resolve(RequestHeaders.from(netty), Optional.empty()).block().variables();
    }

    @Test
    void session_lowerCasesNames_andAlwaysCarriesItsRole() {
        Session session = new Session("user", Map.of("X-Hasura-User-Id", "1", "x-hasura-role", "admin"));
        assertThat(session.variables().values()).containsExactly(Map.entry("x-hasura-role", "user"), Map.entry("x-hasura-user-id", "1"));
        assertThat(session.isAdmin()).isFalse();
        assertThat(Session.admin().variables()).isEqualTo(SessionVariables.admin());
    }

    @Test
    void sessionVariables_neverHoldTheAdminSecret() {
        assertThat(new Session("user", Map.of("X-Hasura-Admin-Secret", "s", "x-hasura-access-key", "k",
                "x-hasura-org", "7")).variables().values())
                .containsExactly(Map.entry("x-hasura-role", "user"), Map.entry("x-hasura-org", "7"));
        assertThatThrownBy(() -> new SessionVariables(Map.of("x-hasura-role", "user", "x-hasura-admin-secret", "s")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionVariables(Map.of("x-hasura-user-id", "1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backendOnlyFlag_keptForTrustedHeaders_droppedFromTokenClaimsAndWebhookAnswers() {
        SessionResolver guarded = resolver(AuthConfig.adminSecretOnly("s3cret"));
        Session service = resolve(guarded, "X-Hasura-Admin-Secret", "s3cret", "X-Hasura-Role", "service",
                "X-Hasura-Use-Backend-Only-Permissions", "true");
        assertThat(service.variables().usesBackendOnlyPermissions()).isTrue();
        assertThat(resolve(resolver(AuthConfig.open()), "X-Hasura-Role", "service",
                "X-Hasura-Use-Backend-Only-Permissions", "TRUE").variables().usesBackendOnlyPermissions()).isTrue();
        // what a JWT or a webhook claims goes through SessionVariables.of / new Session(role, variables)
        Session claimed = new Session("service", Map.of("x-hasura-use-backend-only-permissions", "true", "x-hasura-org", "7"));
        assertThat(claimed.variables().usesBackendOnlyPermissions()).isFalse();
        assertThat(claimed.variables().values()).containsExactly(Map.entry("x-hasura-role", "service"),
                Map.entry("x-hasura-org", "7"));
    }

    @Test
    void valueText_writesPostgresArrayLiterals() {
        assertThat(Session.valueText(io.joinery.core.json.Json.parseBody("[\"a\", \"b\"]"))).isEqualTo("{a,b}");
        assertThat(Session.valueText(io.joinery.core.json.Json.parseBody("[1, 2.5, true, null]"))).isEqualTo("{1,2.5,true,NULL}");
        assertThat(Session.valueText(io.joinery.core.json.Json.parseBody("[\"\", \"x y\", \"q\\\"\", \"NULL\", \"{}\"]")))
                .isEqualTo("{\"\",\"x y\",\"q\\\"\",\"NULL\",\"{}\"}");
        assertThat(Session.valueText(io.joinery.core.json.Json.parseBody("[]"))).isEqualTo("{}");
    }

    @Test
    void cacheLifetime_readsCacheControlThenExpires() {
        java.time.Instant now = java.time.Instant.parse("2025-01-01T00:00:00Z");
        assertThat(CacheLifetime.of(Optional.of("public, max-age=600"), Optional.empty(), now)).contains(Duration.ofMinutes(10));
        assertThat(CacheLifetime.of(Optional.of("s-maxage=30, max-age=60"), Optional.empty(), now)).contains(Duration.ofSeconds(30));
        assertThat(CacheLifetime.of(Optional.of("no-cache"), Optional.of("Wed, 01 Jan 2025 01:00:00 GMT"), now))
                .contains(Duration.ZERO);
        assertThat(CacheLifetime.of(Optional.of("private"), Optional.of("Wed, 01 Jan 2025 01:00:00 GMT"), now))
                .contains(Duration.ofHours(1));
        assertThat(CacheLifetime.of(Optional.empty(), Optional.of("Tue, 31 Dec 2024 23:00:00 GMT"), now)).contains(Duration.ZERO);
        assertThat(CacheLifetime.of(Optional.of("max-age=abc"), Optional.of("garbage"), now)).isEmpty();
        assertThat(CacheLifetime.of(Optional.of("must-revalidate"), Optional.empty(), now)).contains(Duration.ZERO);
        assertThat(CacheLifetime.of(Optional.of("max-age=3, must-revalidate"), Optional.empty(), now))
                .contains(Duration.ofSeconds(3));
    }
}
