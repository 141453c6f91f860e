package io.joinery.core.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.joinery.core.observe.Logs;
import io.joinery.core.observe.Telemetry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The keys of a `jwk_url` (SPEC §9 "JWKS"), fetched over a non-blocking client and reused until the
 * JWKS answer's `Cache-Control: max-age` / `Expires` runs out. Renewal happens in the background
 * ({@link #refreshEvery}, as Hasura does) and, should that not be running or be late, on the next
 * token that finds the keys stale.
 *
 * <p>Invariants:
 * <ul>
 *   <li>at most one fetch runs at a time; concurrent callers share it;</li>
 *   <li>a failed fetch (transport error, non-2xx, not a JWKS) keeps the last good keys and is logged;</li>
 *   <li>a token naming an unknown `kid` triggers a fetch at most once per {@code unknownKidInterval}
 *       (a minute): forged kids cannot make Joinery hammer the identity provider;</li>
 *   <li>without keys, or past their lifetime, a fetch is tried at most once per {@code retryInterval};</li>
 *   <li>time comes from the injected {@link Clock}; nothing here sleeps or subscribes.</li>
 * </ul>
 */
public final class JwksCache {
    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);
    public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration UNKNOWN_KID_INTERVAL = Duration.ofMinutes(1);
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    /** What is known now: the keys (null before the first good fetch), until when, and the last try. */
    private record Snapshot(JWKSet keys, Instant expiresAt, Instant lastAttempt) {
        boolean hasKid(String kid) {
            return keys != null && keys.getKeyByKeyId(kid) != null;
        }
    }

    private final URI url;
    private final HttpClient http;
    private final Clock clock;
    private final Duration fetchTimeout;
    private final Telemetry telemetry;
    private final AtomicReference<Snapshot> state = new AtomicReference<>(new Snapshot(null, null, null));
    private final AtomicReference<Mono<Snapshot>> inFlight = new AtomicReference<>();

    public JwksCache(URI url, HttpClient http, Clock clock) {
        this(url, http, clock, DEFAULT_FETCH_TIMEOUT);
    }

    public JwksCache(URI url, HttpClient http, Clock clock, Duration fetchTimeout) {
        this(url, http, clock, fetchTimeout, Telemetry.noop());
    }

    /** @param telemetry counts every fetch, by outcome (`joinery_jwks_refreshes_total`) */
    public JwksCache(URI url, HttpClient http, Clock clock, Duration fetchTimeout, Telemetry telemetry) {
        this.url = url;
        this.http = http;
        this.clock = clock;
        this.fetchTimeout = fetchTimeout;
        this.telemetry = telemetry;
    }

    /** Fetches now (start-up): completes when the attempt is over, whether it succeeded or not. */
    public Mono<Void> refresh() {
        return Mono.defer(this::fetchShared).then();
    }

    /**
     * One tick of the background refresh (Hasura's): fetches when there are no keys yet, or they are
     * past their `Cache-Control` / `Expires` lifetime; otherwise does nothing.
     */
    public Mono<Void> refreshIfDue() {
        return Mono.defer(() -> {
            Snapshot current = state.get();
            return isDue(current, clock.instant()) ? fetchShared().then() : Mono.<Void>empty();
        });
    }

    /**
     * The background refresh: {@link #refreshIfDue} every `tick` (a second in production), so keys
     * are renewed before a token needs them. Never completes; the server subscribes to it once at
     * start and disposes it at shutdown. Ticks that come while a fetch runs are dropped.
     */
    public Flux<Void> refreshEvery(Duration tick) {
        return Flux.interval(tick).onBackpressureDrop().concatMap(i -> refreshIfDue(), 1);
    }

    /** Whether a good JWKS has been fetched (for readiness and start-up logs). */
    public boolean hasKeys() {
        return state.get().keys() != null;
    }

    /**
     * The keys that may have signed a token: those with its `kid`, or every key when it names none.
     * Fetches first when the cache is empty, expired, or does not know the `kid` (within the limits
     * above). Never fails: no keys is an empty list, which verification reports as `NoUsableKeys`.
     */
    Mono<List<JWK>> candidates(Optional<String> kid) {
        return Mono.defer(() -> {
            Snapshot current = state.get();
            Mono<Snapshot> snapshot = needsFetch(current, kid, clock.instant()) ? fetchShared() : Mono.just(current);
            return snapshot.map(s -> select(s, kid));
        });
    }

    private boolean needsFetch(Snapshot s, Optional<String> kid, Instant now) {
        if (inFlight.get() != null || isDue(s, now)) {
            return true;
        }
        return kid.isPresent() && !s.hasKid(kid.get())
                && (s.lastAttempt() == null || !now.isBefore(s.lastAttempt().plus(UNKNOWN_KID_INTERVAL)));
    }

    /** No keys yet, or past their lifetime; and no attempt within the last {@link #RETRY_INTERVAL}. */
    private static boolean isDue(Snapshot s, Instant now) {
        boolean retryAllowed = s.lastAttempt() == null || !now.isBefore(s.lastAttempt().plus(RETRY_INTERVAL));
        boolean stale = s.keys() == null || s.expiresAt() != null && !now.isBefore(s.expiresAt());
        return stale && retryAllowed;
    }

    private static List<JWK> select(Snapshot s, Optional<String> kid) {
        if (s.keys() == null) {
            return List.of();
        }
        if (kid.isEmpty()) {
            return s.keys().getKeys();
        }
        return s.keys().getKeys().stream().filter(k -> kid.get().equals(k.getKeyID())).toList();
    }

    /** Joins the running fetch, or starts one that later callers join until it is over. */
    private Mono<Snapshot> fetchShared() {
        while (true) {
            Mono<Snapshot> running = inFlight.get();
            if (running != null) {
                return running;
            }
            AtomicReference<Mono<Snapshot>> self = new AtomicReference<>();
            // cleared before the result reaches anyone, so a caller that sees the new state never
            // joins this finished fetch instead of starting the next one
            Mono<Snapshot> fetch = fetchAndStore()
                    .doOnSuccess(done -> inFlight.compareAndSet(self.get(), null))
                    .doOnError(e -> inFlight.compareAndSet(self.get(), null))
                    .cache();
            self.set(fetch);
            if (inFlight.compareAndSet(null, fetch)) {
                return fetch;
            }
        }
    }

    private Mono<Snapshot> fetchAndStore() {
        return Mono.defer(() -> {
            Instant started = clock.instant();
            state.updateAndGet(s -> new Snapshot(s.keys(), s.expiresAt(), started));
            return http.responseTimeout(fetchTimeout)
                    .get()
                    .uri(url)
                    .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                            .map(text -> {
                                if (response.status().code() / 100 != 2) {
                                    throw new JwksFetchException("HTTP " + response.status().code());
                                }
                                Instant now = clock.instant();
                                Optional<Duration> lifetime = CacheLifetime.of(
                                        Optional.ofNullable(response.responseHeaders().get("Cache-Control")),
                                        Optional.ofNullable(response.responseHeaders().get("Expires")), now);
                                return new Snapshot(parse(text), lifetime.map(now::plus).orElse(null), started);
                            }))
                    .timeout(fetchTimeout)
                    .map(fresh -> {
                        state.set(fresh);
                        telemetry.jwksRefresh(true);
                        LOG.info("fetched {} JWKS key(s) from {}", fresh.keys().getKeys().size(), Logs.safeUrl(url));
                        return fresh;
                    })
                    // an outage keeps the last good keys (SPEC §9); the reason goes to the log
                    .onErrorResume(e -> {
                        telemetry.jwksRefresh(false);
                        LOG.warn("could not fetch the JWKS from {} ({}); keeping the last good keys", Logs.safeUrl(url),
                                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                        return Mono.just(state.get());
                    });
        });
    }

    private static JWKSet parse(String text) {
        try {
            JWKSet keys = JWKSet.parse(text);
            if (keys.getKeys().isEmpty()) {
                throw new JwksFetchException("the JWKS has no keys");
            }
            return keys;
        } catch (ParseException e) {
            throw new JwksFetchException("not a JWKS: " + e.getMessage());
        }
    }

    /** Why one fetch failed; only ever logged. */
    private static final class JwksFetchException extends RuntimeException {
        JwksFetchException(String message) {
            super(message);
        }
    }
}
