package io.joinery.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.SessionVariables;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resolved session of one request (SPEC §6, §9): the role and the session variables. Every
 * stage after session resolution reads this, never raw headers.
 *
 * <p>`variables` has lower-cased `x-hasura-*` names and always holds `x-hasura-role` = `role`
 * (whatever the input said), so it is exactly what is passed on to handlers and remotes.
 *
 * <p>`responseCookies` are the `Set-Cookie` values an auth webhook answered with; the server adds
 * them to its response to this request, as Hasura does (usually none).
 */
public record Session(String role, Map<String, String> variables, List<String> responseCookies) {
    public static final String ROLE = SessionVariables.ROLE;
    public static final String ADMIN = SessionVariables.ADMIN;
    public static final String PREFIX = "x-hasura-";

    public Session {
        if (role == null || role.isEmpty()) {
            throw new IllegalArgumentException("a session needs a role");
        }
        Map<String, String> lowered = new LinkedHashMap<>();
        lowered.put(ROLE, role);
        variables.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!key.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a session variable: " + name);
            }
            if (!key.equals(ROLE)) {
                lowered.putIfAbsent(key, value);
            }
        });
        variables = Collections.unmodifiableMap(lowered);
        responseCookies = List.copyOf(responseCookies);
    }

    public Session(String role, Map<String, String> variables) {
        this(role, variables, List.of());
    }

    /** The same session without response cookies (what a cached webhook answer replays). */
    public Session withoutResponseCookies() {
        return responseCookies.isEmpty() ? this : new Session(role, variables);
    }

    /** An admin session with no other variables. */
    public static Session admin() {
        return new Session(ADMIN, Map.of());
    }

    /** A session with only the role. */
    public static Session ofRole(String role) {
        return new Session(role, Map.of());
    }

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    /** The same session in today's {@link SessionVariables} shape. */
    public SessionVariables toSessionVariables() {
        return new SessionVariables(variables);
    }

    /**
     * The text of a session variable given as JSON (a JWT claim, a webhook answer): strings as
     * they are, numbers and booleans as their JSON text, a list as a Postgres array literal
     * (`["a","b c"]` becomes `{a,"b c"}`), which is how permissions compare it with `_in`.
     *
     * @throws IllegalArgumentException for objects and null, which have no text form
     */
    public static String valueText(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.toString();
        }
        if (value.isArray()) {
            StringBuilder literal = new StringBuilder("{");
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (i > 0) {
                    literal.append(',');
                }
                literal.append(element.isNull() ? "NULL" : arrayElement(valueText(element)));
            }
            return literal.append('}').toString();
        }
        throw new IllegalArgumentException("expected a string, a number, a boolean or a list, but found "
                + (value.isNull() ? "null" : "an object"));
    }

    /** One element of an array literal, quoted when Postgres would otherwise misread it. */
    private static String arrayElement(String text) {
        boolean plain = !text.isEmpty() && !text.equalsIgnoreCase("NULL");
        for (int i = 0; plain && i < text.length(); i++) {
            char c = text.charAt(i);
            plain = c != ',' && c != '{' && c != '}' && c != '"' && c != '\\' && !Character.isWhitespace(c);
        }
        if (plain) {
            return text;
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
