package io.joinery.core.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.joinery.core.auth.JwtTestSupport.assertInvalidJwt;
import static io.joinery.core.auth.TestTokens.claims;
import static io.joinery.core.auth.TestTokens.hasura;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/** `jwk_url` against a real JWKS endpoint (WireMock): caching, refresh, rotation, outages. */
class JwksCacheTest {
    @RegisterExtension
    static WireMockExtension idp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final RSAKey KEY_A = TestTokens.rsa("key-a");
    private static final RSAKey KEY_B = TestTokens.rsa("key-b");

    private final TestClock clock = TestClock.atNow();

    private String jwksUrl() {
        return idp.baseUrl() + "/.well-known/jwks.json";
    }

    private void serveKeys(String cacheControl, JWK... keys) {
        var response = aResponse().withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(Arrays.stream(keys).map(JWK::toPublicJWK).toList()).toString());
        if (cacheControl != null) {
            response = response.withHeader("Cache-Control", cacheControl);
        }
        idp.stubFor(get("/.well-known/jwks.json").willReturn(response));
    }

    private int fetches() {
        return idp.findAll(getRequestedFor(urlEqualTo("/.well-known/jwks.json"))).size();
    }

    private SessionResolver resolver() {
        return JwtTestSupport.jwtResolver("{\"jwk_url\": \"" + jwksUrl() + "\"}", clock);
    }

    private String token(JWK key, JWSAlgorithm alg) {
        return TestTokens.sign(key, alg, claims(clock.instant(), hasura("user", List.of("user"), "42")));
    }

    private String token(RSAKey key) {
        return token(key, JWSAlgorithm.RS256);
    }

    @Test
    void fetchedAtStart_thenReusedWhileFresh() {
        serveKeys("max-age=300", KEY_A);
        SessionResolver resolver = resolver();
        resolver.start().block(Duration.ofSeconds(10));
        assertThat(fetches()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(JwtTestSupport.bearer(resolver, token(KEY_A)).variables().values()).containsEntry("x-hasura-user-id", "42");
        }
        assertThat(fetches()).isEqualTo(1);
    }

    @Test
    void maxAge_elapsed_refetchesOnTheNextToken() {
        serveKeys("public, max-age=300", KEY_A);
        SessionResolver resolver = resolver();
        resolver.start().block(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(299));
        JwtTestSupport.bearer(resolver, token(KEY_A));
        assertThat(fetches()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        JwtTestSupport.bearer(resolver, token(KEY_A));
        assertThat(fetches()).isEqualTo(2);
    }

    @Test
    void expiresHeader_drivesTheRefresh_andRotatedKeysAreUsedAfterIt() {
        String expires = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(120).atOffset(ZoneOffset.UTC));
        idp.stubFor(get("/.well-known/jwks.json").willReturn(aResponse().withHeader("Expires", expires)
                .withBody(new JWKSet(KEY_A.toPublicJWK()).toString())));
        SessionResolver resolver = resolver();
        resolver.start().block(Duration.ofSeconds(10));
        serveKeys(null, KEY_B);
        clock.advance(Duration.ofSeconds(121));
        assertThat(JwtTestSupport.bearer(resolver, token(KEY_B)).role()).isEqualTo("user");
        assertThat(fetches()).isEqualTo(2);
        // key A was rotated out
        assertInvalidJwt(() -> JwtTestSupport.bearer(resolver, token(KEY_A)), "JWSError NoUsableKeys");
    }

    @Test
    void rotation_unknownKid_refetchesAtMostOncePerMinute() {
        serveKeys("max-age=3600", KEY_A);
        SessionResolver resolver = resolver();
        resolver.start().block(Duration.ofSeconds(10));
        serveKeys("max-age=3600", KEY_A, KEY_B);

        // right after a fetch, an unknown kid does not trigger another one
        assertInvalidJwt(() -> JwtTestSupport.bearer(resolver, token(KEY_B)), "JWSError NoUsableKeys");
        assertThat(fetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        assertThat(JwtTestSupport.bearer(resolver, token(KEY_B)).role()).isEqualTo("user");
        assertThat(JwtTestSupport.bearer(resolver, token(KEY_A)).role()).isEqualTo("user");
        assertThat(fetches()).isEqualTo(2);

        // forged kids cannot make us hammer the identity provider
        RSAKey unknown = TestTokens.rsa("key-c");
        for (int i = 0; i < 5; i++) {
            assertInvalidJwt(() -> JwtTestSupport.bearer(resolver, token(unknown)), "JWSError NoUsableKeys");
        }
        assertThat(fetches()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(61));
        assertInvalidJwt(() -> JwtTestSupport.bearer(resolver, token(unknown)), "JWSError NoUsableKeys");
        assertThat(fetches()).isEqualTo(3);
    }

    @Test
    void outage_keepsTheLastGoodKeys() {
        serveKeys("max-age=60", KEY_A);
        SessionResolver resolver = resolver();
        resolver.start().block(Duration.ofSeconds(10));
        idp.stubFor(get("/.well-known/jwks.json").willReturn(aResponse().withStatus(503)));
        clock.advance(Duration.ofSeconds(61));
        assertThat(JwtTestSupport.bearer(resolver, token(KEY_A)).role()).isEqualTo("user");
        idp.stubFor(get("/.well-known/jwks.json").willReturn(aResponse().withBody("not a jwks")));
        clock.advance(Duration.ofSeconds(2));
        assertThat(JwtTestSupport.bearer(resolver, token(KEY_A)).role()).isEqualTo("user");
        assertThat(fetches()).isEqualTo(3);
    }

    @Test
    void outageAtStart_recoversOnALaterToken() {
        idp.stubFor(get("/.well-known/jwks.json").willReturn(aResponse().withStatus(500)));
        SessionResolver resolver = resolver();
        resolver.start().block(Duration.ofSeconds(10));
        assertInvalidJwt(() -> JwtTestSupport.bearer(resolver, token(KEY_A)), "JWSError NoUsableKeys");
        serveKeys("max-age=300", KEY_A);
        clock.advance(Duration.ofSeconds(2));
        assertThat(JwtTestSupport.bearer(resolver, token(KEY_A)).role()).isEqualTo("user");
    }

    @Test
    void concurrentTokens_shareOneFetch() {
        idp.stubFor(get("/.well-known/jwks.json").willReturn(aResponse().withFixedDelay(300)
                .withHeader("Cache-Control", "max-age=300").withBody(new JWKSet(KEY_A.toPublicJWK()).toString())));
        SessionResolver resolver = resolver();
        String token = token(KEY_A);
        List<Session> sessions = Flux.range(0, 8)
                .flatMap(i -> resolver.resolve(RequestHeaders.of("Authorization", "Bearer " + token), Optional.empty()))
                .collectList().block(Duration.ofSeconds(20));
        assertThat(sessions).hasSize(8).allSatisfy(s -> assertThat(s.role()).isEqualTo("user"));
        assertThat(fetches()).isEqualTo(1);
    }

    @Test
    void ecAndEd25519Keys_andTokensWithoutKid() {
        ECKey ec = TestTokens.ec(Curve.P_256, "ec-1");
        OctetKeyPair ed = TestTokens.ed25519("ed-1");
        serveKeys("max-age=300", KEY_A, ec, ed);
        SessionResolver resolver = resolver();
        assertThat(JwtTestSupport.bearer(resolver, token(ec, JWSAlgorithm.ES256)).role()).isEqualTo("user");
        assertThat(JwtTestSupport.bearer(resolver, token(ed, JWSAlgorithm.EdDSA)).role()).isEqualTo("user");
        // no kid: every key is tried
        String noKid = TestTokens.sign(new RSAKey.Builder(KEY_A).keyID(null).build(), JWSAlgorithm.RS256,
                claims(clock.instant(), hasura("user", List.of("user"), "1")));
        assertThat(JwtTestSupport.bearer(resolver, noKid).role()).isEqualTo("user");
        // the right kid with the wrong key behind it is an invalid signature
        String wrongKey = TestTokens.sign(new RSAKey.Builder(KEY_B).keyID("key-a").build(), JWSAlgorithm.RS256,
                claims(clock.instant(), hasura("user", List.of("user"), "1")));
        assertInvalidJwt(() -> JwtTestSupport.bearer(resolver, wrongKey), "JWSError JWSInvalidSignature");
    }

    private JwksCache cache() {
        return new JwksCache(URI.create(jwksUrl()), HttpClient.create(), clock);
    }

    @Test
    void backgroundRefresh_renewsKeysWhenTheirMaxAgeIsOver_withoutAnyToken() {
        serveKeys("max-age=3", KEY_A);
        JwksCache cache = cache();
        cache.refreshIfDue().block(Duration.ofSeconds(10));
        cache.refreshIfDue().block(Duration.ofSeconds(10));
        assertThat(fetches()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(3));
        cache.refreshIfDue().block(Duration.ofSeconds(10));
        assertThat(fetches()).isEqualTo(2);
    }

    @Test
    void backgroundRefresh_withoutALifetime_mustRevalidateOrNoCache_refetchesEverySecond() {
        serveKeys("must-revalidate", KEY_A); // Hasura's test_cache_control_header_must_revalidate
        JwksCache cache = cache();
        for (int second = 0; second < 3; second++) {
            cache.refreshIfDue().block(Duration.ofSeconds(10));
            cache.refreshIfDue().block(Duration.ofSeconds(10));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(fetches()).isEqualTo(3);
        serveKeys("no-cache", KEY_A);
        cache.refreshIfDue().block(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(1));
        cache.refreshIfDue().block(Duration.ofSeconds(10));
        assertThat(fetches()).isEqualTo(5);
    }

    @Test
    void backgroundRefresh_keysWithoutCachingHeaders_areKept() {
        serveKeys(null, KEY_A);
        JwksCache cache = cache();
        cache.refreshIfDue().block(Duration.ofSeconds(10));
        clock.advance(Duration.ofHours(5));
        cache.refreshIfDue().block(Duration.ofSeconds(10));
        assertThat(fetches()).isEqualTo(1);
        assertThat(cache.hasKeys()).isTrue();
    }

    @Test
    void backgroundLoop_fetchesOnItsOwn() throws InterruptedException {
        serveKeys("no-cache", KEY_A);
        Disposable loop = cache().refreshEvery(Duration.ofMillis(20)).subscribe();
        try {
            awaitFetches(1);
            clock.advance(Duration.ofSeconds(1));
            awaitFetches(2);
        } finally {
            loop.dispose();
        }
    }

    private void awaitFetches(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fetches() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fetches()).isEqualTo(count);
    }

    @Test
    void aHangingEndpoint_doesNotHangTheRequest() {
        idp.stubFor(get("/.well-known/jwks.json").willReturn(aResponse().withFixedDelay(2_500)
                .withBody(new JWKSet(KEY_A.toPublicJWK()).toString())));
        JwtSecret secret = JwtSecret.parse("{\"jwk_url\": \"" + jwksUrl() + "\"}");
        JwksCache cache = new JwksCache(URI.create(jwksUrl()), HttpClient.create(), clock, Duration.ofMillis(300));
        JwtAuthenticator jwt = new JwtAuthenticator(secret, Optional.of(cache), clock);
        long started = System.nanoTime();
        assertInvalidJwt(() -> jwt.authenticate(token(KEY_A), RequestHeaders.empty()).block(Duration.ofSeconds(4)),
                "JWSError NoUsableKeys");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));
        assertThat(cache.hasKeys()).isFalse();
    }
}
