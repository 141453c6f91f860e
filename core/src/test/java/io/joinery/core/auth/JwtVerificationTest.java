package io.joinery.core.auth;

import static io.joinery.core.auth.JwtTestSupport.assertInvalidJwt;
import static io.joinery.core.auth.JwtTestSupport.bearer;
import static io.joinery.core.auth.JwtTestSupport.jwtResolver;
import static io.joinery.core.auth.TestTokens.claims;
import static io.joinery.core.auth.TestTokens.hasura;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import io.joinery.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signature, key types and the time / audience / issuer checks, with real keys and tokens. */
class JwtVerificationTest {
    private static final RSAKey RSA = TestTokens.rsa(null);
    private static final String RSA_SECRET = TestTokens.secret("RS256", TestTokens.pem(RSA));

    private final TestClock clock = TestClock.atNow();

    private ObjectNode userClaims() {
        return claims(clock.instant(), hasura("user", List.of("user"), "42"));
    }

    private String rsaToken(ObjectNode claims) {
        return TestTokens.sign(RSA, JWSAlgorithm.RS256, claims);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void hmacSecrets_verifyTokensTheySigned(String type) {
        String secret = TestTokens.hmacSecret(64);
        SessionResolver resolver = jwtResolver(TestTokens.secret(type, secret), clock);
        Session session = bearer(resolver, TestTokens.signHmac(secret, JWSAlgorithm.parse(type), userClaims()));
        assertThat(session.role()).isEqualTo("user");
        assertThat(session.variables().values()).containsEntry("x-hasura-user-id", "42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512"})
    void rsaPublicKeys_verifyTokensTheySigned(String type) {
        SessionResolver resolver = jwtResolver(TestTokens.secret(type, TestTokens.pem(RSA)), clock);
        String token = TestTokens.sign(RSA, JWSAlgorithm.parse(type), userClaims());
        assertThat(bearer(resolver, token).role()).isEqualTo("user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "ES384", "ES512"})
    void ecPublicKeys_verifyTokensTheySigned(String type) {
        Curve curve = Map.of("ES256", Curve.P_256, "ES384", Curve.P_384, "ES512", Curve.P_521).get(type);
        ECKey key = TestTokens.ec(curve, null);
        SessionResolver resolver = jwtResolver(TestTokens.secret(type, TestTokens.pem(key)), clock);
        String token = TestTokens.sign(key, JWSAlgorithm.parse(type), userClaims());
        assertThat(bearer(resolver, token).role()).isEqualTo("user");
    }

    @Test
    void ed25519PublicKey_verifiesEdDsaTokens() {
        OctetKeyPair key = TestTokens.ed25519(null);
        SessionResolver resolver = jwtResolver(TestTokens.secret("Ed25519", TestTokens.pemEd25519(key)), clock);
        assertThat(bearer(resolver, TestTokens.sign(key, JWSAlgorithm.EdDSA, userClaims())).role()).isEqualTo("user");

        OctetKeyPair other = TestTokens.ed25519(null);
        assertInvalidJwt(() -> bearer(resolver, TestTokens.sign(other, JWSAlgorithm.EdDSA, userClaims())),
                "JWSError JWSInvalidSignature");
    }

    @Test
    void pkcs1RsaPublicKey_isAccepted() throws Exception {
        byte[] spki = RSA.toRSAPublicKey().getEncoded();
        // a 2048-bit key's SubjectPublicKeyInfo is a 24-byte header around the PKCS#1 RSAPublicKey
        byte[] pkcs1 = Arrays.copyOfRange(spki, 24, spki.length);
        SessionResolver resolver = jwtResolver(TestTokens.secret("RS256", TestTokens.pem("RSA PUBLIC KEY", pkcs1)), clock);
        assertThat(bearer(resolver, rsaToken(userClaims())).role()).isEqualTo("user");
    }

    @Test
    void tokenSignedByAnotherKey_isAnInvalidSignature() {
        SessionResolver resolver = jwtResolver(RSA_SECRET, clock);
        String forged = TestTokens.sign(TestTokens.rsa(null), JWSAlgorithm.RS256, userClaims());
        assertInvalidJwt(() -> bearer(resolver, forged), "JWSError JWSInvalidSignature");
    }

    @Test
    void hmacTokenKeyedWithThePublicKey_isRefused() {
        // the classic algorithm confusion: HS256 "signed" with the RSA public key's PEM text
        SessionResolver resolver = jwtResolver(RSA_SECRET, clock);
        String confused = TestTokens.signHmac(TestTokens.pem(RSA), JWSAlgorithm.HS256, userClaims());
        assertInvalidJwt(() -> bearer(resolver, confused), "JWSError JWSInvalidSignature");
    }

    @Test
    void tamperedPayload_isAnInvalidSignature() {
        SessionResolver resolver = jwtResolver(RSA_SECRET, clock);
        String[] parts = rsaToken(userClaims()).split("\\.");
        ObjectNode admin = claims(clock.instant(), hasura("admin", List.of("admin"), "1"));
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(admin.toString().getBytes(StandardCharsets.UTF_8));
        assertInvalidJwt(() -> bearer(resolver, parts[0] + "." + payload + "." + parts[2]), "JWSError JWSInvalidSignature");
    }

    @Test
    void malformedTokens_areInvalidJwts() {
        SessionResolver resolver = jwtResolver(RSA_SECRET, clock);
        assertInvalidJwt(() -> bearer(resolver, "abc"),
                "JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 1)");
        assertInvalidJwt(() -> bearer(resolver, "abc.def"),
                "JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 2)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bearer(resolver, "%%%.###.***"))
                .hasMessageStartingWith("Could not verify JWT: JWSError (CompactDecodeError");
    }

    @Test
    void unsignedToken_isRefused() {
        SessionResolver resolver = jwtResolver(RSA_SECRET, clock);
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(userClaims().toString().getBytes(StandardCharsets.UTF_8));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bearer(resolver, header + "." + payload + "."))
                .hasMessageStartingWith("Could not verify JWT: ");
    }

    @Test
    void expiredToken_isJwtExpired() {
        SessionResolver resolver = jwtResolver(RSA_SECRET, clock);
        ObjectNode claims = userClaims();
        claims.put("exp", clock.instant().minusSeconds(60).getEpochSecond());
        assertInvalidJwt(() -> bearer(resolver, rsaToken(claims)), "JWTExpired");
    }

    @Test
    void tokenExpiringLater_becomesExpiredWhenTheClockPassesIt() {
        SessionResolver resolver = jwtResolver(RSA_SECRET, clock);
        String token = rsaToken(userClaims());
        assertThat(bearer(resolver, token).role()).isEqualTo("user");
        clock.advance(Duration.ofSeconds(3601));
        assertInvalidJwt(() -> bearer(resolver, token), "JWTExpired");
    }

    @Test
    void allowedSkew_acceptsARecentlyExpiredToken_butNotAnOlderOne() {
        SessionResolver resolver = jwtResolver(TestTokens.secret("RS256", TestTokens.pem(RSA), "allowed_skew", "60"), clock);
        ObjectNode recent = userClaims();
        recent.put("exp", clock.instant().minusSeconds(30).getEpochSecond());
        assertThat(bearer(resolver, rsaToken(recent)).role()).isEqualTo("user");
        ObjectNode old = userClaims();
        old.put("exp", clock.instant().minusSeconds(90).getEpochSecond());
        assertInvalidJwt(() -> bearer(resolver, rsaToken(old)), "JWTExpired");
    }

    @Test
    void notBefore_inTheFuture_isJwtNotYetValid_unlessWithinSkew() {
        ObjectNode claims = userClaims();
        claims.put("nbf", clock.instant().plusSeconds(30).getEpochSecond());
        assertInvalidJwt(() -> bearer(jwtResolver(RSA_SECRET, clock), rsaToken(claims)), "JWTNotYetValid");
        SessionResolver skewed = jwtResolver(TestTokens.secret("RS256", TestTokens.pem(RSA), "allowed_skew", "60"), clock);
        assertThat(bearer(skewed, rsaToken(claims)).role()).isEqualTo("user");
        clock.advance(Duration.ofSeconds(31));
        assertThat(bearer(jwtResolver(RSA_SECRET, clock), rsaToken(claims)).role()).isEqualTo("user");
    }

    @Test
    void numericDatesBeyondALong_meanTheFarFutureOrPast_notTheirLowBits() {
        SessionResolver resolver = jwtResolver(RSA_SECRET, clock);
        ObjectNode notYet = userClaims();
        notYet.put("nbf", new java.math.BigDecimal("1e400"));
        assertInvalidJwt(() -> bearer(resolver, rsaToken(notYet)), "JWTNotYetValid");
        ObjectNode farFuture = userClaims();
        farFuture.put("exp", new java.math.BigDecimal("1e300"));
        assertThat(bearer(resolver, rsaToken(farFuture)).role()).isEqualTo("user");
        ObjectNode longAgo = userClaims();
        longAgo.put("exp", new java.math.BigDecimal("-1e300"));
        assertInvalidJwt(() -> bearer(resolver, rsaToken(longAgo)), "JWTExpired");
    }

    @Test
    void numericDatesWithHugeExponents_areReadAtOnce() {
        SessionResolver resolver = jwtResolver(RSA_SECRET, clock);
        String claims = Json.write(userClaims());
        String farFuture = claims.substring(0, claims.length() - 1) + ",\"exp\":1e300000000,\"nbf\":-1e300000000}";
        String issuedLater = claims.substring(0, claims.length() - 1) + ",\"iat\":1e300000000}";
        String expiredAtTheEpoch = claims.substring(0, claims.length() - 1) + ",\"exp\":1e-300000000}";
        String numericUserId = claims.replace("\"x-hasura-user-id\":\"42\"", "\"x-hasura-user-id\":1e300000000");
        assertThat(numericUserId).isNotEqualTo(claims);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(bearer(resolver, TestTokens.signRaw(RSA, JWSAlgorithm.RS256, farFuture)).role()).isEqualTo("user");
            assertInvalidJwt(() -> bearer(resolver, TestTokens.signRaw(RSA, JWSAlgorithm.RS256, issuedLater)),
                    "JWTIssuedAtFuture");
            assertInvalidJwt(() -> bearer(resolver, TestTokens.signRaw(RSA, JWSAlgorithm.RS256, expiredAtTheEpoch)),
                    "JWTExpired");
            assertThat(bearer(resolver, TestTokens.signRaw(RSA, JWSAlgorithm.RS256, numericUserId))
                    .variables().values().get("x-hasura-user-id")).isEqualTo("1E+300000000");
        });
    }

    @Test
    void issuedInTheFuture_isJwtIssuedAtFuture() {
        ObjectNode claims = userClaims();
        claims.put("iat", clock.instant().plusSeconds(120).getEpochSecond());
        assertInvalidJwt(() -> bearer(jwtResolver(RSA_SECRET, clock), rsaToken(claims)), "JWTIssuedAtFuture");
    }

    @Test
    void audience_mustIntersectTheConfiguredList() {
        SessionResolver resolver = jwtResolver(
                TestTokens.secret("RS256", TestTokens.pem(RSA), "audience", "[\"app-a\", \"app-b\"]"), clock);
        ObjectNode single = userClaims();
        single.put("aud", "app-b");
        assertThat(bearer(resolver, rsaToken(single)).role()).isEqualTo("user");
        ObjectNode list = userClaims();
        list.set("aud", io.joinery.core.json.Json.valueToTree(List.of("other", "app-a")));
        assertThat(bearer(resolver, rsaToken(list)).role()).isEqualTo("user");
        ObjectNode rubbish = userClaims();
        rubbish.put("aud", "rubbish_audience");
        assertInvalidJwt(() -> bearer(resolver, rsaToken(rubbish)), "JWTNotInAudience");
        assertInvalidJwt(() -> bearer(resolver, rsaToken(userClaims())), "JWTNotInAudience");
    }

    @Test
    void stringAudience_andNoAudienceConfigured() {
        SessionResolver resolver = jwtResolver(TestTokens.secret("RS256", TestTokens.pem(RSA), "audience", "\"app\""), clock);
        ObjectNode claims = userClaims();
        claims.put("aud", "app");
        assertThat(bearer(resolver, rsaToken(claims)).role()).isEqualTo("user");
        // no audience in the configuration: any aud is fine (Hasura's test_jwt_no_audience_in_conf)
        claims.put("aud", "hasura-test-suite");
        assertThat(bearer(jwtResolver(RSA_SECRET, clock), rsaToken(claims)).role()).isEqualTo("user");
    }

    @Test
    void issuer_mustMatchWhenConfigured() {
        SessionResolver resolver = jwtResolver(
                TestTokens.secret("RS256", TestTokens.pem(RSA), "issuer", "\"https://auth.example.com\""), clock);
        ObjectNode good = userClaims();
        good.put("iss", "https://auth.example.com");
        assertThat(bearer(resolver, rsaToken(good)).role()).isEqualTo("user");
        ObjectNode bad = userClaims();
        bad.put("iss", "rubbish_issuer");
        assertInvalidJwt(() -> bearer(resolver, rsaToken(bad)), "JWTNotInIssuer");
        assertInvalidJwt(() -> bearer(resolver, rsaToken(userClaims())), "JWTNotInIssuer");
        // no issuer configured: any iss is fine (test_jwt_no_issuer_in_conf)
        assertThat(bearer(jwtResolver(RSA_SECRET, clock), rsaToken(bad)).role()).isEqualTo("user");
    }

    @Test
    void staticKey_ignoresTheTokensKid_andTypHeader() {
        SessionResolver resolver = jwtResolver(RSA_SECRET, clock);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("whatever").type(JOSEObjectType.JWT).build();
        assertThat(bearer(resolver, TestTokens.sign(RSA, header, userClaims())).role()).isEqualTo("user");
    }

    @Test
    void nonNumericExpiry_isAnInvalidJwt() {
        ObjectNode claims = userClaims();
        claims.put("exp", "tomorrow");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bearer(jwtResolver(RSA_SECRET, clock), rsaToken(claims)))
                .hasMessageStartingWith("Could not verify JWT: JWTClaimsSetDecodeError");
    }
}
