package io.joinery.core.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.joinery.core.json.Json;
import java.math.BigDecimal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks one compact JWS token: its form, its signature against candidate keys (by Nimbus), then
 * `exp`, `iat`, `nbf` (each with the allowed skew), `iss` and `aud` (when configured), in the order
 * Hasura's JOSE library checks them. Failures are `invalid-jwt` with Hasura's reasons:
 * <pre>
 * JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 2)
 * JWSError NoUsableKeys          no key with the token's kid
 * JWSError JWSInvalidSignature   no candidate key verifies it (wrong key, or an alg the key is not for)
 * JWTExpired / JWTIssuedAtFuture / JWTNotYetValid / JWTNotInIssuer / JWTNotInAudience
 * </pre>
 * Joinery choice: with `audience` or `issuer` configured, a token WITHOUT that claim is refused too
 * (Hasura's library lets it through).
 */
final class JwtVerifier {
    private final List<String> audience;
    private final Optional<String> issuer;
    private final Duration skew;
    private final Clock clock;

    JwtVerifier(JwtSecret secret, Clock clock) {
        this.audience = secret.audience();
        this.issuer = secret.issuer();
        this.skew = secret.allowedSkew();
        this.clock = clock;
    }

    /** Parses a compact token; `invalid-jwt` when it is not one. */
    static SignedJWT parse(String token) {
        String trimmed = token.trim();
        int parts = trimmed.isEmpty() ? 0 : trimmed.split("\\.", -1).length;
        if (parts != 3) {
            throw AuthFailures.invalidJwt("JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got "
                    + parts + ")");
        }
        try {
            return SignedJWT.parse(trimmed);
        } catch (ParseException e) {
            throw AuthFailures.invalidJwt("JWSError (CompactDecodeError " + e.getMessage() + ")");
        }
    }

    /**
     * @param candidates the keys that may have signed it (those matching its `kid`, or every key)
     * @return the verified claims set
     */
    ObjectNode verify(SignedJWT jwt, List<JWK> candidates) {
        if (candidates.isEmpty()) {
            throw AuthFailures.invalidJwt("JWSError NoUsableKeys");
        }
        if (!verifiedByAny(jwt, candidates)) {
            throw AuthFailures.invalidJwt("JWSError JWSInvalidSignature");
        }
        ObjectNode claims = claims(jwt);
        Instant now = clock.instant();
        numericDate(claims, "exp").ifPresent(exp -> {
            if (now.isAfter(exp.plus(skew))) {
                throw AuthFailures.invalidJwt("JWTExpired");
            }
        });
        numericDate(claims, "iat").ifPresent(iat -> {
            if (now.plus(skew).isBefore(iat)) {
                throw AuthFailures.invalidJwt("JWTIssuedAtFuture");
            }
        });
        numericDate(claims, "nbf").ifPresent(nbf -> {
            if (now.plus(skew).isBefore(nbf)) {
                throw AuthFailures.invalidJwt("JWTNotYetValid");
            }
        });
        issuer.ifPresent(expected -> {
            JsonNode iss = claims.get("iss");
            if (iss == null || !iss.isTextual() || !iss.asText().equals(expected)) {
                throw AuthFailures.invalidJwt("JWTNotInIssuer");
            }
        });
        if (!audience.isEmpty() && !inAudience(claims.get("aud"))) {
            throw AuthFailures.invalidJwt("JWTNotInAudience");
        }
        return claims;
    }

    private static boolean verifiedByAny(SignedJWT jwt, List<JWK> candidates) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        for (JWK key : candidates) {
            if (!JwtKeys.accepts(key, alg)) {
                continue;
            }
            Optional<JWSVerifier> verifier = JwtKeys.verifier(key);
            if (verifier.isEmpty()) {
                continue;
            }
            try {
                if (jwt.verify(verifier.get())) {
                    return true;
                }
            } catch (JOSEException e) {
                // this key cannot check this token (Nimbus refuses the algorithm or a critical header)
            }
        }
        return false;
    }

    private static ObjectNode claims(SignedJWT jwt) {
        try {
            JsonNode claims = Json.MAPPER.readTree(jwt.getPayload().toString());
            if (claims != null && claims.isObject()) {
                return (ObjectNode) claims;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw AuthFailures.invalidJwt("JWTClaimsSetDecodeError \"the payload is not a JSON object\"");
    }

    private static Optional<Instant> numericDate(ObjectNode claims, String name) {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw AuthFailures.invalidJwt("JWTClaimsSetDecodeError \"" + name + " must be a NumericDate (seconds)\"");
        }
        // Clamped, and compared before any arithmetic (JwtSeconds): longValue() of a number beyond a
        // long keeps only its low bits (1e400 would be any date).
        BigDecimal seconds = value.decimalValue();
        if (seconds.compareTo(JwtSeconds.MAX) > 0) {
            return Optional.of(Instant.ofEpochMilli(Long.MAX_VALUE));
        }
        if (seconds.compareTo(JwtSeconds.MIN) < 0) {
            return Optional.of(Instant.ofEpochMilli(Long.MIN_VALUE));
        }
        return Optional.of(Instant.ofEpochMilli(JwtSeconds.toMillis(seconds)));
    }

    private boolean inAudience(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return audience.contains(aud.asText());
        }
        for (JsonNode element : aud) {
            if (element.isTextual() && audience.contains(element.asText())) {
                return true;
            }
        }
        return false;
    }
}
