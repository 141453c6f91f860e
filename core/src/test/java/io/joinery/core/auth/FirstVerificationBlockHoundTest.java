package io.joinery.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The first token a server verifies does not block its event loop, for every key family (SPEC §9:
 * JWT mode must not block an event loop). It runs {@link FirstVerificationProbe} in a fresh JVM
 * under BlockHound, because one-time initialisation (JCA providers, Tink's `java.util.logging`
 * set-up, which reads a file) would otherwise already have happened in this test JVM. The tokens
 * are signed here, so the probe's JVM has never run a signer either.
 */
class FirstVerificationBlockHoundTest {

    @Test
    void firstVerification_doesNotBlockTheEventLoop_inAnyKeyFamily() throws IOException, InterruptedException {
        ObjectNode claims = TestTokens.claims(Instant.now(), TestTokens.hasura("user", List.of("user"), "42"));
        String hmac = TestTokens.hmacSecret(40);
        RSAKey rsa = TestTokens.rsa("r");
        ECKey ec = TestTokens.ec(Curve.P_256, "e");
        OctetKeyPair ed = TestTokens.ed25519("d");

        String output = runProbe(
                "HS256", TestTokens.secret("HS256", hmac), TestTokens.signHmac(hmac, JWSAlgorithm.HS256, claims),
                "RS256", TestTokens.secret("RS256", TestTokens.pem(rsa)), TestTokens.sign(rsa, JWSAlgorithm.RS256, claims),
                "ES256", TestTokens.secret("ES256", TestTokens.pem(ec)), TestTokens.sign(ec, JWSAlgorithm.ES256, claims),
                "Ed25519", TestTokens.secret("Ed25519", TestTokens.pemEd25519(ed)), TestTokens.sign(ed, JWSAlgorithm.EdDSA, claims));

        assertThat(output).doesNotContain("BLOCKING");
        for (String family : List.of("HS256", "RS256", "ES256", "Ed25519")) {
            assertThat(output).contains("SESSION " + family + " {\"x-hasura-role\":\"user\",\"x-hasura-user-id\":\"42\"}");
        }
    }

    private static String runProbe(String... namesSecretsAndTokens) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+AllowRedefinitionToAddDeleteMethods", "-cp", System.getProperty("java.class.path"),
                FirstVerificationProbe.class.getName()));
        command.addAll(List.of(namesSecretsAndTokens));
        Process probe = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        byte[] output = probe.getInputStream().readAllBytes();
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).as("the probe finished").isTrue();
        return new String(output, StandardCharsets.UTF_8);
    }
}
