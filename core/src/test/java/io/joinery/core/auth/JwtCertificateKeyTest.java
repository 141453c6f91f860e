package io.joinery.core.auth;

import static io.joinery.core.auth.JwtTestSupport.assertInvalidJwt;
import static io.joinery.core.auth.JwtTestSupport.bearer;
import static io.joinery.core.auth.JwtTestSupport.jwtResolver;
import static io.joinery.core.auth.TestTokens.claims;
import static io.joinery.core.auth.TestTokens.hasura;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `key` given as a PEM X.509 certificate of a key pair generated in the test. */
class JwtCertificateKeyTest {
    private final TestClock clock = TestClock.atNow();

    private String token(JWK key, JWSAlgorithm alg) {
        return TestTokens.sign(key, alg, claims(clock.instant(), hasura("user", List.of("user"), "1")));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return TestTokens.pem("CERTIFICATE", certificate.getEncoded());
    }

    @Test
    void rsaCertificate() throws Exception {
        RSAKey key = TestTokens.rsa(null);
        X509Certificate certificate = TestCertificates.selfSigned(key.toKeyPair());
        var resolver = jwtResolver(TestTokens.secret("RS256", pem(certificate)), clock);
        assertThat(bearer(resolver, token(key, JWSAlgorithm.RS256)).role()).isEqualTo("user");
        assertInvalidJwt(() -> bearer(resolver, token(TestTokens.rsa(null), JWSAlgorithm.RS256)),
                "JWSError JWSInvalidSignature");
    }

    @Test
    void ecCertificate() throws Exception {
        ECKey key = TestTokens.ec(Curve.P_256, null);
        X509Certificate certificate = TestCertificates.selfSigned(key.toKeyPair());
        var resolver = jwtResolver(TestTokens.secret("ES256", pem(certificate)), clock);
        assertThat(bearer(resolver, token(key, JWSAlgorithm.ES256)).role()).isEqualTo("user");
    }

    @Test
    void ed25519Certificate() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        // RFC 8410 encodings end with the raw 32-byte public key / private seed
        OctetKeyPair key = new OctetKeyPair.Builder(Curve.Ed25519,
                Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length)))
                .d(Base64URL.encode(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)))
                .build();
        var resolver = jwtResolver(TestTokens.secret("Ed25519", pem(TestCertificates.selfSigned(pair))), clock);
        assertThat(bearer(resolver, token(key, JWSAlgorithm.EdDSA)).role()).isEqualTo("user");
    }

    @Test
    void certificateOfTheWrongKeyType_isAStartUpError() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        String ecCertificate = pem(TestCertificates.selfSigned(ec.generateKeyPair()));
        assertThatThrownBy(() -> JwtSecret.parse(TestTokens.secret("RS256", ecCertificate)))
                .hasMessage("Invalid JWK: Could not decode PEM: the key is not an RSA public key");
        assertThatThrownBy(() -> JwtSecret.parse(TestTokens.secret("ES384", ecCertificate)))
                .hasMessage("Invalid JWK: ES384 needs a key on curve P-384, but the key is on P-256");
    }
}
