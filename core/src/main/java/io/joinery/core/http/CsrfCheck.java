package io.joinery.core.http;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses cross-site "simple" requests (SPEC §9.2, Joinery choice). A page on another site can make
 * a browser POST to Joinery without asking first (no CORS preflight) only with a simple content type
 * (`text/plain`, `application/x-www-form-urlencoded`, `multipart/form-data`, or none) and only
 * simple headers; it cannot read the answer, but the request itself would run: a `run_sql` against a
 * development server without an admin secret, on a developer's machine. Joinery only speaks JSON, so
 * such a request is refused before anything runs, unless it carries a header no browser sends
 * without a preflight (`Authorization`, any `x-hasura-*`): then CORS has already decided.
 */
final class CsrfCheck {
    private static final Set<String> SIMPLE_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data");

    private CsrfCheck() {}

    /** The 400 to answer instead of running {@code headers}' POST, if it is a refused simple request. */
    static Optional<JoineryException> refusal(HttpHeaders headers) {
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.isEmpty() && !SIMPLE_TYPES.contains(mediaType)) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("authorization") || name.startsWith(SessionVariables.PREFIX)) {
                return Optional.empty();
            }
        }
        String sent = mediaType.isEmpty() ? "no Content-Type" : "Content-Type " + mediaType;
        return Optional.of(new JoineryException(ErrorCode.INVALID_HEADERS,
                "send Content-Type: application/json: a POST with " + sent + " and no Authorization or "
                        + "X-Hasura-* header is refused (it could come from a cross-site page)",
                ErrorPath.root(), null, 400));
    }
}
