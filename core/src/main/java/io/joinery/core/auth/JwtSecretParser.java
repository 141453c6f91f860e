package io.joinery.core.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.auth.JwtSecret.AtPath;
import io.joinery.core.auth.JwtSecret.AuthorizationToken;
import io.joinery.core.auth.JwtSecret.ClaimValue;
import io.joinery.core.auth.JwtSecret.ClaimsMap;
import io.joinery.core.auth.JwtSecret.ClaimsSource;
import io.joinery.core.auth.JwtSecret.CookieToken;
import io.joinery.core.auth.JwtSecret.CustomHeaderToken;
import io.joinery.core.auth.JwtSecret.JwkUrl;
import io.joinery.core.auth.JwtSecret.KeySource;
import io.joinery.core.auth.JwtSecret.Literal;
import io.joinery.core.auth.JwtSecret.NamespaceKey;
import io.joinery.core.auth.JwtSecret.NamespacePath;
import io.joinery.core.auth.JwtSecret.StaticKey;
import io.joinery.core.auth.JwtSecret.TokenLocation;
import io.joinery.core.json.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Hasura's JWT secret JSON into a {@link JwtSecret}. Every problem is an
 * {@link IllegalArgumentException} whose message names the field (Hasura's texts where it has
 * them), so start-up fails with a clear reason. Unknown fields are ignored, as in Hasura.
 */
final class JwtSecretParser {
    static final String ALLOWED_ROLES = "x-hasura-allowed-roles";
    static final String DEFAULT_ROLE = "x-hasura-default-role";

    private JwtSecretParser() {}

    static JwtSecret parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object such as {\"type\": \"HS256\", \"key\": \"...\"}");
        }
        return new JwtSecret(keys(root), audience(root), optionalText(root, "issuer"), claims(root),
                allowedSkew(root), header(root));
    }

    private static KeySource keys(JsonNode root) {
        Optional<String> key = optionalText(root, "key");
        Optional<String> jwkUrl = optionalText(root, "jwk_url");
        if (key.isEmpty() && jwkUrl.isEmpty()) {
            throw new IllegalArgumentException("key and jwk_url both cannot be empty");
        }
        if (key.isPresent() && jwkUrl.isPresent()) {
            throw new IllegalArgumentException("key, jwk_url both cannot be present");
        }
        if (key.isPresent()) {
            String type = optionalText(root, "type").orElseThrow(() -> new IllegalArgumentException(
                    "\"type\" is required with \"key\" (one of " + String.join(", ", JwtKeys.TYPES) + ")"));
            return new StaticKey(type, JwtKeys.parse(type, key.get()));
        }
        try {
            URI url = new URI(jwkUrl.get());
            if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("jwk_url must be an http(s) URL, got \"" + jwkUrl.get() + "\"");
            }
            return new JwkUrl(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("jwk_url is not a URL: " + e.getMessage());
        }
    }

    private static List<String> audience(JsonNode root) {
        JsonNode audience = root.get("audience");
        if (audience == null || audience.isNull()) {
            return List.of();
        }
        if (audience.isTextual()) {
            return List.of(audience.asText());
        }
        if (audience.isArray() && audience.size() > 0) {
            return strings(audience, "audience must be a string or a list of strings");
        }
        throw new IllegalArgumentException("audience must be a string or a non-empty list of strings");
    }

    private static Duration allowedSkew(JsonNode root) {
        JsonNode skew = root.get("allowed_skew");
        if (skew == null || skew.isNull()) {
            return Duration.ZERO;
        }
        if (!skew.isNumber() || skew.decimalValue().signum() < 0) {
            throw new IllegalArgumentException("allowed_skew must be a number of seconds, 0 or more");
        }
        // compared before any arithmetic (JwtSeconds)
        if (skew.decimalValue().compareTo(JwtSeconds.MAX) > 0) {
            throw new IllegalArgumentException("allowed_skew must be at most " + JwtSeconds.MAX + " seconds");
        }
        return Duration.ofMillis(JwtSeconds.toMillis(skew.decimalValue()));
    }

    private static TokenLocation header(JsonNode root) {
        JsonNode header = root.get("header");
        if (header == null || header.isNull()) {
            return new AuthorizationToken();
        }
        String type = header.isObject() ? optionalText(header, "type").orElse("") : "";
        switch (type.toLowerCase(Locale.ROOT)) {
            case "authorization":
                return new AuthorizationToken();
            case "cookie":
                return new CookieToken(requiredName(header, "Cookie"));
            case "customheader":
                return new CustomHeaderToken(requiredName(header, "CustomHeader"));
            default:
                throw new IllegalArgumentException(
                        "header: expected 'type' is 'Authorization' or 'Cookie' or 'CustomHeader'");
        }
    }

    private static String requiredName(JsonNode header, String type) {
        return optionalText(header, "name").filter(n -> !n.isBlank()).orElseThrow(() ->
                new IllegalArgumentException("header: type " + type + " needs a \"name\""));
    }

    private static ClaimsSource claims(JsonNode root) {
        JsonNode claimsMap = root.get("claims_map");
        boolean stringified = claimsFormat(root);
        if (claimsMap != null && !claimsMap.isNull()) {
            return claimsMap(claimsMap);
        }
        Optional<String> namespace = optionalText(root, "claims_namespace");
        Optional<String> path = optionalText(root, "claims_namespace_path");
        if (namespace.isPresent() && path.isPresent()) {
            throw new IllegalArgumentException("claims_namespace and claims_namespace_path both cannot be set");
        }
        if (path.isPresent()) {
            try {
                return new NamespacePath(ClaimsPath.parse(path.get()), stringified);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid JSON path claims_namespace_path error: " + e.getMessage());
            }
        }
        return new NamespaceKey(namespace.orElse(JwtSecret.DEFAULT_NAMESPACE), stringified);
    }

    private static boolean claimsFormat(JsonNode root) {
        String format = optionalText(root, "claims_format").orElse("json");
        if (format.equals("json")) {
            return false;
        }
        if (format.equals("stringified_json")) {
            return true;
        }
        throw new IllegalArgumentException("claims_format must be \"json\" or \"stringified_json\", got \"" + format + "\"");
    }

    private static ClaimsMap claimsMap(JsonNode map) {
        if (!map.isObject()) {
            throw new IllegalArgumentException("claims_map must be an object of session variable -> value");
        }
        Map<String, ClaimValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            String name = entry.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(Session.PREFIX)) {
                throw new IllegalArgumentException("claims_map: \"" + entry.getKey() + "\" is not a Hasura session variable");
            }
            values.put(name, claimValue(name, entry.getValue()));
        }
        ClaimValue allowedRoles = values.remove(ALLOWED_ROLES);
        ClaimValue defaultRole = values.remove(DEFAULT_ROLE);
        if (allowedRoles == null) {
            throw new IllegalArgumentException("claims_map: " + ALLOWED_ROLES + " is expected but not found");
        }
        if (defaultRole == null) {
            throw new IllegalArgumentException("claims_map: " + DEFAULT_ROLE + " is expected but not found");
        }
        return new ClaimsMap(allowedRoles, defaultRole, values);
    }

    private static ClaimValue claimValue(String name, JsonNode value) {
        if (!value.isObject()) {
            checkLiteral(name, value);
            return new Literal(value);
        }
        String path = optionalText(value, "path").orElseThrow(() -> new IllegalArgumentException(
                "claims_map: " + name + " must be a literal or {\"path\": \"$...\", \"default\"?: ...}"));
        ClaimsPath parsed;
        try {
            parsed = ClaimsPath.parse(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("claims_map: " + name + ": " + e.getMessage());
        }
        JsonNode fallback = value.get("default");
        if (fallback != null && !fallback.isNull()) {
            checkLiteral(name, fallback);
        }
        return new AtPath(parsed, Optional.ofNullable(fallback).filter(f -> !f.isNull()));
    }

    /** Literals and defaults must have the shape the variable needs. */
    private static void checkLiteral(String name, JsonNode value) {
        if (name.equals(ALLOWED_ROLES)) {
            strings(value, "claims_map: " + ALLOWED_ROLES + " must be a list of role names");
        } else if (name.equals(DEFAULT_ROLE)) {
            if (!value.isTextual() || value.asText().isEmpty()) {
                throw new IllegalArgumentException("claims_map: " + DEFAULT_ROLE + " must be a role name");
            }
        } else {
            try {
                Session.valueText(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("claims_map: " + name + ": " + e.getMessage());
            }
        }
    }

    private static List<String> strings(JsonNode array, String problem) {
        if (!array.isArray()) {
            throw new IllegalArgumentException(problem);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw new IllegalArgumentException(problem);
            }
            values.add(element.asText());
        }
        return values;
    }

    private static Optional<String> optionalText(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return Optional.of(value.asText());
    }
}
