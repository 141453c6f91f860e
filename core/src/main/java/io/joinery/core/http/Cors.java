package io.joinery.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Browser origins allowed to call the server (`JOINERY_CORS_DOMAIN`, SPEC §9.2): `*`, or a
 * comma-separated list of origins, each of which may use a `*` wildcard for ONE label
 * (`https://*.example.com` matches `https://a.example.com`, not `https://a.b.example.com`), as
 * Hasura does.
 *
 * <pre>
 * `*`            Access-Control-Allow-Origin: *          never Allow-Credentials: a browser sends no cookies
 * explicit list  Access-Control-Allow-Origin: &lt;origin&gt;   Allow-Credentials: true, Vary: Origin
 * </pre>
 * The allowed request headers are a fixed list ({@link #STANDARD_HEADERS}, extendable by
 * `JOINERY_CORS_ALLOWED_HEADERS`), never an echo of what the browser asks for.
 */
public final class Cors {
    /** The request headers browsers may send by default. */
    public static final List<String> STANDARD_HEADERS = List.of("content-type", "authorization",
            "x-hasura-admin-secret", "x-hasura-role", "x-hasura-user-id", "x-hasura-access-key", "x-request-id",
            "traceparent");

    private final List<String> allowed;
    private final String allowHeaders;

    private Cors(List<String> allowed, List<String> allowHeaders) {
        this.allowed = List.copyOf(allowed);
        this.allowHeaders = String.join(",", allowHeaders);
    }

    /** {@code domains} as `JOINERY_CORS_DOMAIN` gives them; null or blank = `*`. */
    public static Cors parse(String domains) {
        return parse(domains, null);
    }

    /**
     * @param domains      `JOINERY_CORS_DOMAIN`; null or blank = `*`
     * @param extraHeaders `JOINERY_CORS_ALLOWED_HEADERS`: a comma-separated list of request headers
     *                     allowed besides {@link #STANDARD_HEADERS}; null or blank = none
     */
    public static Cors parse(String domains, String extraHeaders) {
        List<String> headers = new ArrayList<>(STANDARD_HEADERS);
        for (String header : split(extraHeaders)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (!headers.contains(lower)) {
                headers.add(lower);
            }
        }
        List<String> origins = split(domains);
        return new Cors(origins.isEmpty() ? List.of("*") : origins, headers);
    }

    private static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean allowsAll() {
        return allowed.contains("*");
    }

    /** The value for `Access-Control-Allow-Origin`, or null when the origin is not allowed. */
    public String allowOrigin(String origin) {
        if (allowsAll()) {
            return "*";
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
        if (!allowsAll()) {
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            response.add(HttpHeaderNames.VARY, "Origin");
        }
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET,POST,OPTIONS");
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, allowHeaders);
        response.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "1728000");
    }

    /** An exact origin (case-insensitive), or one whose `*` stands for exactly one non-empty label. */
    private static boolean matches(String pattern, String origin) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equalsIgnoreCase(origin);
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        if (origin.length() <= prefix.length() + suffix.length()
                || !origin.regionMatches(true, 0, prefix, 0, prefix.length())
                || !origin.regionMatches(true, origin.length() - suffix.length(), suffix, 0, suffix.length())) {
            return false;
        }
        String label = origin.substring(prefix.length(), origin.length() - suffix.length());
        return label.chars().noneMatch(c -> c == '.' || c == ':' || c == '/');
    }
}
