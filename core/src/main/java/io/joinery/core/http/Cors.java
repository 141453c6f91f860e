package io.joinery.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Arrays;
import java.util.List;

/**
 * Browser origins allowed to call the server (`JOINERY_CORS_DOMAIN`): `*`, or a comma-separated
 * list of origins, each of which may use a `*` wildcard for one part (`https://*.example.com`).
 */
public final class Cors {
    private final List<String> allowed;

    private Cors(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    public static Cors parse(String domains) {
        if (domains == null || domains.isBlank()) {
            return new Cors(List.of("*"));
        }
        return new Cors(Arrays.stream(domains.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    public boolean allowsAll() {
        return allowed.contains("*");
    }

    /** The value for `Access-Control-Allow-Origin`, or null when the origin is not allowed. */
    public String allowOrigin(String origin) {
        if (allowsAll()) {
            return origin == null ? "*" : origin;
        }
        if (origin == null) {
            return null;
        }
        for (String pattern : allowed) {
            if (matches(pattern, origin)) {
                return origin;
            }
        }
        return null;
    }

    /** Adds CORS headers for the request's origin to {@code response}. */
    public void apply(HttpHeaders request, HttpHeaders response) {
        String allow = allowOrigin(request.get(HttpHeaderNames.ORIGIN));
        if (allow == null) {
            return;
        }
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allow);
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET,POST,OPTIONS");
        String requested = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                requested != null ? requested : "Content-Type,X-Hasura-Admin-Secret,X-Hasura-Role");
        response.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "1728000");
        if (!allowsAll()) {
            response.add(HttpHeaderNames.VARY, "Origin");
        }
    }

    private static boolean matches(String pattern, String origin) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equalsIgnoreCase(origin);
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return origin.length() >= prefix.length() + suffix.length()
                && origin.regionMatches(true, 0, prefix, 0, prefix.length())
                && origin.regionMatches(true, origin.length() - suffix.length(), suffix, 0, suffix.length());
    }
}
