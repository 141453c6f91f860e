package io.joinery.core.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resolved session of one request (SPEC §6): lower-cased `x-hasura-*` names to values, always
 * including `x-hasura-role`.
 */
public record SessionVariables(Map<String, String> values) {
    public static final String ROLE = "x-hasura-role";
    public static final String ADMIN = "admin";

    public SessionVariables {
        if (!values.containsKey(ROLE)) {
            throw new IllegalArgumentException("session variables must include " + ROLE);
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** An admin session with no other variables: what start-up and internal calls use. */
    public static SessionVariables admin() {
        return new SessionVariables(Map.of(ROLE, ADMIN));
    }

    public String role() {
        return values.get(ROLE);
    }

    public boolean isAdmin() {
        return ADMIN.equals(role());
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        values.forEach(node::put);
        return node;
    }
}
