package io.joinery.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.SessionVariables;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What resolving one request yields (SPEC §6, §9): its {@link SessionVariables}, the one session
 * value every later stage reads, and the `Set-Cookie` values an auth webhook answered with, which
 * the front door adds to its response to this request, as Hasura does (usually none).
 */
public record Session(SessionVariables variables, List<String> responseCookies) {
    public static final String ROLE = SessionVariables.ROLE;
    public static final String ADMIN = SessionVariables.ADMIN;
    public static final String PREFIX = SessionVariables.PREFIX;

    public Session {
        Objects.requireNonNull(variables, "variables");
        responseCookies = List.copyOf(responseCookies);
    }

    /** `role` and `variables` (`x-hasura-*` names in any case; their own `x-hasura-role` is replaced). */
    public Session(String role, Map<String, String> variables, List<String> responseCookies) {
        this(SessionVariables.of(role, variables), responseCookies);
    }

    public Session(String role, Map<String, String> variables) {
        this(role, variables, List.of());
    }

    /** The same session without response cookies (what a cached webhook answer replays). */
    public Session withoutResponseCookies() {
        return responseCookies.isEmpty() ? this : new Session(variables, List.of());
    }

    /** An admin session with no other variables. */
    public static Session admin() {
        return new Session(SessionVariables.admin(), List.of());
    }

    /** A session with only the role. */
    public static Session ofRole(String role) {
        return new Session(SessionVariables.ofRole(role), List.of());
    }

    public String role() {
        return variables.role();
    }

    public boolean isAdmin() {
        return variables.isAdmin();
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
