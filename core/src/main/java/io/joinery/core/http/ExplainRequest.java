package io.joinery.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.JsonKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The body of `POST /v1/graphql/explain` on both services (SPEC §13), Hasura's:
 *
 * <pre>
 * {"query": {"query": "...", "variables": {...}, "operationName": "..."},
 *  "user": {"x-hasura-role": "user", "x-hasura-user-id": "1"}}
 * </pre>
 *
 * The endpoint is for admins only (the caller's session, from its headers); the operation is then
 * explained as `user` would run it: the role is `user`'s `x-hasura-role`, else `admin`, as in Hasura.
 * Keys of `user` that are not `x-hasura-*` session variables are ignored.
 *
 * @param query the GraphQL request to explain
 * @param user  the session it is explained for
 */
public record ExplainRequest(GraphqlRequest query, SessionVariables user) {
    /** Hasura's answer to a caller who is not admin (400 `access-denied`). */
    static final String ADMIN_ONLY = "You have to be an admin to access this endpoint";

    /**
     * Checks that {@code caller} is admin, then reads {@code body}.
     *
     * @throws JoineryException 400 `access-denied` for a caller who is not admin; `parse-failed`
     *     for a body not of the shape above
     */
    public static ExplainRequest parse(JsonNode body, SessionVariables caller) {
        if (!caller.isAdmin()) {
            throw new JoineryException(ErrorCode.ACCESS_DENIED, ADMIN_ONLY, ErrorPath.root());
        }
        if (!body.isObject()) {
            throw parseFailed("Error in $: expected an object, but found " + JsonKind.of(body).withArticle());
        }
        JsonNode query = body.get("query");
        if (query == null || query.isNull()) {
            throw parseFailed("Error in $: key \"query\" not found");
        }
        if (!query.isObject()) {
            throw parseFailed("Error in $.query: expected an object with a \"query\" key, but found "
                    + JsonKind.of(query).withArticle());
        }
        return new ExplainRequest(GraphqlRequest.parse(query), user(body.get("user")));
    }

    private static SessionVariables user(JsonNode user) {
        if (user == null || user.isNull()) {
            return SessionVariables.admin();
        }
        if (!user.isObject()) {
            throw parseFailed("Error in $.user: expected an object, but found " + JsonKind.of(user).withArticle());
        }
        String role = SessionVariables.ADMIN;
        Map<String, String> others = new LinkedHashMap<>();
        var fields = user.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                throw parseFailed("Error in $.user['" + field.getKey() + "']: expected a string, but found "
                        + JsonKind.of(field.getValue()).withArticle());
            }
            String name = field.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(SessionVariables.ROLE)) {
                role = field.getValue().asText();
            } else if (name.startsWith(SessionVariables.PREFIX)) {
                others.put(name, field.getValue().asText());
            }
        }
        return SessionVariables.of(role.isEmpty() ? SessionVariables.ADMIN : role, others);
    }

    private static JoineryException parseFailed(String message) {
        return new JoineryException(ErrorCode.PARSE_FAILED, message, ErrorPath.root());
    }
}
