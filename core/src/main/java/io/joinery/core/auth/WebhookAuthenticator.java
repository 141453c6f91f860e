package io.joinery.core.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.joinery.core.auth.AuthHookClient.HookAnswer;
import io.joinery.core.auth.AuthHookClient.HookRequest;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.observe.Logs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Webhook mode (SPEC §9 step 3): asks the hook who the client is and caches the answer.
 * <ul>
 *   <li>`200` with a JSON object: `X-Hasura-Role` is the role (required), every `X-Hasura-*` key a
 *       session variable (names lower-cased; numbers, booleans and lists as text, like JWT claims).</li>
 *   <li>A lifetime from `Cache-Control` / `Expires`, given as keys of that JSON object (Hasura's
 *       documented form) or as response headers, caches the session for requests with the same
 *       forwarded headers (and, in POST mode, the same GraphQL request). Per-request trace headers
 *       (`x-request-id`, `traceparent`, `tracestate`) do not split the cache.</li>
 *   <li>`Set-Cookie` headers of a 200 answer become {@link Session#responseCookies()}, for the server
 *       to pass on to the client (Hasura does); a cached answer replays none.</li>
 *   <li>`401`: `access-denied` "Authentication hook unauthorized this request" (HTTP 401).</li>
 *   <li>Anything else, a timeout or a transport failure: `access-denied` with HTTP 500 and Hasura's
 *       text; the details go to the log and to `internal`.</li>
 * </ul>
 */
public final class WebhookAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookAuthenticator.class);
    private static final Set<String> NOT_IN_CACHE_KEY = Set.of("x-request-id", "traceparent", "tracestate");
    public static final long DEFAULT_MAX_CACHED = 10_000;

    /** The part of a request that the hook's answer may depend on. */
    private record HookKey(List<Map.Entry<String, String>> headers, String request) {}

    private record Cached(Session session, Duration lifetime) {}

    private final AuthHookClient client;
    private final Clock clock;
    private final Cache<HookKey, Cached> answers;

    public WebhookAuthenticator(AuthHookClient client, Clock clock) {
        this(client, clock, DEFAULT_MAX_CACHED);
    }

    public WebhookAuthenticator(AuthHookClient client, Clock clock, long maxCached) {
        this.client = client;
        this.clock = clock;
        this.answers = Caffeine.newBuilder()
                .maximumSize(maxCached)
                .ticker(() -> nanos(clock.instant()))
                .executor(Runnable::run)
                .expireAfter(new Expiry<HookKey, Cached>() {
                    @Override
                    public long expireAfterCreate(HookKey key, Cached value, long now) {
                        return value.lifetime().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(HookKey key, Cached value, long now, long current) {
                        return value.lifetime().toNanos();
                    }

                    @Override
                    public long expireAfterRead(HookKey key, Cached value, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    private static long nanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    /** @param request the GraphQL request body as the client sent it (POST mode sends it to the hook) */
    public Mono<Session> authenticate(RequestHeaders headers, Optional<JsonNode> request) {
        return Mono.defer(() -> {
            HookRequest hookRequest = HookRequest.of(headers,
                    client.hook().mode() == AuthHook.Mode.POST ? request : Optional.empty());
            HookKey key = key(hookRequest);
            Cached cached = answers.getIfPresent(key);
            if (cached != null) {
                return Mono.just(cached.session());
            }
            return client.call(hookRequest)
                    .onErrorMap(e -> !(e instanceof JoineryException), this::failed)
                    .map(answer -> {
                        ObjectNode body = accepted(answer);
                        Session session = session(body, answer);
                        // the hook's Set-Cookie goes to this response only; a cached answer replays none
                        lifetime(body, answer).filter(d -> !d.isZero())
                                .ifPresent(d -> answers.put(key, new Cached(session.withoutResponseCookies(), d)));
                        return session;
                    });
        });
    }

    private static HookKey key(HookRequest request) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_IN_CACHE_KEY.contains(name)) {
                headers.add(Map.entry(name, header.getValue()));
            }
        }
        headers.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        String graphql = request.request().map(Json::write).orElse("");
        return new HookKey(List.copyOf(headers), graphql);
    }

    /** The JSON object of a 200 answer; every other answer is an error. */
    private ObjectNode accepted(HookAnswer answer) {
        if (answer.status() == 401) {
            LOG.info("auth hook {} denied a request (401)", Logs.safeUrl(client.hook().url()));
            throw AuthFailures.hookUnauthorized();
        }
        if (answer.status() != 200) {
            throw invalidAnswer(AuthFailures.HOOK_INVALID_RESPONSE, answer, "HTTP status " + answer.status());
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw invalidAnswer(AuthFailures.HOOK_INVALID_RESPONSE + ": " + e.getOriginalMessage(), answer,
                    "not JSON");
        }
        if (body == null || !body.isObject()) {
            throw invalidAnswer(AuthFailures.HOOK_INVALID_RESPONSE + ": expected an object of session variables",
                    answer, "not a JSON object");
        }
        return (ObjectNode) body;
    }

    private Session session(ObjectNode body, HookAnswer answer) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(Session.PREFIX) || variables.containsKey(name)) {
                continue;
            }
            try {
                variables.put(name, Session.valueText(field.getValue()));
            } catch (IllegalArgumentException e) {
                throw invalidAnswer(AuthFailures.HOOK_INVALID_RESPONSE + ": " + field.getKey() + ": " + e.getMessage(),
                        answer, "bad session variable");
            }
        }
        String role = variables.get(Session.ROLE);
        if (role == null || role.isEmpty()) {
            throw invalidAnswer("missing x-hasura-role key in webhook response", answer, "no role");
        }
        return new Session(role, variables, answer.setCookies());
    }

    /** The answer's lifetime: body keys first (Hasura's form), then the response headers. */
    private Optional<Duration> lifetime(ObjectNode body, HookAnswer answer) {
        Instant now = clock.instant();
        Optional<Duration> fromBody = CacheLifetime.of(textField(body, "cache-control"), textField(body, "expires"), now);
        return fromBody.isPresent() ? fromBody : CacheLifetime.of(answer.cacheControl(), answer.expires(), now);
    }

    private static Optional<String> textField(JsonNode object, String lowerCaseName) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (field.getKey().toLowerCase(Locale.ROOT).equals(lowerCaseName) && field.getValue().isTextual()) {
                return Optional.of(field.getValue().asText());
            }
        }
        return Optional.empty();
    }

    private JoineryException invalidAnswer(String message, HookAnswer answer, String why) {
        LOG.warn("auth hook {} answered unusably ({}): HTTP {} {}", Logs.safeUrl(client.hook().url()), why, answer.status(),
                abbreviate(answer.body()));
        ObjectNode internal = Json.object();
        internal.put("status", answer.status());
        internal.put("body", abbreviate(answer.body()));
        return AuthFailures.hookFailed(message, internal);
    }

    private Throwable failed(Throwable e) {
        String reason = e instanceof TimeoutException || e instanceof io.netty.handler.timeout.ReadTimeoutException
                ? "no answer within " + client.hook().timeout().toMillis() + " ms"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.warn("auth hook {} failed: {}", Logs.safeUrl(client.hook().url()), reason);
        ObjectNode internal = Json.object();
        internal.put("reason", reason);
        return AuthFailures.hookFailed(AuthFailures.HOOK_FAILED, internal);
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }

}
