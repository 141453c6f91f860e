package io.joinery.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.X509CertUtils;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verification keys: the configured `type` + `key` of a JWT secret turned into a Nimbus {@link JWK}
 * (a shared secret, or a PEM public key / certificate), which token algorithms a key accepts, and
 * the Nimbus verifier for it. No cryptography is done here; Nimbus (and the JDK) do it.
 */
final class JwtKeys {
    /** The `type` values Joinery accepts, with the EC curve each ES type needs. */
    static final List<String> TYPES = List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
            "ES256", "ES384", "ES512", "Ed25519");
    private static final Map<JWSAlgorithm, Curve> EC_CURVES = Map.of(
            JWSAlgorithm.ES256, Curve.P_256, JWSAlgorithm.ES384, Curve.P_384, JWSAlgorithm.ES512, Curve.P_521);
    /** The fixed DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the raw key follows. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
            0x03, 0x21, 0x00};

    private JwtKeys() {}

    /**
     * @throws IllegalArgumentException `Invalid JWK: …` (Hasura's wording) for an unknown type, a
     *     too short secret, or a key that does not decode
     */
    static JWK parse(String type, String rawKey) {
        if (!TYPES.contains(type)) {
            throw invalid("Key type: " + type + " is not supported");
        }
        if (type.startsWith("HS")) {
            int bits = Integer.parseInt(type.substring(2));
            byte[] secret = rawKey.getBytes(StandardCharsets.UTF_8);
            if (secret.length < bits / 8) {
                throw invalid("Key size too small; should be atleast " + bits / 8 + " characters");
            }
            return new OctetSequenceKey.Builder(secret).keyUse(KeyUse.SIGNATURE).build();
        }
        PublicKey publicKey = decodePem(type, rawKey);
        if (type.startsWith("RS")) {
            if (!(publicKey instanceof RSAPublicKey rsa)) {
                throw invalid("Could not decode PEM: the key is not an RSA public key");
            }
            return new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE).build();
        }
        if (type.startsWith("ES")) {
            if (!(publicKey instanceof ECPublicKey ec)) {
                throw invalid("Could not decode PEM: the key is not an EC public key");
            }
            Curve expected = EC_CURVES.get(JWSAlgorithm.parse(type));
            Curve actual = Curve.forECParameterSpec(ec.getParams());
            if (!expected.equals(actual)) {
                throw invalid(type + " needs a key on curve " + expected + ", but the key is on "
                        + (actual == null ? "another curve" : actual.toString()));
            }
            return new ECKey.Builder(expected, ec).keyUse(KeyUse.SIGNATURE).build();
        }
        byte[] spki = publicKey.getEncoded();
        if (spki.length != ED25519_SPKI_PREFIX.length + 32
                || !Arrays.equals(Arrays.copyOf(spki, ED25519_SPKI_PREFIX.length), ED25519_SPKI_PREFIX)) {
            throw invalid("Could not decode PEM: the key is not an Ed25519 public key");
        }
        byte[] raw = Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).keyUse(KeyUse.SIGNATURE).build();
    }

    /** A PEM public key (SPKI, or PKCS#1 for RSA) or X.509 certificate, as a JDK public key. */
    private static PublicKey decodePem(String type, String pem) {
        String text = pem.trim();
        if (text.contains("-----BEGIN CERTIFICATE-----")) {
            X509Certificate certificate = X509CertUtils.parse(text);
            if (certificate == null) {
                throw invalid("Could not decode PEM: not a valid X.509 certificate");
            }
            return certificate.getPublicKey();
        }
        String algorithm = type.startsWith("RS") ? "RSA" : type.startsWith("ES") ? "EC" : "Ed25519";
        try {
            if (text.contains("-----BEGIN RSA PUBLIC KEY-----")) {
                BigInteger[] modulusAndExponent = Pkcs1.read(pemBody(text, "RSA PUBLIC KEY"));
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(modulusAndExponent[0], modulusAndExponent[1]));
            }
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(pemBody(text, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw invalid("Could not decode PEM: " + e.getMessage());
        }
    }

    private static byte[] pemBody(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int start = text.indexOf(begin);
        int stop = text.indexOf(end);
        if (start < 0 || stop < start) {
            throw new IllegalArgumentException("No pem found (expected " + begin + " … " + end + ")");
        }
        String body = text.substring(start + begin.length(), stop).replace("\\n", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /**
     * Whether `key` may verify a token signed with `alg`: the same family (HMAC with a long enough
     * secret, RSA, EC on the algorithm's curve, Ed25519 for EdDSA), a signing key, and the key's own
     * `alg` (when a JWKS names one) equal to the token's.
     */
    static boolean accepts(JWK key, JWSAlgorithm alg) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
            return false;
        }
        if (key instanceof OctetSequenceKey secret) {
            return JWSAlgorithm.Family.HMAC_SHA.contains(alg)
                    && secret.toByteArray().length * 8 >= Integer.parseInt(alg.getName().substring(2));
        }
        if (key instanceof RSAKey) {
            return JWSAlgorithm.Family.RSA.contains(alg);
        }
        if (key instanceof ECKey ec) {
            return ec.getCurve().equals(EC_CURVES.get(alg));
        }
        if (key instanceof OctetKeyPair okp) {
            return Curve.Ed25519.equals(okp.getCurve())
                    && (JWSAlgorithm.EdDSA.equals(alg) || JWSAlgorithm.Ed25519.equals(alg));
        }
        return false;
    }

    /** The Nimbus verifier for a key that {@link #accepts} the algorithm; empty if Nimbus refuses it. */
    static Optional<JWSVerifier> verifier(JWK key) {
        try {
            if (key instanceof OctetSequenceKey secret) {
                return Optional.of(new MACVerifier(secret));
            }
            if (key instanceof RSAKey rsa) {
                return Optional.of(new RSASSAVerifier(rsa));
            }
            if (key instanceof ECKey ec) {
                return Optional.of(new ECDSAVerifier(ec));
            }
            if (key instanceof OctetKeyPair okp) {
                return Optional.of(new Ed25519Verifier(okp.toPublicJWK()));
            }
        } catch (JOSEException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("Invalid JWK: " + message);
    }

    /** Reads a PKCS#1 `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (DER). */
    private static final class Pkcs1 {
        private final byte[] der;
        private int at;

        private Pkcs1(byte[] der) {
            this.der = der;
        }

        static BigInteger[] read(byte[] der) {
            Pkcs1 reader = new Pkcs1(der);
            reader.expectTag(0x30);
            reader.length();
            BigInteger modulus = reader.integer();
            BigInteger exponent = reader.integer();
            return new BigInteger[] {modulus, exponent};
        }

        private BigInteger integer() {
            expectTag(0x02);
            int length = length();
            if (at + length > der.length) {
                throw new IllegalArgumentException("truncated RSA public key");
            }
            BigInteger value = new BigInteger(1, Arrays.copyOfRange(der, at, at + length));
            at += length;
            return value;
        }

        private void expectTag(int tag) {
            if (at >= der.length || (der[at++] & 0xff) != tag) {
                throw new IllegalArgumentException("not a PKCS#1 RSA public key");
            }
        }

        private int length() {
            if (at >= der.length) {
                throw new IllegalArgumentException("truncated RSA public key");
            }
            int first = der[at++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int bytes = first & 0x7f;
            if (bytes > 4 || at + bytes > der.length) {
                throw new IllegalArgumentException("bad DER length in RSA public key");
            }
            int length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[at++] & 0xff);
            }
            return length;
        }
    }
}
