package io.joinery.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.joinery.core.auth.JwtSecret.AtPath;
import io.joinery.core.auth.JwtSecret.AuthorizationToken;
import io.joinery.core.auth.JwtSecret.ClaimsMap;
import io.joinery.core.auth.JwtSecret.CookieToken;
import io.joinery.core.auth.JwtSecret.CustomHeaderToken;
import io.joinery.core.auth.JwtSecret.JwkUrl;
import io.joinery.core.auth.JwtSecret.Literal;
import io.joinery.core.auth.JwtSecret.NamespaceKey;
import io.joinery.core.auth.JwtSecret.NamespacePath;
import io.joinery.core.auth.JwtSecret.StaticKey;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hasura's JWT secret JSON: every field, its defaults, and the start-up errors. */
class JwtSecretParserTest {
    private static final String HS_KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void minimalHmacSecret_hasHasurasDefaults() {
        JwtSecret secret = JwtSecret.parse("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\"}");
        assertThat(secret.keys()).isInstanceOfSatisfying(StaticKey.class, k -> {
            assertThat(k.type()).isEqualTo("HS256");
            assertThat(((OctetSequenceKey) k.key()).toByteArray()).isEqualTo(HS_KEY.getBytes());
        });
        assertThat(secret.claims()).isEqualTo(new NamespaceKey("https://hasura.io/jwt/claims", false));
        assertThat(secret.header()).isEqualTo(new AuthorizationToken());
        assertThat(secret.audience()).isEmpty();
        assertThat(secret.issuer()).isEmpty();
        assertThat(secret.allowedSkew()).isEqualTo(Duration.ZERO);
    }

    @Test
    void everyField() {
        RSAKey rsa = TestTokens.rsa(null);
        JwtSecret secret = JwtSecret.parse(TestTokens.secret("RS512", TestTokens.pem(rsa),
                "audience", "[\"a\", \"b\"]", "issuer", "\"https://auth\"", "allowed_skew", "2.5",
                "claims_namespace_path", "\"$.hasura.claims\"", "claims_format", "\"stringified_json\"",
                "header", "{\"type\": \"cookie\", \"name\": \"jwt\"}"));
        assertThat(((StaticKey) secret.keys()).key()).isInstanceOfSatisfying(RSAKey.class,
                k -> assertThat(k.getModulus()).isEqualTo(rsa.getModulus()));
        assertThat(secret.audience()).containsExactly("a", "b");
        assertThat(secret.issuer()).contains("https://auth");
        assertThat(secret.allowedSkew()).isEqualTo(Duration.ofMillis(2500));
        assertThat(secret.claims()).isInstanceOfSatisfying(NamespacePath.class, p -> {
            assertThat(p.path().segments()).containsExactly("hasura", "claims");
            assertThat(p.stringified()).isTrue();
        });
        assertThat(secret.header()).isEqualTo(new CookieToken("jwt"));
    }

    @Test
    void jwkUrl_customHeader_stringAudience() {
        JwtSecret secret = JwtSecret.parse("{\"jwk_url\": \"https://idp.example.com/jwks\", \"audience\": \"app\","
                + " \"header\": {\"type\": \"CustomHeader\", \"name\": \"X-Token\"}}");
        assertThat(secret.keys()).isEqualTo(new JwkUrl(URI.create("https://idp.example.com/jwks")));
        assertThat(secret.audience()).containsExactly("app");
        assertThat(secret.header()).isEqualTo(new CustomHeaderToken("X-Token"));
    }

    @Test
    void claimsMap() {
        JwtSecret secret = JwtSecret.parse("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"claims_map\": {"
                + "\"X-Hasura-Allowed-Roles\": {\"path\": \"$.roles\"}, \"x-hasura-default-role\": \"user\","
                + "\"x-hasura-user-id\": {\"path\": \"$.sub\", \"default\": \"0\"}, \"x-hasura-tier\": \"gold\"}}");
        assertThat(secret.claims()).isInstanceOfSatisfying(ClaimsMap.class, map -> {
            assertThat(map.allowedRoles()).isInstanceOf(AtPath.class);
            assertThat(map.defaultRole()).isInstanceOf(Literal.class);
            assertThat(map.others()).containsOnlyKeys("x-hasura-user-id", "x-hasura-tier");
            assertThat(((AtPath) map.others().get("x-hasura-user-id")).fallback()).isPresent();
        });
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> JwtSecret.parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void startUpErrors_nameTheProblem() {
        assertThatThrownBy(() -> JwtSecret.parse("{\"type\": \"HS256\", \"key\": ")).hasMessageStartingWith("is not valid JSON");
        assertRefused("[]", "must be a JSON object such as {\"type\": \"HS256\", \"key\": \"...\"}");
        assertRefused("{\"type\": \"HS256\"}", "key and jwk_url both cannot be empty");
        assertRefused("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"jwk_url\": \"http://x\"}",
                "key, jwk_url both cannot be present");
        assertRefused("{\"key\": \"" + HS_KEY + "\"}",
                "\"type\" is required with \"key\" (one of HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512, Ed25519)");
        assertRefused("{\"type\": \"PS256\", \"key\": \"x\"}", "Invalid JWK: Key type: PS256 is not supported");
        assertRefused("{\"type\": \"HS256\", \"key\": \"short\"}",
                "Invalid JWK: Key size too small; should be atleast 32 characters");
        assertRefused("{\"type\": \"HS512\", \"key\": \"" + HS_KEY + "\"}",
                "Invalid JWK: Key size too small; should be atleast 64 characters");
        assertThatThrownBy(() -> JwtSecret.parse("{\"type\": \"RS256\", \"key\": \"not a pem\"}"))
                .hasMessageStartingWith("Invalid JWK: Could not decode PEM: No pem found");
        assertThatThrownBy(() -> JwtSecret.parse(TestTokens.secret("RS256",
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))).hasMessageStartingWith("Invalid JWK: Could not decode PEM");
        assertRefused("{\"jwk_url\": \"ftp://x/jwks\"}", "jwk_url must be an http(s) URL, got \"ftp://x/jwks\"");
        assertRefused("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"claims_namespace\": \"a\","
                + " \"claims_namespace_path\": \"$.a\"}", "claims_namespace and claims_namespace_path both cannot be set");
        assertThatThrownBy(() -> JwtSecret.parse("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"claims_namespace_path\": \"hasura\"}"))
                .hasMessageStartingWith("invalid JSON path claims_namespace_path error:");
        assertRefused("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"claims_format\": \"yaml\"}",
                "claims_format must be \"json\" or \"stringified_json\", got \"yaml\"");
        assertRefused("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"header\": {\"type\": \"Query\"}}",
                "header: expected 'type' is 'Authorization' or 'Cookie' or 'CustomHeader'");
        assertRefused("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"header\": {\"type\": \"Cookie\"}}",
                "header: type Cookie needs a \"name\"");
        assertRefused("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"allowed_skew\": -1}",
                "allowed_skew must be a number of seconds, 0 or more");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertRefused("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"allowed_skew\": 1e300000000}",
                    "allowed_skew must be at most 9223372036854775 seconds");
            assertThat(JwtSecret.parse("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"allowed_skew\": 1e-300000000}")
                    .allowedSkew()).isEqualTo(Duration.ZERO);
        });
        assertRefused("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"audience\": 5}",
                "audience must be a string or a non-empty list of strings");
        assertRefused("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"claims_map\": {\"x-hasura-default-role\": \"u\"}}",
                "claims_map: x-hasura-allowed-roles is expected but not found");
        assertRefused("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"claims_map\": {\"x-hasura-allowed-roles\": \"u\","
                + " \"x-hasura-default-role\": \"u\"}}", "claims_map: x-hasura-allowed-roles must be a list of role names");
        assertRefused("{\"type\": \"HS256\", \"key\": \"" + HS_KEY + "\", \"claims_map\": {\"x-hasura-allowed-roles\": [\"u\"],"
                + " \"x-hasura-default-role\": \"u\", \"user-id\": \"1\"}}",
                "claims_map: \"user-id\" is not a Hasura session variable");
    }

    @Test
    void claimsPath_forms() {
        assertThat(ClaimsPath.parse("$").segments()).isEmpty();
        assertThat(ClaimsPath.parse("$.a.b").segments()).containsExactly("a", "b");
        assertThat(ClaimsPath.parse("$['https://x.io/claims'].roles[1]").segments())
                .containsExactly("https://x.io/claims", "roles", 1);
        assertThat(ClaimsPath.parse("$[\"a.b\"]").segments()).isEqualTo(List.of("a.b"));
        assertThat(ClaimsPath.parse("$.[\"https://myapp.com/jwt/claims\"].user.id").segments())
                .containsExactly("https://myapp.com/jwt/claims", "user", "id");
        assertThatThrownBy(() -> ClaimsPath.parse("$.a[x]")).hasMessageContaining("expected a quoted key or an index");
        assertThatThrownBy(() -> ClaimsPath.parse("$['a'")).hasMessageContaining("unclosed '['");
    }
}
