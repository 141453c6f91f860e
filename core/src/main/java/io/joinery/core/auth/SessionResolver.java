package io.joinery.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.SessionVariables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import io.joinery.core.observe.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Resolves the {@link Session} of every request on every endpoint (SPEC §6, §9), in this order:
 * <ol>
 *   <li>an admin secret header (`X-Hasura-Admin-Secret`, or the deprecated `X-Hasura-Access-Key`):
 *       correct = admin, or `X-Hasura-Role` with the request's `x-hasura-*` headers; wrong = 401,
 *       whatever else the request carries;</li>
 *   <li>JWT mode: a token at the configured place is verified ({@link JwtAuthenticator});</li>
 *   <li>webhook mode: the hook decides ({@link WebhookAuthenticator});</li>
 *   <li>no credentials: the unauthorized role, with no other variables (JWT and admin-secret-only
 *       mode), else JWT mode's `invalid-headers` or section 6's 401;</li>
 *   <li>no admin secret configured at all: every request trusted (role header or admin).</li>
 * </ol>
 * This is the one place that reads `X-Hasura-*` request headers; the front door
 * ({@link io.joinery.core.http.FrontDoor}) calls it for every request that needs a session, and every
 * later stage reads the resulting {@link io.joinery.core.http.SessionVariables}. Client
 * `x-hasura-*` headers become session variables only when an admin secret vouches for them (or none
 * is configured).
 */
public final class SessionResolver {
    static final String ADMIN_SECRET_HEADER = "x-hasura-admin-secret";
    static final String ACCESS_KEY_HEADER = "x-hasura-access-key";

    private final AuthConfig config;
    private final Optional<JwtAuthenticator> jwt;
    private final Optional<WebhookAuthenticator> webhook;

    public SessionResolver(AuthConfig config, Optional<JwtAuthenticator> jwt, Optional<WebhookAuthenticator> webhook) {
        if (config.jwtSecret().isPresent() != jwt.isPresent() || config.authHook().isPresent() != webhook.isPresent()) {
            throw new IllegalArgumentException("the authenticators must match the configured mode");
        }
        this.config = config;
        this.jwt = jwt;
        this.webhook = webhook;
    }

    /** What the servers use: Reactor Netty's shared client for the JWKS and the hook, the system clock. */
    public static SessionResolver create(AuthConfig config) {
        return create(config, Telemetry.noop());
    }

    /** As above, the JWKS fetches counted in {@code telemetry}. */
    public static SessionResolver create(AuthConfig config, Telemetry telemetry) {
        return create(config, HttpClient.create(), Clock.systemUTC(), telemetry);
    }

    /** The resolver for `config`, its JWKS and hook clients over `http`, time from `clock`. */
    public static SessionResolver create(AuthConfig config, HttpClient http, Clock clock) {
        return create(config, http, clock, Telemetry.noop());
    }

    /** As above, the JWKS fetches counted in {@code telemetry}. */
    public static SessionResolver create(AuthConfig config, HttpClient http, Clock clock, Telemetry telemetry) {
        return new SessionResolver(config,
                config.jwtSecret().map(secret -> JwtAuthenticator.create(secret, http, clock, telemetry)),
                config.authHook().map(hook -> new WebhookAuthenticator(new AuthHookClient(hook, http), clock)));
    }

    public AuthConfig config() {
        return config;
    }

    /**
     * Start-up work in JWT mode, on the subscribing thread (`main`, which blocks on it): the
     * verification path once per key family ({@link VerifierWarmUp}), so no one-time initialisation
     * that reads files happens later on an event loop, then the first JWKS fetch (with `jwk_url`).
     * Completes either way; a failed fetch is logged and retried by {@link #background()}.
     */
    public Mono<Void> start() {
        if (jwt.isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromRunnable(VerifierWarmUp::run)
                .then(jwt.flatMap(JwtAuthenticator::jwks).map(JwksCache::refresh).orElse(Mono.empty()));
    }

    /**
     * Background work for the server's lifetime: the JWKS refresh once a second (JWT mode with
     * `jwk_url`), else nothing. Never completes; `main` subscribes once and disposes it at shutdown.
     */
    public Flux<Void> background() {
        return jwt.flatMap(JwtAuthenticator::jwks).map(c -> c.refreshEvery(Duration.ofSeconds(1))).orElse(Flux.empty());
    }

    /**
     * @param request the GraphQL request body as the client sent it (parsed JSON: an object, a batch
     *     array, anything), which a POST webhook receives as `request`; empty on other endpoints
     * @return the session, or an error carrying a {@link io.joinery.core.error.JoineryException}
     *     with Hasura's code, message and status
     */
    public Mono<Session> resolve(RequestHeaders headers, Optional<JsonNode> request) {
        return Mono.defer(() -> {
            Optional<String> presented = headers.get(ADMIN_SECRET_HEADER).or(() -> headers.get(ACCESS_KEY_HEADER));
            if (config.adminSecret().isEmpty()) {
                return Mono.just(fromHeaders(headers));
            }
            if (presented.isPresent()) {
                if (!constantTimeEquals(presented.get(), config.adminSecret().get())) {
                    return Mono.error(AuthFailures.adminSecret(AuthFailures.SECRET_INVALID));
                }
                return Mono.just(fromHeaders(headers));
            }
            if (jwt.isPresent()) {
                Optional<String> token = jwt.get().token(headers);
                if (token.isPresent()) {
                    return jwt.get().authenticate(token.get(), headers);
                }
                return unauthorized(AuthFailures.invalidHeaders(AuthFailures.MISSING_TOKEN));
            }
            if (webhook.isPresent()) {
                return webhook.get().authenticate(headers, request);
            }
            return unauthorized(AuthFailures.adminSecret(AuthFailures.SECRET_REQUIRED));
        });
    }

    private Mono<Session> unauthorized(RuntimeException otherwise) {
        return config.unauthorizedRole().map(role -> Mono.just(Session.ofRole(role))).orElse(Mono.error(otherwise));
    }

    /** Section 6: role = `X-Hasura-Role` or admin; variables = the `x-hasura-*` headers but the secret. */
    private static Session fromHeaders(RequestHeaders headers) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers.withPrefix(Session.PREFIX)) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals(ADMIN_SECRET_HEADER) && !name.equals(ACCESS_KEY_HEADER)) {
                variables.putIfAbsent(name, header.getValue());
            }
        }
        String role = Optional.ofNullable(variables.get(Session.ROLE)).filter(r -> !r.isBlank()).orElse(Session.ADMIN);
        return new Session(SessionVariables.trusted(role, variables), List.of());
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
