package io.joinery.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

/**
 * Runs the verification path once per key family (HMAC, RSA, EC, Ed25519) on the calling thread, at
 * start-up, so that the one-time initialisation it triggers does not happen on an event loop at the
 * first request. Some of it reads files: Tink's Ed25519 verifier initialises `java.util.logging`,
 * whose `LogManager` reads `logging.properties`; the JCA loads its providers and their key factories
 * lazily. A verification of a real token afterwards does no I/O (BlockHound checks it in the tests).
 *
 * <p>The keys are the public example keys of RFC 7515 (appendices A.2, A.3) and RFC 8037 (A.2); the
 * signatures checked are deliberately wrong: only the code path matters, never the outcome.
 */
final class VerifierWarmUp {
    private static final Map<JWSAlgorithm, String> KEYS = Map.of(
            JWSAlgorithm.HS256, "{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}",
            JWSAlgorithm.RS256, "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmf"
                    + "HQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-b"
                    + "Sf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7a"
                    + "GhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ\"}",
            JWSAlgorithm.ES256, "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                    + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}",
            JWSAlgorithm.EdDSA, "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");

    private VerifierWarmUp() {}

    static void run() {
        Base64URL payload = Base64URL.encode("{}".getBytes(StandardCharsets.UTF_8));
        Base64URL signature = Base64URL.encode(new byte[64]);
        for (Map.Entry<JWSAlgorithm, String> family : KEYS.entrySet()) {
            try {
                JWK key = JWK.parse(family.getValue());
                SignedJWT token = new SignedJWT(new JWSHeader(family.getKey()).toBase64URL(), payload, signature);
                if (JwtKeys.accepts(key, family.getKey())) {
                    JwtKeys.verifier(key).ifPresent(verifier -> verifyQuietly(token, verifier));
                }
            } catch (ParseException e) {
                throw new IllegalStateException("a warm-up key does not parse", e);
            }
        }
    }

    private static void verifyQuietly(SignedJWT token, JWSVerifier verifier) {
        try {
            token.verify(verifier);
        } catch (JOSEException e) {
            // the outcome does not matter: the classes on the way are initialised either way
        }
    }
}
