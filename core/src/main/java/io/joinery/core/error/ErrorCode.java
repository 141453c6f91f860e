package io.joinery.core.error;

/** The closed set of Hasura error codes Joinery answers with (SPEC §7, §9). */
public enum ErrorCode {
    ACCESS_DENIED("access-denied"),
    ALREADY_EXISTS("already-exists"),
    ALREADY_TRACKED("already-tracked"),
    ALREADY_UNTRACKED("already-untracked"),
    /** A request header whose value cannot be read (`x-hasura-use-backend-only-permissions: maybe`). */
    BAD_REQUEST("bad-request"),
    /** A session variable that a remote schema preset cannot use as its argument's type (SPEC §10.4). */
    COERCION_ERROR("coercion-error"),
    CONFLICT("conflict"),
    CONSTRAINT_VIOLATION("constraint-violation"),
    /** Inherited roles that inherit from each other (SPEC §10.2). */
    CYCLIC_DEPENDENCY("cyclic-dependency"),
    DATA_EXCEPTION("data-exception"),
    DEPENDENCY_ERROR("dependency-error"),
    INVALID_CONFIGURATION("invalid-configuration"),
    /** A request header is missing or malformed (JWT mode: no token, `Authorization` not `Bearer`). */
    INVALID_HEADERS("invalid-headers"),
    INVALID_JSON("invalid-json"),
    /** A well-formed request asking for something the endpoint cannot do (explain of a mutation or an action). */
    INVALID_PARAMS("invalid-params"),
    /** The JWT does not verify: signature, expiry, audience, issuer, or not a JWT at all. */
    INVALID_JWT("invalid-jwt"),
    /** A verified JWT whose claims are unusable (wrong types, a `claims_map` path not found). */
    JWT_INVALID_CLAIMS("jwt-invalid-claims"),
    /** A verified JWT without `x-hasura-allowed-roles` or `x-hasura-default-role`. */
    JWT_MISSING_ROLE_CLAIMS("jwt-missing-role-claims"),
    NOT_EXISTS("not-exists"),
    NOT_FOUND("not-found"),
    NOT_SUPPORTED("not-supported"),
    PARSE_FAILED("parse-failed"),
    /** A role's `rate_limit` (SPEC §11.1) is used up: HTTP 429 with `Retry-After`. */
    RATE_LIMIT_EXCEEDED("rate-limit-exceeded"),
    /** Dropping a table permission that is not defined (Hasura's code for it, SPEC §10.1). */
    PERMISSION_DENIED("permission-denied"),
    /** A permission's check failed on a written row (SPEC §10.2). */
    PERMISSION_ERROR("permission-error"),
    POSTGRES_ERROR("postgres-error"),
    REMOTE_SCHEMA_ERROR("remote-schema-error"),
    /** A role's `time_limit` (SPEC §11.1) ran out: the request was cancelled. */
    TIMEOUT("timeout"),
    UNEXPECTED("unexpected"),
    UNEXPECTED_PAYLOAD("unexpected-payload"),
    VALIDATION_FAILED("validation-failed");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The kebab-case code as it appears in `code` / `extensions.code`. */
    public String wire() {
        return wire;
    }
}
