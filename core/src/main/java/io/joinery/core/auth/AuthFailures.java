package io.joinery.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;

/**
 * The request errors of authentication, with Hasura's codes, texts and statuses (SPEC §6, §9). The
 * status is what metadata endpoints answer with; `/v1/graphql` answers 200 whatever it is.
 */
final class AuthFailures {
    static final String SECRET_REQUIRED = "x-hasura-admin-secret/x-hasura-access-key required, but not found";
    static final String SECRET_INVALID = "invalid x-hasura-admin-secret/x-hasura-access-key";
    static final String MISSING_TOKEN = "Missing 'Authorization' or 'Cookie' header in JWT authentication mode";
    static final String ROLE_NOT_ALLOWED = "Your requested role is not in allowed roles";
    static final String HOOK_UNAUTHORIZED = "Authentication hook unauthorized this request";
    static final String HOOK_INVALID_RESPONSE = "Invalid response from authorization hook";
    static final String HOOK_FAILED = "webhook authentication request failed";

    private AuthFailures() {}

    /** `invalid-jwt` "Could not verify JWT: <reason>", reason in Hasura's words (`JWTExpired`, …). */
    static JoineryException invalidJwt(String reason) {
        return error(ErrorCode.INVALID_JWT, "Could not verify JWT: " + reason, null, 400);
    }

    static JoineryException missingRoleClaim(String claim) {
        return error(ErrorCode.JWT_MISSING_ROLE_CLAIMS, "JWT claim does not contain " + claim, null, 400);
    }

    static JoineryException invalidClaims(String message) {
        return error(ErrorCode.JWT_INVALID_CLAIMS, message, null, 400);
    }

    static JoineryException invalidHeaders(String message) {
        return error(ErrorCode.INVALID_HEADERS, message, null, 400);
    }

    static JoineryException roleNotAllowed() {
        return error(ErrorCode.ACCESS_DENIED, ROLE_NOT_ALLOWED, null, 400);
    }

    /** Section 6's 401s: a wrong secret, or none where one is required. */
    static JoineryException adminSecret(String message) {
        return error(ErrorCode.ACCESS_DENIED, message, null, 401);
    }

    static JoineryException hookUnauthorized() {
        return error(ErrorCode.ACCESS_DENIED, HOOK_UNAUTHORIZED, null, 401);
    }

    /** The hook failed or answered something unusable; `internal` says what (admins and logs only). */
    static JoineryException hookFailed(String message, JsonNode internal) {
        return error(ErrorCode.ACCESS_DENIED, message, internal, 500);
    }

    private static JoineryException error(ErrorCode code, String message, JsonNode internal, int status) {
        return new JoineryException(code, message, ErrorPath.root(), internal, status);
    }
}
