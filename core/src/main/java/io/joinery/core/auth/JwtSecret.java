package io.joinery.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `JOINERY_JWT_SECRET` (Hasura's `HASURA_GRAPHQL_JWT_SECRET`) as checked values:
 * <pre>
 * {"type": "RS256", "key": "-----BEGIN PUBLIC KEY-----...", "audience": ["app"], "issuer": "https://auth",
 *  "claims_namespace_path": "$.hasura", "allowed_skew": 30, "header": {"type": "Cookie", "name": "jwt"}}
 * </pre>
 * becomes a {@link StaticKey}, audience `[app]`, issuer, a {@link NamespacePath}, 30 s of skew and a
 * {@link CookieToken}. {@link JwtSecretParser} builds it.
 */
public record JwtSecret(KeySource keys, List<String> audience, Optional<String> issuer, ClaimsSource claims,
                        Duration allowedSkew, TokenLocation header) {
    public static final String DEFAULT_NAMESPACE = "https://hasura.io/jwt/claims";

    public JwtSecret {
        audience = List.copyOf(audience);
        if (allowedSkew.isNegative()) {
            throw new IllegalArgumentException("allowed_skew must not be negative");
        }
    }

    /** Parses the JSON text of the setting; see {@link JwtSecretParser#parse}. */
    public static JwtSecret parse(String json) {
        return JwtSecretParser.parse(json);
    }

    /** Where the verification keys come from. */
    public sealed interface KeySource permits StaticKey, JwkUrl {}

    /**
     * `type` + `key`: one key, and the JWS algorithm family it accepts. `type` is the configured name
     * (`HS256` … `Ed25519`); a token's `alg` must belong to the same family (HMAC, RSA, the same EC
     * curve, EdDSA).
     */
    public record StaticKey(String type, JWK key) implements KeySource {}

    /** `jwk_url`: a JWKS document, cached and refreshed by {@link JwksCache}. */
    public record JwkUrl(URI url) implements KeySource {}

    /** Where the Hasura claims are in the token. */
    public sealed interface ClaimsSource permits NamespaceKey, NamespacePath, ClaimsMap {}

    /** `claims_namespace` (default `https://hasura.io/jwt/claims`): a top-level claim name. */
    public record NamespaceKey(String key, boolean stringified) implements ClaimsSource {}

    /** `claims_namespace_path`: a JSON path into the token's non-registered claims (`$` = all of them). */
    public record NamespacePath(ClaimsPath path, boolean stringified) implements ClaimsSource {}

    /**
     * `claims_map`: each session variable from a literal or from a path into the whole claims set.
     * `allowedRoles` and `defaultRole` are required; `others` maps lower-cased names.
     */
    public record ClaimsMap(ClaimValue allowedRoles, ClaimValue defaultRole, Map<String, ClaimValue> others)
            implements ClaimsSource {
        public ClaimsMap {
            others = Collections.unmodifiableMap(new LinkedHashMap<>(others));
        }
    }

    /** One `claims_map` value. */
    public sealed interface ClaimValue permits Literal, AtPath {}

    /** A literal value, the same for every token. */
    public record Literal(JsonNode value) implements ClaimValue {}

    /** `{"path": "$.user.id", "default": "0"}`: the value at `path`, else `fallback`, else an error. */
    public record AtPath(ClaimsPath path, Optional<JsonNode> fallback) implements ClaimValue {}

    /** Where the token travels (`header`). */
    public sealed interface TokenLocation permits AuthorizationToken, CookieToken, CustomHeaderToken {}

    /** `Authorization: Bearer <jwt>` (the default). */
    public record AuthorizationToken() implements TokenLocation {}

    /** `Cookie: <name>=<jwt>`. */
    public record CookieToken(String name) implements TokenLocation {}

    /** `<name>: <jwt>`. */
    public record CustomHeaderToken(String name) implements TokenLocation {}
}
