package io.joinery.core.observe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loggers of Hasura's log types. A line logged through one of them has that `type` in its JSON
 * ({@link LogEncoder}); everything else is `unstructured`.
 *
 * <pre>
 * startup     info   once a server listens: version, port, storage
 * http-log    info   one line per HTTP request: request_id, status, method, url, latency, operation
 * query-log   debug  one line per GraphQL operation: request_id, operation name, document (never
 *                    variables: they may carry user data)
 * </pre>
 */
public final class Logs {
    public static final Logger STARTUP = LoggerFactory.getLogger("joinery.startup");
    public static final Logger HTTP = LoggerFactory.getLogger("joinery.http-log");
    public static final Logger QUERY = LoggerFactory.getLogger("joinery.query-log");

    private Logs() {}

    /**
     * {@code url} as it may be logged: scheme, host, port and path, without user info, query
     * string or fragment, which may hold a credential (an auth hook's `?token=`, a JWKS URL's key).
     */
    public static String safeUrl(java.net.URI url) {
        if (url == null) {
            return "null";
        }
        StringBuilder safe = new StringBuilder();
        if (url.getScheme() != null) {
            safe.append(url.getScheme()).append("://");
        }
        safe.append(url.getHost() == null ? "" : url.getHost());
        if (url.getPort() >= 0) {
            safe.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null) {
            safe.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            safe.append("?<redacted>");
        }
        return safe.toString();
    }
}
