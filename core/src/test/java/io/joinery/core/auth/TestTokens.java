package io.joinery.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.joinery.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Keys generated in the test and tokens signed with them (Nimbus signers), plus PEM text for configs. */
final class TestTokens {
    static final String NAMESPACE = "https://hasura.io/jwt/claims";

    private TestTokens() {}

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(Curve curve, String kid) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static OctetKeyPair ed25519(String kid) {
        try {
            return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random shared secret of `length` printable characters. */
    static String hmacSecret(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }

    /** Signs `claims` with `key` under `alg`, naming the key's kid (if any) in the header. */
    static String sign(JWK key, JWSAlgorithm alg, ObjectNode claims) {
        return sign(key, new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
    }

    static String sign(JWK key, JWSHeader header, ObjectNode claims) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(Json.write(claims)));
            jws.sign(signer(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token whose payload is {@code payload} as it is (numbers no JSON writer would write, for one). */
    static String signRaw(JWK key, JWSAlgorithm alg, String payload) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), new Payload(payload));
            jws.sign(signer(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS* with a raw secret (what `"key"` of an HS secret holds). */
    static String signHmac(String secret, JWSAlgorithm alg, ObjectNode claims) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader(alg), new Payload(Json.write(claims)));
            jws.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSSigner signer(JWK key) throws JOSEException {
        if (key instanceof RSAKey rsa) {
            return new RSASSASigner(rsa);
        }
        if (key instanceof ECKey ec) {
            return new ECDSASigner(ec);
        }
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Signer(okp);
        }
        throw new IllegalArgumentException("no signer for " + key.getKeyType());
    }

    /** `-----BEGIN PUBLIC KEY-----` text of an RSA or EC key. */
    static String pem(JWK key) {
        try {
            byte[] der = key instanceof RSAKey rsa ? rsa.toPublicKey().getEncoded() : ((ECKey) key).toPublicKey().getEncoded();
            return pem("PUBLIC KEY", der);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SubjectPublicKeyInfo PEM of an Ed25519 key (RFC 8410: fixed prefix + 32 raw bytes). */
    static String pemEd25519(OctetKeyPair key) {
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.writeBytes(new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00});
        der.writeBytes(key.getDecodedX());
        return pem("PUBLIC KEY", der.toByteArray());
    }

    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** Claims valid for an hour from `now`, with Hasura claims under the default namespace. */
    static ObjectNode claims(Instant now, ObjectNode hasura) {
        ObjectNode claims = Json.object();
        claims.put("sub", "1234567890");
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(3600).getEpochSecond());
        claims.set(NAMESPACE, hasura);
        return claims;
    }

    /** `{"x-hasura-allowed-roles": [...], "x-hasura-default-role": ..., "x-hasura-user-id": userId}`. */
    static ObjectNode hasura(String defaultRole, List<String> allowed, String userId) {
        ObjectNode hasura = Json.object();
        hasura.set("x-hasura-allowed-roles", Json.valueToTree(allowed));
        hasura.put("x-hasura-default-role", defaultRole);
        if (userId != null) {
            hasura.put("x-hasura-user-id", userId);
        }
        return hasura;
    }

    /** A JWT secret JSON for `type` + `key` and extra fields (already JSON-encoded values). */
    static String secret(String type, String key, String... extraFields) {
        ObjectNode secret = Json.object();
        secret.put("type", type);
        secret.put("key", key);
        for (int i = 0; i < extraFields.length; i += 2) {
            secret.set(extraFields[i], Json.parseBody(extraFields[i + 1]));
        }
        return Json.write(secret);
    }
}
