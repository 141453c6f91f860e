package io.joinery.child.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.db.SqlStatement;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import java.net.ConnectException;

/**
 * Turns a database failure into Hasura's error shape (SPEC §2.2): constraint violations and data
 * exceptions get their codes and message prefixes; connection failures and everything else are
 * `postgres-error`. The SQL text and SQLSTATE go to `internal` (admins only). Prefixes are
 * Hasura's; where Hasura answers a check violation with `permission-error`, Joinery keeps
 * `constraint-violation` (the closed ErrorCode set has no permission code).
 */
public final class PgErrors {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PgErrors.class);

    private PgErrors() {}

    /** Marks a message that a statement raises on purpose (see MutationRenderer's guards). */
    public static final String GUARD_MARKER = "joinery-guard:";
    public static final String GUARD_END = "#";

    public static JoineryException toJoinery(Throwable failure, SqlStatement statement, ErrorPath path) {
        if (failure instanceof JoineryException joinery) {
            return joinery;
        }
        R2dbcException db = findCause(failure, R2dbcException.class);
        if (db == null && findCause(failure, IOException.class) == null) {
            // not a database failure at all (a bug, a decoding problem): SPEC §7's `unexpected` at `$`
            LOG.error("unexpected failure around a SQL statement", failure);
            return new JoineryException(ErrorCode.UNEXPECTED,
                    "an unexpected error occurred: " + failure.getClass().getSimpleName(), ErrorPath.root());
        }
        if (db == null || isConnectionFailure(failure, db)) {
            String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            return new JoineryException(ErrorCode.POSTGRES_ERROR,
                    "connection to the database failed: " + detail, path, internal(statement, null, detail));
        }
        String state = db.getSqlState() == null ? "" : db.getSqlState();
        String message = db.getMessage();
        int guard = message == null ? -1 : message.indexOf(GUARD_MARKER);
        if (guard >= 0) {
            int end = message.indexOf(GUARD_END, guard);
            String reason = message.substring(guard + GUARD_MARKER.length(), end < 0 ? message.length() : end);
            return new JoineryException(ErrorCode.NOT_SUPPORTED, reason, path, internal(statement, state, message));
        }
        ErrorCode code = ErrorCode.POSTGRES_ERROR;
        String text = "database query error";
        switch (state) {
            case "23505" -> { code = ErrorCode.CONSTRAINT_VIOLATION; text = "Uniqueness violation. " + message; }
            case "23503" -> { code = ErrorCode.CONSTRAINT_VIOLATION; text = "Foreign key violation. " + message; }
            case "23502" -> { code = ErrorCode.CONSTRAINT_VIOLATION; text = "Not-NULL violation. " + message; }
            case "23514" -> { code = ErrorCode.CONSTRAINT_VIOLATION; text = "Check constraint violation. " + message; }
            case "23001" -> { code = ErrorCode.CONSTRAINT_VIOLATION;
                text = "Can not delete or update due to data being referred. " + message; }
            case "23P01" -> { code = ErrorCode.CONSTRAINT_VIOLATION; text = "Exclusion violation. " + message; }
            default -> {
                if (state.startsWith("22")) {
                    code = ErrorCode.DATA_EXCEPTION;
                    text = message;
                } else if (state.startsWith("23")) {
                    code = ErrorCode.CONSTRAINT_VIOLATION;
                    text = message;
                }
            }
        }
        return new JoineryException(code, text, path, internal(statement, state, message));
    }

    private static ObjectNode internal(SqlStatement statement, String state, String message) {
        ObjectNode internal = Json.object();
        if (statement != null) {
            internal.put("statement", statement.text());
            internal.put("prepared", !statement.params().isEmpty());
            internal.set("arguments", Json.valueToTree(statement.params()));
        }
        ObjectNode error = internal.putObject("error");
        if (state != null) {
            error.put("status_code", state);
        }
        error.put("message", message);
        return internal;
    }

    /**
     * A SQLSTATE decides when Postgres sent one: class 08 (connection exception) and 57P (the server
     * shutting down or not accepting connections) are connection failures; everything else, such as
     * 57014 (a statement cancelled by `statement_timeout`), which the driver reports as a
     * "non-transient resource" exception, is the statement's own error.
     */
    private static boolean isConnectionFailure(Throwable failure, R2dbcException db) {
        String state = db.getSqlState();
        if (state != null && !state.isEmpty()) {
            return state.startsWith("08") || state.startsWith("57P");
        }
        return db instanceof R2dbcNonTransientResourceException || db instanceof R2dbcTransientResourceException
                || findCause(failure, ConnectException.class) != null
                || findCause(failure, IOException.class) != null;
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
