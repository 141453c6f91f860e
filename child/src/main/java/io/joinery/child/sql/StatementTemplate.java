package io.joinery.child.sql;

import io.joinery.child.db.SqlStatement;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A compiled statement before the request's session is read: its final text, and its parameters,
 * of which the values of permissions' session variables are still {@link BoolExp.SessionVariable}s
 * (or Lists holding some). {@link #bind} reads them from one session.
 *
 * <pre>
 * template  ... WHERE t0."author_id" &lt;= ($1)::integer    [SessionVariable[x-hasura-user-id]]
 * bind      ... WHERE t0."author_id" &lt;= ($1)::integer    ["7"]     (X-Hasura-User-Id: 7)
 * </pre>
 * Invariant: nothing of a session is in a template, and its text never depends on one, so a
 * template depends only on (snapshot, role, document, operation) and may be cached across every
 * session of a role; Postgres and the driver then see one statement text, prepared once per
 * connection.
 */
public final class StatementTemplate {
    private final String text;
    private final List<Object> params;
    /** The statement itself when no parameter reads the session (bound once, for every request). */
    private final SqlStatement withoutSession;

    StatementTemplate(String text, List<Object> params) {
        this.text = text;
        this.params = Collections.unmodifiableList(new ArrayList<>(params));
        this.withoutSession = this.params.stream().anyMatch(StatementTemplate::readsSession) ? null
                : new SqlStatement(text, this.params);
    }

    public String text() {
        return text;
    }

    /** Whether some parameter is a session variable's value. */
    public boolean readsSession() {
        return withoutSession == null;
    }

    /**
     * The statement with {@code session}'s values in place of the session variables. A variable
     * the session lacks is Hasura's `not-found` "missing session variables" (a query's wording), for
     * every request that lacks it (the template itself is never an answer).
     */
    public SqlStatement bind(SessionVariables session) {
        return bind(session, QUERY_MISSING);
    }

    /**
     * {@link #bind} for a mutation's statement: Hasura words a missing variable of a mutation in the
     * singular, `missing session variable: "x-hasura-user-id"`.
     */
    SqlStatement bindMutation(SessionVariables session) {
        return bind(session, MUTATION_MISSING);
    }

    /** Hasura's `not-found` texts for a session variable a permission needs and the session lacks. */
    private static final String QUERY_MISSING = "missing session variables: ";
    private static final String MUTATION_MISSING = "missing session variable: ";

    private SqlStatement bind(SessionVariables session, String missing) {
        if (withoutSession != null) {
            return withoutSession;
        }
        List<Object> bound = new ArrayList<>(params.size());
        for (Object param : params) {
            bound.add(value(param, session, missing));
        }
        return new SqlStatement(text, bound);
    }

    /** The statement of a template that reads no session; throws if it does (a bug: it would be sent unbound). */
    SqlStatement withoutSession() {
        if (withoutSession == null) {
            throw new IllegalStateException("a statement with session variables must be bound to a session: " + text);
        }
        return withoutSession;
    }

    private static Object value(Object param, SessionVariables session, String missing) {
        if (param instanceof BoolExp.SessionVariable variable) {
            String value = session.values().get(variable.name());
            if (value == null) {
                throw new JoineryException(ErrorCode.NOT_FOUND, missing + "\"" + variable.name() + "\"", ErrorPath.root());
            }
            return value;
        }
        if (param instanceof List<?> list && readsSession(list)) {
            return list.stream().map(item -> value(item, session, missing)).toList();
        }
        return param;
    }

    private static boolean readsSession(Object param) {
        return param instanceof BoolExp.SessionVariable
                || param instanceof List<?> list && list.stream().anyMatch(item -> item instanceof BoolExp.SessionVariable);
    }

    @Override
    public String toString() {
        return text + " " + params;
    }
}
