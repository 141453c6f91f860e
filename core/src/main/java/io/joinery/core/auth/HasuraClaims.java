package io.joinery.core.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.auth.JwtSecret.AtPath;
import io.joinery.core.auth.JwtSecret.ClaimValue;
import io.joinery.core.auth.JwtSecret.ClaimsMap;
import io.joinery.core.auth.JwtSecret.ClaimsSource;
import io.joinery.core.auth.JwtSecret.Literal;
import io.joinery.core.auth.JwtSecret.NamespaceKey;
import io.joinery.core.auth.JwtSecret.NamespacePath;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Hasura claims of a verified token: the allowed roles, the default role, and every other
 * `x-hasura-*` claim as session variable text (lower-cased names). {@link #read} finds them where
 * the JWT secret says (namespace key, namespace path, or `claims_map`) and fails with Hasura's
 * `jwt-missing-role-claims` / `jwt-invalid-claims` errors.
 */
record HasuraClaims(List<String> allowedRoles, String defaultRole, Map<String, String> variables) {
    private static final String ALLOWED_ROLES = JwtSecretParser.ALLOWED_ROLES;
    private static final String DEFAULT_ROLE = JwtSecretParser.DEFAULT_ROLE;
    /** RFC 7519's registered claims: never part of a namespace (Hasura reads "unregistered claims"). */
    private static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");

    HasuraClaims {
        allowedRoles = List.copyOf(allowedRoles);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    static HasuraClaims read(ObjectNode claims, ClaimsSource source) {
        if (source instanceof ClaimsMap map) {
            return fromClaimsMap(claims, map);
        }
        ObjectNode unregistered = claims.deepCopy();
        unregistered.remove(REGISTERED);
        JsonNode located;
        String where;
        boolean stringified;
        if (source instanceof NamespaceKey key) {
            located = unregistered.get(key.key());
            where = "claims_namespace " + key.key();
            stringified = key.stringified();
            if (located == null || located.isNull()) {
                throw AuthFailures.invalidClaims("claims key: '" + key.key() + "' not found");
            }
        } else {
            NamespacePath path = (NamespacePath) source;
            located = path.path().find(unregistered).orElseThrow(() -> AuthFailures.invalidClaims(
                    "claims not found at claims_namespace_path: '" + path.path() + "'"));
            where = "claims_namespace_path " + path.path();
            stringified = path.stringified();
        }
        return fromNamespace(object(located, stringified, where));
    }

    private static JsonNode object(JsonNode located, boolean stringified, String where) {
        if (!stringified) {
            if (!located.isObject()) {
                throw AuthFailures.invalidClaims("expecting a json object when claims_format is json");
            }
            return located;
        }
        if (!located.isTextual()) {
            throw AuthFailures.invalidClaims("expecting a string when claims_format is stringified_json");
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(located.asText());
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // reported below, with the text that did not parse
        }
        throw AuthFailures.invalidClaims("expecting stringified json at: '" + where + "', but found: " + located.asText());
    }

    private static HasuraClaims fromNamespace(JsonNode namespace) {
        Map<String, JsonNode> hasura = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> claim : namespace.properties()) {
            String name = claim.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(Session.PREFIX)) {
                hasura.putIfAbsent(name, claim.getValue());
            }
        }
        JsonNode allowed = hasura.remove(ALLOWED_ROLES);
        JsonNode defaultRole = hasura.remove(DEFAULT_ROLE);
        if (allowed == null) {
            throw AuthFailures.missingRoleClaim(ALLOWED_ROLES);
        }
        if (defaultRole == null) {
            throw AuthFailures.missingRoleClaim(DEFAULT_ROLE);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        hasura.forEach((name, value) -> variables.put(name, variableText("x-hasura-* claims", value)));
        return new HasuraClaims(roles(allowed), role(defaultRole), variables);
    }

    private static HasuraClaims fromClaimsMap(ObjectNode claims, ClaimsMap map) {
        JsonNode allowed = roleValue(map.allowedRoles(), claims, ALLOWED_ROLES);
        JsonNode defaultRole = roleValue(map.defaultRole(), claims, DEFAULT_ROLE);
        Map<String, String> variables = new LinkedHashMap<>();
        map.others().forEach((name, value) -> {
            JsonNode found;
            if (value instanceof Literal literal) {
                found = literal.value();
            } else {
                AtPath atPath = (AtPath) value;
                found = atPath.path().find(claims).or(atPath::fallback).orElseThrow(() ->
                        AuthFailures.invalidClaims("JWT claim from claims_map, " + name + " not found"));
            }
            variables.put(name, variableText(name, found));
        });
        return new HasuraClaims(roles(allowed), role(defaultRole), variables);
    }

    private static JsonNode roleValue(ClaimValue value, ObjectNode claims, String claim) {
        if (value instanceof Literal literal) {
            return literal.value();
        }
        AtPath atPath = (AtPath) value;
        Optional<JsonNode> found = atPath.path().find(claims).or(atPath::fallback);
        return found.orElseThrow(() -> AuthFailures.missingRoleClaim(claim));
    }

    private static List<String> roles(JsonNode value) {
        String problem = "invalid " + ALLOWED_ROLES + "; should be a list of roles: ";
        if (!value.isArray()) {
            throw AuthFailures.invalidClaims(problem + "parsing [] failed, expected Array, but encountered "
                    + kind(value));
        }
        List<String> roles = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw AuthFailures.invalidClaims(problem + "parsing Text failed, expected String, but encountered "
                        + kind(element));
            }
            roles.add(element.asText());
        }
        return roles;
    }

    private static String role(JsonNode value) {
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw AuthFailures.invalidClaims("invalid " + DEFAULT_ROLE + "; should be a single role name: "
                    + "parsing Text failed, expected String, but encountered " + kind(value));
        }
        return value.asText();
    }

    private static String variableText(String what, JsonNode value) {
        try {
            return Session.valueText(value);
        } catch (IllegalArgumentException e) {
            throw AuthFailures.invalidClaims(what + ": parsing Text failed, expected String, but encountered "
                    + kind(value));
        }
    }

    /** Aeson's names for JSON kinds, as Hasura's messages use them. */
    private static String kind(JsonNode value) {
        if (value.isObject()) {
            return "Object";
        }
        if (value.isArray()) {
            return "Array";
        }
        if (value.isTextual()) {
            return value.asText().isEmpty() ? "empty String" : "String";
        }
        if (value.isNumber()) {
            return "Number";
        }
        if (value.isBoolean()) {
            return "Boolean";
        }
        return "Null";
    }
}
