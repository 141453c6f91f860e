package io.joinery.core.auth;

import io.joinery.core.config.Environment;
import io.joinery.core.config.Environment.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a server authenticates requests (SPEC §6, §9): the admin secret, and at most one of a JWT
 * secret or an auth hook, plus the role of requests without credentials. The combinations Hasura
 * refuses at start-up are refused here, with a message naming the settings.
 *
 * @param adminSecret      `JOINERY_ADMIN_SECRET`; empty = every request is trusted (development)
 * @param jwtSecret        `JOINERY_JWT_SECRET`: JWT mode
 * @param authHook         `JOINERY_AUTH_HOOK` + `_MODE` + `_TIMEOUT`: webhook mode
 * @param unauthorizedRole `JOINERY_UNAUTHORIZED_ROLE`: the role of a request with no credentials
 */
public record AuthConfig(Optional<String> adminSecret, Optional<JwtSecret> jwtSecret, Optional<AuthHook> authHook,
                         Optional<String> unauthorizedRole) {

    public AuthConfig {
        adminSecret = adminSecret.filter(s -> !s.isEmpty());
        unauthorizedRole = unauthorizedRole.filter(r -> !r.isBlank());
        if (jwtSecret.isPresent() && authHook.isPresent()) {
            throw new IllegalArgumentException("JOINERY_JWT_SECRET and JOINERY_AUTH_HOOK are both set: "
                    + "choose JWT mode or webhook mode, not both");
        }
        if (adminSecret.isEmpty()) {
            String needs = jwtSecret.isPresent() ? "JOINERY_JWT_SECRET"
                    : authHook.isPresent() ? "JOINERY_AUTH_HOOK"
                    : unauthorizedRole.isPresent() ? "JOINERY_UNAUTHORIZED_ROLE" : null;
            if (needs != null) {
                throw new IllegalArgumentException(needs + " requires JOINERY_ADMIN_SECRET: without an admin secret "
                        + "every request is trusted as admin, so " + needs + " would protect nothing (as in Hasura)");
            }
        }
        if (authHook.isPresent() && unauthorizedRole.isPresent()) {
            throw new IllegalArgumentException("JOINERY_UNAUTHORIZED_ROLE cannot be used with JOINERY_AUTH_HOOK: "
                    + "in webhook mode the hook decides the role of every request (as in Hasura)");
        }
    }

    /** No secret at all: every request trusted. */
    public static AuthConfig open() {
        return new AuthConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Admin-secret-only mode. */
    public static AuthConfig adminSecretOnly(String secret) {
        return new AuthConfig(Optional.of(secret), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** True when no admin secret is configured: every request is admin (SPEC §9.2 warns about it). */
    public boolean isOpen() {
        return adminSecret.isEmpty();
    }

    /** {@link #fromEnvironment(Environment)} of a map (tests, and `main` with `System.getenv()`). */
    public static AuthConfig fromEnvironment(Map<String, String> env) {
        return fromEnvironment(Environment.of(env));
    }

    /**
     * Reads the settings. Each `JOINERY_X` falls back to Hasura's `HASURA_GRAPHQL_X` when unset or
     * empty (the admin secret also to the deprecated `HASURA_GRAPHQL_ACCESS_KEY`; see
     * {@link Environment}), so a Hasura deployment's environment works unchanged.
     *
     * @throws IllegalArgumentException naming the variable and the problem
     */
    public static AuthConfig fromEnvironment(Environment env) {
        Optional<Setting> hook = env.setting("JOINERY_AUTH_HOOK");
        return new AuthConfig(
                env.get("JOINERY_ADMIN_SECRET"),
                env.setting("JOINERY_JWT_SECRET").map(AuthConfig::jwtSecret),
                hook.map(url -> authHook(url, env.setting("JOINERY_AUTH_HOOK_MODE"),
                        env.setting("JOINERY_AUTH_HOOK_TIMEOUT"))),
                env.get("JOINERY_UNAUTHORIZED_ROLE"));
    }

    private static JwtSecret jwtSecret(Setting setting) {
        try {
            return JwtSecret.parse(setting.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting.name() + ": " + e.getMessage(), e);
        }
    }

    private static AuthHook authHook(Setting url, Optional<Setting> mode, Optional<Setting> timeout) {
        AuthHook.Mode parsedMode = mode.map(m -> {
            try {
                return AuthHook.Mode.valueOf(m.value().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(m.name() + " must be GET or POST, got \"" + m.value() + "\"");
            }
        }).orElse(AuthHook.Mode.GET);
        Duration parsedTimeout = timeout.map(t -> {
            try {
                long seconds = Long.parseLong(t.value().trim());
                if (seconds <= 0) {
                    throw new NumberFormatException();
                }
                return Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(t.name() + " must be a positive number of seconds, got \""
                        + t.value() + "\"");
            }
        }).orElse(AuthHook.DEFAULT_TIMEOUT);
        try {
            return new AuthHook(new URI(url.value().trim()), parsedMode, parsedTimeout);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException(url.name() + ": " + e.getMessage(), e);
        }
    }
}
