package io.joinery.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.joinery.core.auth.JwtSecret.AuthorizationToken;
import io.joinery.core.auth.JwtSecret.CookieToken;
import io.joinery.core.auth.JwtSecret.CustomHeaderToken;
import io.joinery.core.auth.JwtSecret.JwkUrl;
import io.joinery.core.auth.JwtSecret.StaticKey;
import io.joinery.core.observe.Telemetry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * JWT mode (SPEC §9 step 2): finds the token where the JWT secret says, verifies it, reads the
 * Hasura claims and picks the role.
 * <pre>
 * Authorization: Bearer eyJ…   X-Hasura-Role: editor   X-Hasura-User-Id: 99 (ignored)
 *   token claims {"x-hasura-allowed-roles": ["user","editor"], "x-hasura-default-role": "user",
 *                 "x-hasura-user-id": "42"}
 *   -> Session(editor, {x-hasura-role: editor, x-hasura-user-id: 42})
 * </pre>
 * Session variables come from the token only; the only header read besides the token is
 * `X-Hasura-Role`, which must name an allowed role.
 */
public final class JwtAuthenticator {
    private final JwtSecret secret;
    private final JwtVerifier verifier;
    private final Optional<JwksCache> jwks;

    /** @param jwks the cache of the secret's `jwk_url`; empty for a static key */
    public JwtAuthenticator(JwtSecret secret, Optional<JwksCache> jwks, Clock clock) {
        if (secret.keys() instanceof JwkUrl && jwks.isEmpty()) {
            throw new IllegalArgumentException("a jwk_url secret needs a JwksCache");
        }
        this.secret = secret;
        this.verifier = new JwtVerifier(secret, clock);
        this.jwks = jwks;
    }

    /** For a secret with `jwk_url`, a cache over `http`; for a static key, none. */
    public static JwtAuthenticator create(JwtSecret secret, HttpClient http, Clock clock) {
        return create(secret, http, clock, Telemetry.noop());
    }

    /** As above, the JWKS fetches counted in {@code telemetry}. */
    public static JwtAuthenticator create(JwtSecret secret, HttpClient http, Clock clock, Telemetry telemetry) {
        Optional<JwksCache> jwks = secret.keys() instanceof JwkUrl url
                ? Optional.of(new JwksCache(url.url(), http, clock, JwksCache.DEFAULT_FETCH_TIMEOUT, telemetry))
                : Optional.empty();
        return new JwtAuthenticator(secret, jwks, clock);
    }

    public Optional<JwksCache> jwks() {
        return jwks;
    }

    /**
     * The token the request carries at the configured place; empty when there is none.
     *
     * @throws io.joinery.core.error.JoineryException `invalid-headers` "Malformed Authorization
     *     header" when `Authorization` is not `Bearer <token>`
     */
    public Optional<String> token(RequestHeaders headers) {
        if (secret.header() instanceof AuthorizationToken) {
            return headers.get("Authorization").map(JwtAuthenticator::bearer);
        }
        if (secret.header() instanceof CookieToken cookie) {
            for (String header : headers.all("Cookie")) {
                Optional<String> value = cookieValue(header, cookie.name());
                if (value.isPresent()) {
                    return value;
                }
            }
            return Optional.empty();
        }
        return headers.get(((CustomHeaderToken) secret.header()).name()).map(String::trim);
    }

    private static String bearer(String authorization) {
        String[] parts = authorization.trim().split("\\s+");
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw AuthFailures.invalidHeaders("Malformed Authorization header");
        }
        return parts[1];
    }

    /** `a=1; jwt=eyJ…; b=2` → the value of `name`, unquoted. */
    static Optional<String> cookieValue(String cookieHeader, String name) {
        for (String pair : cookieHeader.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                String value = pair.substring(equals + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Verifies `token` and resolves the session; the Mono fails with Hasura's JWT errors. */
    public Mono<Session> authenticate(String token, RequestHeaders headers) {
        return Mono.defer(() -> {
            SignedJWT jwt = JwtVerifier.parse(token);
            return candidates(jwt).map(keys -> session(verifier.verify(jwt, keys), headers));
        });
    }

    private Mono<List<JWK>> candidates(SignedJWT jwt) {
        if (secret.keys() instanceof StaticKey key) {
            // one configured key: used whatever kid the token names, as Hasura does
            return Mono.just(List.of(key.key()));
        }
        return jwks.orElseThrow().candidates(Optional.ofNullable(jwt.getHeader().getKeyID()));
    }

    private Session session(ObjectNode claims, RequestHeaders headers) {
        HasuraClaims hasura = HasuraClaims.read(claims, secret.claims());
        String role = headers.get(Session.ROLE).filter(r -> !r.isBlank()).orElse(hasura.defaultRole());
        if (!hasura.allowedRoles().contains(role)) {
            throw AuthFailures.roleNotAllowed();
        }
        return new Session(role, hasura.variables());
    }
}
