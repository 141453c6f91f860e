package io.joinery.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * How long an HTTP answer may be reused, from its `Cache-Control` and `Expires` values (what
 * Hasura reads on JWKS and webhook answers). `Cache-Control` wins when it says anything usable,
 * in Hasura's order: `must-revalidate` = its `max-age`, else zero; `no-store` / `no-cache` = zero
 * ("do not reuse"); `max-age` / `s-maxage` = the lifetime. Otherwise `Expires` (an HTTP date) is
 * compared with `now`. Unparsable values count as absent.
 */
public final class CacheLifetime {
    private CacheLifetime() {}

    /**
     * @return the lifetime (zero or positive), or empty when neither value says anything
     */
    public static Optional<Duration> of(Optional<String> cacheControl, Optional<String> expires, Instant now) {
        Optional<Duration> fromCacheControl = cacheControl.flatMap(CacheLifetime::parseCacheControl);
        if (fromCacheControl.isPresent()) {
            return fromCacheControl;
        }
        return expires.flatMap(CacheLifetime::parseHttpDate)
                .map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    }

    static Optional<Duration> parseCacheControl(String value) {
        Long maxAge = null;
        boolean noCache = false;
        boolean mustRevalidate = false;
        for (String rawDirective : value.split(",")) {
            String directive = rawDirective.trim().toLowerCase(Locale.ROOT);
            if (directive.equals("no-store") || directive.equals("no-cache")) {
                noCache = true;
            } else if (directive.equals("must-revalidate")) {
                mustRevalidate = true;
            } else if (directive.startsWith("max-age=") || directive.startsWith("s-maxage=")) {
                String seconds = directive.substring(directive.indexOf('=') + 1).replace("\"", "").trim();
                try {
                    long parsed = Long.parseLong(seconds);
                    maxAge = maxAge == null ? parsed : Math.min(maxAge, parsed);
                } catch (NumberFormatException e) {
                    // an unreadable max-age is no max-age
                }
            }
        }
        if (mustRevalidate) {
            return Optional.of(Duration.ofSeconds(maxAge == null ? 0 : Math.max(0, maxAge)));
        }
        if (noCache) {
            return Optional.of(Duration.ZERO);
        }
        return Optional.ofNullable(maxAge).map(s -> Duration.ofSeconds(Math.max(0, s)));
    }

    static Optional<Instant> parseHttpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
