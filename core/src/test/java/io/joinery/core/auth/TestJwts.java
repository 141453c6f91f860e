package io.joinery.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import io.joinery.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** HS256 tokens with Hasura claims, signed in the test (Nimbus), for server tests in every module. */
public final class TestJwts {
    private TestJwts() {}

    /** `{"type": "HS256", "key": key}`: a `JOINERY_JWT_SECRET` value. */
    public static String hs256Secret(String key) {
        return Json.write(Json.object().put("type", "HS256").put("key", key));
    }

    /**
     * A token valid for an hour, with the Hasura claims under the default namespace.
     *
     * @param variables further `x-hasura-*` claims (e.g. `x-hasura-user-id`)
     */
    public static String hs256(String key, String defaultRole, List<String> allowedRoles, Map<String, String> variables) {
        ObjectNode hasura = Json.object();
        hasura.set("x-hasura-allowed-roles", Json.valueToTree(allowedRoles));
        hasura.put("x-hasura-default-role", defaultRole);
        variables.forEach(hasura::put);
        Instant now = Instant.now();
        ObjectNode claims = Json.object();
        claims.put("sub", "test-user");
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(3600).getEpochSecond());
        claims.set(TestTokens.NAMESPACE, hasura);
        return sign(key, claims);
    }

    /** {@code claims} signed with HS256 under {@code key}. */
    public static String sign(String key, ObjectNode claims) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(Json.write(claims)));
            jws.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
