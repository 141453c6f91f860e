package io.joinery.core.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.config.HasuraBooleans;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The session of one request, as every stage after the front door reads it (SPEC §6, §9): the
 * role and the session variables, lower-cased `x-hasura-*` names to values, `x-hasura-role` first.
 * It is produced once per request by {@link io.joinery.core.auth.SessionResolver} (admin secret,
 * JWT, webhook or unauthorized role) and is exactly what is passed on: to action handlers as
 * `session_variables`, to remote schemas as headers.
 *
 * <p>It never holds the admin secret: `x-hasura-admin-secret` and `x-hasura-access-key` are
 * credentials, not session variables, and are refused here so no stage can pass them on.
 */
public record SessionVariables(Map<String, String> values) {
    public static final String ROLE = "x-hasura-role";
    public static final String ADMIN = "admin";
    public static final String PREFIX = "x-hasura-";
    /**
     * Hasura's request header that makes `backend_only` permissions apply (SPEC §10.2). Only a
     * request with the admin secret (or to a server without one) may carry it: {@link #of} drops it,
     * {@link #trusted} keeps it.
     */
    public static final String USE_BACKEND_ONLY = "x-hasura-use-backend-only-permissions";
    private static final String ADMIN_SECRET = "x-hasura-admin-secret";
    private static final String ACCESS_KEY = "x-hasura-access-key";

    /**
     * @param values session variables by name (any case), including `x-hasura-role`
     * @throws IllegalArgumentException without a role, for a name outside `x-hasura-*`, or for the
     *     admin secret headers
     */
    public SessionVariables {
        Map<String, String> lowered = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!key.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a session variable: " + name);
            }
            if (key.equals(ADMIN_SECRET) || key.equals(ACCESS_KEY)) {
                throw new IllegalArgumentException(name + " is a credential, never a session variable");
            }
            lowered.putIfAbsent(key, value);
        });
        String role = lowered.get(ROLE);
        if (role == null || role.isEmpty()) {
            throw new IllegalArgumentException("session variables must include " + ROLE);
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put(ROLE, role);
        ordered.putAll(lowered);
        values = Collections.unmodifiableMap(ordered);
    }

    /**
     * `role` and `others`, whose own `x-hasura-role`, if any, is replaced by `role`, and whose
     * admin secret names, if any (a token's claim, a hook's answer), are dropped: credentials are
     * never session variables.
     */
    public static SessionVariables of(String role, Map<String, String> others) {
        return of(role, others, false);
    }

    /**
     * {@link #of}, keeping {@link #USE_BACKEND_ONLY}: for the session of a request that presented
     * the admin secret (or of a server without one), whose headers are trusted.
     */
    public static SessionVariables trusted(String role, Map<String, String> others) {
        return of(role, others, true);
    }

    private static SessionVariables of(String role, Map<String, String> others, boolean trusted) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(ROLE, role);
        others.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!key.equals(ROLE) && !key.equals(ADMIN_SECRET) && !key.equals(ACCESS_KEY)
                    && (trusted || !key.equals(USE_BACKEND_ONLY))) {
                values.put(name, value);
            }
        });
        return new SessionVariables(values);
    }

    /** An admin session with no other variables: what start-up and internal calls use. */
    public static SessionVariables admin() {
        return ofRole(ADMIN);
    }

    /** A session with only the role. */
    public static SessionVariables ofRole(String role) {
        return new SessionVariables(Map.of(ROLE, role));
    }

    public String role() {
        return values.get(ROLE);
    }

    public boolean isAdmin() {
        return ADMIN.equals(role());
    }

    /**
     * Whether `backend_only` permissions apply: a trusted request said
     * `x-hasura-use-backend-only-permissions` with one of Hasura's true values (`true`, `t`, `yes`,
     * `y`, any case).
     *
     * @throws JoineryException `bad-request` at `$` with Hasura's message when the value is neither
     *     one of those nor a false value (`false`, `f`, `no`, `n`)
     */
    public boolean usesBackendOnlyPermissions() {
        String value = values.get(USE_BACKEND_ONLY);
        if (value == null) {
            return false;
        }
        return HasuraBooleans.parse(value.strip()).orElseThrow(() -> new JoineryException(ErrorCode.BAD_REQUEST,
                USE_BACKEND_ONLY + ":  Not a valid boolean text. True values are [\"true\",\"t\",\"yes\",\"y\"] and "
                        + " False values are [\"false\",\"f\",\"no\",\"n\"]. All values are case insensitive",
                ErrorPath.root()));
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        values.forEach(node::put);
        return node;
    }
}
