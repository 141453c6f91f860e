package io.joinery.core.auth;

import static io.joinery.core.auth.JwtTestSupport.ADMIN_SECRET;
import static io.joinery.core.auth.JwtTestSupport.assertFails;
import static io.joinery.core.auth.JwtTestSupport.bearer;
import static io.joinery.core.auth.JwtTestSupport.jwtResolver;
import static io.joinery.core.auth.JwtTestSupport.resolve;
import static io.joinery.core.auth.TestTokens.NAMESPACE;
import static io.joinery.core.auth.TestTokens.claims;
import static io.joinery.core.auth.TestTokens.hasura;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where the Hasura claims are (namespace, namespace path, stringified JSON, claims_map), how the role
 * is chosen, where the token travels, and what a request without one gets.
 */
class JwtClaimsTest {
    private static final String KEY = TestTokens.hmacSecret(32);
    private static final String SECRET = TestTokens.secret("HS256", KEY);

    private final TestClock clock = TestClock.atNow();

    private String token(ObjectNode claims) {
        return TestTokens.signHmac(KEY, JWSAlgorithm.HS256, claims);
    }

    /** A token with `hasuraClaims` under the default namespace. */
    private String tokenFor(ObjectNode hasuraClaims) {
        return token(claims(clock.instant(), hasuraClaims));
    }

    private ObjectNode withoutNamespace() {
        ObjectNode claims = claims(clock.instant(), Json.object());
        claims.remove(NAMESPACE);
        return claims;
    }

    @Test
    void defaultRole_andVariablesFromTheTokenOnly() {
        SessionResolver resolver = jwtResolver(SECRET, clock);
        Session session = bearer(resolver, tokenFor(hasura("user", List.of("user", "editor"), "42")),
                "X-Hasura-User-Id", "99", "X-Hasura-Org-Id", "forged");
        assertThat(session.role()).isEqualTo("user");
        assertThat(session.variables().values()).containsExactly(
                Map.entry("x-hasura-role", "user"), Map.entry("x-hasura-user-id", "42"));
        assertThat(session.isAdmin()).isFalse();
    }

    @Test
    void roleHeader_picksAnAllowedRole() {
        Session session = bearer(jwtResolver(SECRET, clock), tokenFor(hasura("user", List.of("user", "editor"), "42")),
                "x-hasura-role", "editor");
        assertThat(session.role()).isEqualTo("editor");
        assertThat(session.variables().values()).containsEntry("x-hasura-role", "editor");
    }

    @Test
    void roleHeader_outsideTheAllowedRoles_isAccessDenied() {
        SessionResolver resolver = jwtResolver(SECRET, clock);
        String token = tokenFor(hasura("contractor", List.of("contractor", "editor"), "1"));
        assertFails(() -> bearer(resolver, token, "X-Hasura-Role", "user"),
                "access-denied", "Your requested role is not in allowed roles", 400);
        assertFails(() -> bearer(resolver, token, "X-Hasura-Role", "admin"),
                "access-denied", "Your requested role is not in allowed roles", 400);
    }

    @Test
    void defaultRole_outsideTheAllowedRoles_isAccessDenied() {
        assertFails(() -> bearer(jwtResolver(SECRET, clock), tokenFor(hasura("admin", List.of("user"), "1"))),
                "access-denied", "Your requested role is not in allowed roles", 400);
    }

    @Test
    void missingRoleClaims_areJwtMissingRoleClaims() {
        SessionResolver resolver = jwtResolver(SECRET, clock);
        ObjectNode noAllowed = hasura("user", List.of("user"), "1");
        noAllowed.remove("x-hasura-allowed-roles");
        assertFails(() -> bearer(resolver, tokenFor(noAllowed)),
                "jwt-missing-role-claims", "JWT claim does not contain x-hasura-allowed-roles", 400);
        ObjectNode noDefault = hasura("user", List.of("user"), "1");
        noDefault.remove("x-hasura-default-role");
        assertFails(() -> bearer(resolver, tokenFor(noDefault)),
                "jwt-missing-role-claims", "JWT claim does not contain x-hasura-default-role", 400);
    }

    @Test
    void allowedRolesNotAList_isJwtInvalidClaims() {
        ObjectNode claims = hasura("user", List.of(), "1");
        claims.put("x-hasura-allowed-roles", "user");
        assertFails(() -> bearer(jwtResolver(SECRET, clock), tokenFor(claims)), "jwt-invalid-claims",
                "invalid x-hasura-allowed-roles; should be a list of roles: parsing [] failed, expected Array, "
                        + "but encountered String", 400);
    }

    @Test
    void listClaims_becomePostgresArrayLiterals_andScalarsText() {
        ObjectNode claims = hasura("user", List.of("user"), null);
        claims.set("x-hasura-allowed-ids", Json.valueToTree(List.of("1", "2", "3")));
        claims.set("X-Hasura-Org-Names", Json.valueToTree(List.of("acme", "big co", "a,b")));
        claims.put("x-hasura-user-id", 42);
        claims.put("x-hasura-is-owner", true);
        claims.put("not-hasura", "dropped");
        Session session = bearer(jwtResolver(SECRET, clock), tokenFor(claims));
        assertThat(session.variables().values()).containsEntry("x-hasura-allowed-ids", "{1,2,3}")
                .containsEntry("x-hasura-org-names", "{acme,\"big co\",\"a,b\"}")
                .containsEntry("x-hasura-user-id", "42")
                .containsEntry("x-hasura-is-owner", "true")
                .doesNotContainKey("not-hasura");
    }

    @Test
    void objectClaim_isJwtInvalidClaims() {
        ObjectNode claims = hasura("user", List.of("user"), null);
        claims.putObject("x-hasura-user").put("id", 1);
        assertFails(() -> bearer(jwtResolver(SECRET, clock), tokenFor(claims)), "jwt-invalid-claims",
                "x-hasura-* claims: parsing Text failed, expected String, but encountered Object", 400);
    }

    @Test
    void missingNamespace_isJwtInvalidClaims() {
        assertFails(() -> bearer(jwtResolver(SECRET, clock), token(withoutNamespace())), "jwt-invalid-claims",
                "claims key: 'https://hasura.io/jwt/claims' not found", 400);
    }

    @Test
    void customClaimsNamespace() {
        SessionResolver resolver = jwtResolver(TestTokens.secret("HS256", KEY, "claims_namespace", "\"https://my.app/claims\""), clock);
        ObjectNode claims = withoutNamespace();
        claims.set("https://my.app/claims", hasura("user", List.of("user"), "7"));
        assertThat(bearer(resolver, token(claims)).variables().values()).containsEntry("x-hasura-user-id", "7");
        assertFails(() -> bearer(resolver, tokenFor(hasura("user", List.of("user"), "7"))),
                "jwt-invalid-claims", "claims key: 'https://my.app/claims' not found", 400);
    }

    @Test
    void claimsNamespacePath_dollar_readsTopLevelClaims() {
        SessionResolver resolver = jwtResolver(TestTokens.secret("HS256", KEY, "claims_namespace_path", "\"$\""), clock);
        ObjectNode claims = withoutNamespace();
        claims.setAll(hasura("user", List.of("user"), "5"));
        Session session = bearer(resolver, token(claims));
        assertThat(session.variables().values()).containsExactly(Map.entry("x-hasura-role", "user"), Map.entry("x-hasura-user-id", "5"));
    }

    @Test
    void claimsNamespacePath_nested() {
        SessionResolver resolver = jwtResolver(
                TestTokens.secret("HS256", KEY, "claims_namespace_path", "\"$.hasura['claims']\""), clock);
        ObjectNode claims = withoutNamespace();
        claims.putObject("hasura").set("claims", hasura("user", List.of("user"), "6"));
        assertThat(bearer(resolver, token(claims)).variables().values()).containsEntry("x-hasura-user-id", "6");
        assertFails(() -> bearer(resolver, token(withoutNamespace())), "jwt-invalid-claims",
                "claims not found at claims_namespace_path: '$.hasura['claims']'", 400);
    }

    @Test
    void stringifiedJsonClaims() {
        SessionResolver resolver = jwtResolver(TestTokens.secret("HS256", KEY, "claims_format", "\"stringified_json\""), clock);
        ObjectNode claims = withoutNamespace();
        claims.put(NAMESPACE, Json.write(hasura("user", List.of("user"), "8")));
        assertThat(bearer(resolver, token(claims)).variables().values()).containsEntry("x-hasura-user-id", "8");

        assertFails(() -> bearer(resolver, tokenFor(hasura("user", List.of("user"), "8"))), "jwt-invalid-claims",
                "expecting a string when claims_format is stringified_json", 400);
        ObjectNode broken = withoutNamespace();
        broken.put(NAMESPACE, "{not json");
        assertFails(() -> bearer(resolver, token(broken)), "jwt-invalid-claims",
                "expecting stringified json at: 'claims_namespace https://hasura.io/jwt/claims', but found: {not json", 400);
    }

    @Test
    void jsonFormat_withAStringNamespace_isJwtInvalidClaims() {
        ObjectNode claims = withoutNamespace();
        claims.put(NAMESPACE, Json.write(hasura("user", List.of("user"), "8")));
        assertFails(() -> bearer(jwtResolver(SECRET, clock), token(claims)), "jwt-invalid-claims",
                "expecting a json object when claims_format is json", 400);
    }

    private static final String CLAIMS_MAP = "{"
            + "\"x-hasura-allowed-roles\": {\"path\": \"$.roles\"},"
            + "\"x-hasura-default-role\": {\"path\": \"$.roles[0]\"},"
            + "\"x-hasura-user-id\": {\"path\": \"$.sub\"},"
            + "\"X-Hasura-Org-Id\": {\"path\": \"$.org.id\", \"default\": \"none\"},"
            + "\"x-hasura-tier\": \"gold\"}";

    @Test
    void claimsMap_pathsDefaultsAndLiterals() {
        SessionResolver resolver = jwtResolver(TestTokens.secret("HS256", KEY, "claims_map", CLAIMS_MAP), clock);
        ObjectNode claims = withoutNamespace();
        claims.set("roles", Json.valueToTree(List.of("author", "reader")));
        claims.put("sub", "u-1");
        Session session = bearer(resolver, token(claims));
        assertThat(session.role()).isEqualTo("author");
        assertThat(session.variables().values()).containsEntry("x-hasura-user-id", "u-1")
                .containsEntry("x-hasura-org-id", "none").containsEntry("x-hasura-tier", "gold");

        claims.putObject("org").put("id", 12);
        assertThat(bearer(resolver, token(claims), "X-Hasura-Role", "reader").variables().values())
                .containsEntry("x-hasura-role", "reader").containsEntry("x-hasura-org-id", "12");
    }

    @Test
    void claimsMap_pathNotFound_isJwtInvalidClaims() {
        SessionResolver resolver = jwtResolver(TestTokens.secret("HS256", KEY, "claims_map", CLAIMS_MAP), clock);
        ObjectNode claims = withoutNamespace();
        claims.remove("sub");
        claims.set("roles", Json.valueToTree(List.of("author")));
        assertFails(() -> bearer(resolver, token(claims)), "jwt-invalid-claims",
                "JWT claim from claims_map, x-hasura-user-id not found", 400);
        ObjectNode noRoles = withoutNamespace();
        assertFails(() -> bearer(resolver, token(noRoles)), "jwt-missing-role-claims",
                "JWT claim does not contain x-hasura-allowed-roles", 400);
    }

    @Test
    void claimsMap_asHasurasTestsConfigureIt_withDefaultRoles() {
        String map = "{\"x-hasura-user-id\": {\"path\": \"$.[\\\"https://myapp.com/jwt/claims\\\"].user.id\"},"
                + " \"x-hasura-allowed-roles\": {\"path\": \"$.[\\\"https://myapp.com/jwt/claims\\\"].role.allowed\","
                + " \"default\": [\"user\", \"editor\"]},"
                + " \"x-hasura-default-role\": {\"path\": \"$.[\\\"https://myapp.com/jwt/claims\\\"].role.default\","
                + " \"default\": \"user\"}}";
        SessionResolver resolver = jwtResolver(TestTokens.secret("HS256", KEY, "claims_map", map), clock);
        ObjectNode claims = withoutNamespace();
        claims.putObject("https://myapp.com/jwt/claims").putObject("user").put("id", "1");
        Session session = bearer(resolver, token(claims), "X-Hasura-Role", "editor");
        assertThat(session.variables().values()).containsExactly(Map.entry("x-hasura-role", "editor"), Map.entry("x-hasura-user-id", "1"));
        ((ObjectNode) claims.get("https://myapp.com/jwt/claims")).putObject("role")
                .put("default", "contractor").set("allowed", Json.valueToTree(List.of("contractor", "editor")));
        assertFails(() -> bearer(resolver, token(claims), "X-Hasura-Role", "user"), "access-denied",
                "Your requested role is not in allowed roles", 400);
        assertThat(bearer(resolver, token(claims)).role()).isEqualTo("contractor");
    }

    @Test
    void claimsMap_literalRoles() {
        String map = "{\"x-hasura-allowed-roles\": [\"user\", \"editor\"], \"x-hasura-default-role\": \"user\","
                + " \"x-hasura-user-id\": {\"path\": \"$.user.id\"}}";
        SessionResolver resolver = jwtResolver(TestTokens.secret("HS256", KEY, "claims_map", map), clock);
        ObjectNode claims = withoutNamespace();
        claims.putObject("user").put("id", "abc");
        Session session = bearer(resolver, token(claims), "x-hasura-role", "editor");
        assertThat(session.variables().values()).containsExactly(Map.entry("x-hasura-role", "editor"),
                Map.entry("x-hasura-user-id", "abc"));
    }

    @Test
    void cookieToken() {
        SessionResolver resolver = jwtResolver(TestTokens.secret("HS256", KEY, "header",
                "{\"type\": \"Cookie\", \"name\": \"jwt\"}"), clock, Optional.of("anonymous"));
        String token = tokenFor(hasura("user", List.of("user"), "3"));
        assertThat(resolve(resolver, "Cookie", "theme=dark; jwt=" + token + "; lang=en").variables().values())
                .containsEntry("x-hasura-user-id", "3");
        // a cookie of another name, or a bearer token, is not where this secret looks
        assertThat(resolve(resolver, "Cookie", "other=" + token).role()).isEqualTo("anonymous");
        assertThat(resolve(resolver, "Authorization", "Bearer " + token).role()).isEqualTo("anonymous");
    }

    @Test
    void customHeaderToken() {
        SessionResolver resolver = jwtResolver(TestTokens.secret("HS256", KEY, "header",
                "{\"type\": \"CustomHeader\", \"name\": \"X-Auth-Token\"}"), clock);
        String token = tokenFor(hasura("user", List.of("user"), "4"));
        assertThat(resolve(resolver, "x-auth-token", token).variables().values()).containsEntry("x-hasura-user-id", "4");
        assertFails(() -> resolve(resolver, "Authorization", "Bearer " + token), "invalid-headers",
                AuthFailures.MISSING_TOKEN, 400);
    }

    @Test
    void malformedAuthorizationHeader_isInvalidHeaders() {
        SessionResolver resolver = jwtResolver(SECRET, clock);
        assertFails(() -> resolve(resolver, "Authorization", "Basic dXNlcjpwYXNz"), "invalid-headers",
                "Malformed Authorization header", 400);
        assertFails(() -> resolve(resolver, "Authorization", "Bearer"), "invalid-headers",
                "Malformed Authorization header", 400);
    }

    @Test
    void noToken_isInvalidHeaders_withoutAnUnauthorizedRole() {
        assertFails(() -> resolve(jwtResolver(SECRET, clock), "X-Hasura-Role", "user"), "invalid-headers",
                "Missing 'Authorization' or 'Cookie' header in JWT authentication mode", 400);
    }

    @Test
    void noToken_getsTheUnauthorizedRole_withoutTheClientsVariables() {
        Session session = resolve(jwtResolver(SECRET, clock, Optional.of("anonymous")),
                "X-Hasura-User-Id", "1", "X-Hasura-Role", "admin");
        assertThat(session.role()).isEqualTo("anonymous");
        assertThat(session.variables().values()).containsExactly(Map.entry("x-hasura-role", "anonymous"));
    }

    @Test
    void adminSecret_winsOverAToken_andAWrongOneFailsWhateverElseIsSent() {
        SessionResolver resolver = jwtResolver(SECRET, clock, Optional.of("anonymous"));
        String token = tokenFor(hasura("user", List.of("user"), "4"));
        Session admin = resolve(resolver, "Authorization", "Bearer " + token, "X-Hasura-Admin-Secret", ADMIN_SECRET,
                "X-Hasura-User-Id", "9");
        assertThat(admin.isAdmin()).isTrue();
        assertThat(admin.variables().values()).containsEntry("x-hasura-user-id", "9");
        assertFails(() -> resolve(resolver, "Authorization", "Bearer " + token, "X-Hasura-Admin-Secret", "wrong"),
                "access-denied", "invalid x-hasura-admin-secret/x-hasura-access-key", 401);
    }
}
