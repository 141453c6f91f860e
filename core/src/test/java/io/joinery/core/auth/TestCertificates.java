package io.joinery.core.auth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Self-signed X.509 certificates for generated key pairs, written as DER here because the JDK has no
 * public API to issue one. The signature is the JDK's; only the ASN.1 framing is ours.
 */
final class TestCertificates {
    /** AlgorithmIdentifier DER of the signature algorithms used here. */
    private static final String SHA256_WITH_RSA = "300d06092a864886f70d01010b0500";
    private static final String ECDSA_WITH_SHA256 = "300a06082a8648ce3d040302";
    private static final String ED25519 = "300506032b6570";

    private TestCertificates() {}

    static X509Certificate selfSigned(KeyPair pair) throws Exception {
        String jca = pair.getPublic().getAlgorithm();
        String signatureAlgorithm;
        byte[] algorithmId;
        if (jca.equals("RSA")) {
            signatureAlgorithm = "SHA256withRSA";
            algorithmId = HexFormat.of().parseHex(SHA256_WITH_RSA);
        } else if (jca.equals("EC")) {
            signatureAlgorithm = "SHA256withECDSA";
            algorithmId = HexFormat.of().parseHex(ECDSA_WITH_SHA256);
        } else {
            signatureAlgorithm = "Ed25519";
            algorithmId = HexFormat.of().parseHex(ED25519);
        }
        byte[] name = sequence(set(sequence(concat(HexFormat.of().parseHex("0603550403"),
                tlv(0x0c, "joinery-test".getBytes(StandardCharsets.UTF_8))))));
        Instant now = Instant.now();
        byte[] validity = sequence(concat(utcTime(now.minusSeconds(3600)), utcTime(now.plusSeconds(86_400))));
        byte[] tbs = sequence(concat(
                tlv(0xa0, tlv(0x02, new byte[] {2})),                       // [0] version v3
                tlv(0x02, BigInteger.valueOf(now.toEpochMilli()).toByteArray()), // serial
                algorithmId, name, validity, name,
                pair.getPublic().getEncoded()));                            // SubjectPublicKeyInfo
        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] certificate = sequence(concat(tbs, algorithmId, tlv(0x03, concat(new byte[] {0}, signature))));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
    }

    private static byte[] utcTime(Instant at) {
        String text = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(at.atOffset(ZoneOffset.UTC));
        return tlv(0x17, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] set(byte[] content) {
        return tlv(0x31, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
