package io.joinery.core.auth;

import java.net.URI;
import java.time.Duration;

/**
 * Webhook mode's settings: `JOINERY_AUTH_HOOK` (the URL), `JOINERY_AUTH_HOOK_MODE` (`GET`, the
 * default, or `POST`), and `JOINERY_AUTH_HOOK_TIMEOUT` (seconds for the whole call, Joinery's).
 */
public record AuthHook(URI url, Mode mode, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** How the hook is called (SPEC §9 step 3). */
    public enum Mode {
        /** The client's headers, minus hop-by-hop ones and the admin secret, on a GET. */
        GET,
        /** A POST of `{"headers": {...}, "request": {"query", "variables", "operationName"}}`. */
        POST
    }

    public AuthHook {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException("the auth hook must be an http(s) URL, got \"" + url + "\"");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the auth hook timeout must be positive");
        }
    }
}
