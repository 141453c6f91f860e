package io.joinery.core.http;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Resolves the role and session variables of a request from its headers (SPEC §6). This is the one
 * place that reads `X-Hasura-*` request headers, and today's {@link SessionResolver}.
 */
public final class AdminSecretCheck implements SessionResolver {
    public static final String ADMIN_SECRET_HEADER = "x-hasura-admin-secret";
    public static final String ACCESS_KEY_HEADER = "x-hasura-access-key";

    private final Optional<String> adminSecret;

    public AdminSecretCheck(Optional<String> adminSecret) {
        this.adminSecret = adminSecret.filter(s -> !s.isEmpty());
    }

    @Override
    public Mono<SessionVariables> resolve(HttpCall call) {
        return Mono.fromCallable(() -> resolve(call.headers()));
    }

    /**
     * @throws JoineryException `access-denied` with HTTP status 401 when a secret is configured and
     *     the request does not carry it
     */
    public SessionVariables resolve(HttpHeaders headers) {
        Map<String, String> values = new LinkedHashMap<>();
        String presentedSecret = null;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(ADMIN_SECRET_HEADER) || name.equals(ACCESS_KEY_HEADER)) {
                presentedSecret = presentedSecret == null ? header.getValue() : presentedSecret;
            } else if (name.startsWith("x-hasura-")) {
                values.putIfAbsent(name, header.getValue());
            }
        }
        if (adminSecret.isPresent()) {
            if (presentedSecret == null) {
                throw denied("x-hasura-admin-secret/x-hasura-access-key required, but not found");
            }
            if (!constantTimeEquals(presentedSecret, adminSecret.get())) {
                throw denied("invalid x-hasura-admin-secret/x-hasura-access-key");
            }
        }
        String role = values.getOrDefault(SessionVariables.ROLE, SessionVariables.ADMIN);
        values.put(SessionVariables.ROLE, role);
        return new SessionVariables(values);
    }

    private static JoineryException denied(String message) {
        return new JoineryException(ErrorCode.ACCESS_DENIED, message, ErrorPath.root(), null, 401);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
