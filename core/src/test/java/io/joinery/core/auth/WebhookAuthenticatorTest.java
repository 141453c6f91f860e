package io.joinery.core.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.joinery.core.auth.JwtTestSupport.ADMIN_SECRET;
import static io.joinery.core.auth.JwtTestSupport.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;

/** Webhook mode against real hooks (WireMock): what is sent, how answers become sessions, caching. */
class WebhookAuthenticatorTest {
    @RegisterExtension
    static WireMockExtension hook = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String USER = "{\"X-Hasura-Role\": \"user\", \"X-Hasura-User-Id\": \"7\", \"X-Hasura-Level\": 3,"
            + " \"other\": \"ignored\"}";

    private final TestClock clock = TestClock.atNow();

    private SessionResolver resolver(AuthHook.Mode mode, Duration timeout) {
        AuthHook authHook = new AuthHook(URI.create(hook.baseUrl() + "/hook"), mode, timeout);
        return SessionResolver.create(new AuthConfig(Optional.of(ADMIN_SECRET), Optional.empty(), Optional.of(authHook),
                Optional.empty()), HttpClient.create(), clock);
    }

    private SessionResolver getResolver() {
        return resolver(AuthHook.Mode.GET, Duration.ofSeconds(5));
    }

    private static Session resolve(SessionResolver resolver, String... headers) {
        return resolver.resolve(RequestHeaders.of(headers), Optional.empty()).block(Duration.ofSeconds(20));
    }

    private int getCalls() {
        return hook.findAll(getRequestedFor(urlEqualTo("/hook"))).size();
    }

    @Test
    void get_answerBecomesTheSession() {
        hook.stubFor(get("/hook").willReturn(okJson(USER)));
        Session session = resolve(getResolver(), "Authorization", "Bearer abc");
        assertThat(session.role()).isEqualTo("user");
        assertThat(session.variables().values()).containsExactly(Map.entry("x-hasura-role", "user"),
                Map.entry("x-hasura-user-id", "7"), Map.entry("x-hasura-level", "3"));
    }

    @Test
    void get_forwardsTheClientsHeaders_butNotHopByHopOnesOrTheSecret() {
        hook.stubFor(get("/hook").willReturn(okJson(USER)));
        WebhookAuthenticator webhook = new WebhookAuthenticator(new AuthHookClient(
                new AuthHook(URI.create(hook.baseUrl() + "/hook"), AuthHook.Mode.GET, Duration.ofSeconds(5)),
                HttpClient.create()), clock);
        webhook.authenticate(RequestHeaders.of("Authorization", "Bearer abc", "X-Hasura-Role", "editor",
                "Cookie", "session=1", "Connection", "Upgrade", "Upgrade", "websocket", "Content-Length", "123",
                "Transfer-Encoding", "chunked", "X-Hasura-Admin-Secret", "leak", "X-Hasura-Access-Key", "leak"),
                Optional.empty()).block(Duration.ofSeconds(10));
        hook.verify(1, getRequestedFor(urlEqualTo("/hook"))
                .withHeader("Authorization", equalTo("Bearer abc"))
                .withHeader("X-Hasura-Role", equalTo("editor"))
                .withHeader("Cookie", equalTo("session=1"))
                .withHeader("Upgrade", absent())
                .withHeader("Content-Length", absent())
                .withHeader("Transfer-Encoding", absent())
                .withHeader("X-Hasura-Admin-Secret", absent())
                .withHeader("X-Hasura-Access-Key", absent()));
    }

    @Test
    void post_sendsHeadersAndTheGraphqlRequestAsTheClientSentIt() {
        hook.stubFor(post("/hook").willReturn(okJson(USER)));
        SessionResolver resolver = resolver(AuthHook.Mode.POST, Duration.ofSeconds(5));
        String request = "{\"query\": \"query allUsers { users { id } }\", \"operationName\": \"allUsers\"}";
        Session session = resolver.resolve(RequestHeaders.of("Authorization", "Bearer abc", "X-Custom", "1"),
                Optional.of(Json.parseBody(request))).block(Duration.ofSeconds(10));
        assertThat(session.role()).isEqualTo("user");
        // exactly the client's request: no keys added (Hasura's test_webhook_request_context)
        hook.verify(1, postRequestedFor(urlEqualTo("/hook"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"headers\": {\"authorization\": \"Bearer abc\", \"x-custom\": \"1\"},"
                        + " \"request\": " + request + "}")));
    }

    @Test
    void post_anInvalidRequestStillReachesTheHook() {
        hook.stubFor(post("/hook").willReturn(okJson(USER)));
        SessionResolver resolver = resolver(AuthHook.Mode.POST, Duration.ofSeconds(5));
        resolver.resolve(RequestHeaders.of("auth-user-id", "1"), Optional.of(Json.parseBody("\"invalid-query\"")))
                .block(Duration.ofSeconds(10));
        resolver.resolve(RequestHeaders.of("auth-user-id", "1"), Optional.empty()).block(Duration.ofSeconds(10));
        hook.verify(1, postRequestedFor(urlEqualTo("/hook"))
                .withRequestBody(equalToJson("{\"headers\": {\"auth-user-id\": \"1\"}, \"request\": \"invalid-query\"}")));
        hook.verify(1, postRequestedFor(urlEqualTo("/hook"))
                .withRequestBody(equalToJson("{\"headers\": {\"auth-user-id\": \"1\"}, \"request\": null}")));
    }

    @Test
    void setCookieFromTheHook_isPassedOnOnce() {
        hook.stubFor(get("/hook").willReturn(okJson("{\"x-hasura-role\": \"user\", \"Cache-Control\": \"max-age=60\"}")
                .withHeader("Set-Cookie", "__Host-id=1; Secure; Path=/")
                .withHeader("Set-Cookie", "__Host-id=2; Secure; Path=/")));
        SessionResolver resolver = getResolver();
        assertThat(resolve(resolver, "Cookie", "Test").responseCookies())
                .containsExactly("__Host-id=1; Secure; Path=/", "__Host-id=2; Secure; Path=/");
        Session cached = resolve(resolver, "Cookie", "Test");
        assertThat(cached.role()).isEqualTo("user");
        assertThat(cached.responseCookies()).isEmpty();
        assertThat(getCalls()).isEqualTo(1);
    }

    @Test
    void adminSecret_bypassesTheHook() {
        hook.stubFor(get("/hook").willReturn(okJson(USER)));
        Session admin = resolve(getResolver(), "X-Hasura-Admin-Secret", ADMIN_SECRET);
        assertThat(admin.isAdmin()).isTrue();
        assertThat(getCalls()).isZero();
    }

    @Test
    void hook401_isAccessDenied() {
        hook.stubFor(get("/hook").willReturn(aResponse().withStatus(401)));
        assertFails(() -> resolve(getResolver(), "Authorization", "Bearer bad"), "access-denied",
                "Authentication hook unauthorized this request", 401);
    }

    @Test
    void hookErrors_areAccessDenied_withTheDetailInInternal() {
        hook.stubFor(get("/hook").willReturn(aResponse().withStatus(500).withBody("boom")));
        assertThatThrownBy(() -> resolve(getResolver())).isInstanceOfSatisfying(JoineryException.class, e -> {
            assertThat(e.code().wire()).isEqualTo("access-denied");
            assertThat(e.getMessage()).isEqualTo("Invalid response from authorization hook");
            assertThat(e.httpStatus()).isEqualTo(500);
            assertThat(e.internal().get("status").asInt()).isEqualTo(500);
            assertThat(e.internal().get("body").asText()).isEqualTo("boom");
        });
        hook.stubFor(get("/hook").willReturn(okJson("[1, 2]")));
        assertThatThrownBy(() -> resolve(getResolver())).hasMessageStartingWith("Invalid response from authorization hook:");
        hook.stubFor(get("/hook").willReturn(aResponse().withStatus(200).withBody("<html>")));
        assertThatThrownBy(() -> resolve(getResolver())).hasMessageStartingWith("Invalid response from authorization hook:");
        hook.stubFor(get("/hook").willReturn(okJson("{\"X-Hasura-User-Id\": \"1\"}")));
        assertFails(() -> resolve(getResolver()), "access-denied", "missing x-hasura-role key in webhook response", 500);
    }

    @Test
    void slowHook_timesOut_withAClearError() {
        hook.stubFor(get("/hook").willReturn(okJson(USER).withFixedDelay(2_500)));
        long started = System.nanoTime();
        assertThatThrownBy(() -> resolve(resolver(AuthHook.Mode.GET, Duration.ofMillis(300))))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("webhook authentication request failed");
                    assertThat(e.code().wire()).isEqualTo("access-denied");
                    assertThat(e.internal().get("reason").asText()).contains("300 ms");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void unreachableHook_failsFast() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AuthHook authHook = new AuthHook(URI.create("http://127.0.0.1:" + closedPort + "/hook"), AuthHook.Mode.GET,
                Duration.ofSeconds(5));
        SessionResolver resolver = SessionResolver.create(new AuthConfig(Optional.of(ADMIN_SECRET), Optional.empty(),
                Optional.of(authHook), Optional.empty()), HttpClient.create(), clock);
        assertFails(() -> resolve(resolver), "access-denied", "webhook authentication request failed", 500);
    }

    @Test
    void cacheControlInTheAnswerBody_cachesPerHeaderSet() {
        hook.stubFor(get("/hook").willReturn(okJson("{\"X-Hasura-Role\": \"user\", \"Cache-Control\": \"max-age=60\"}")));
        SessionResolver resolver = getResolver();
        resolve(resolver, "Authorization", "Bearer a", "X-Request-Id", "1");
        resolve(resolver, "authorization", "Bearer a", "X-Request-Id", "2");
        assertThat(getCalls()).isEqualTo(1);
        resolve(resolver, "Authorization", "Bearer b");
        assertThat(getCalls()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(61));
        resolve(resolver, "Authorization", "Bearer a");
        assertThat(getCalls()).isEqualTo(3);
    }

    @Test
    void expiresResponseHeader_caches() {
        String expires = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(30).atOffset(ZoneOffset.UTC));
        hook.stubFor(get("/hook").willReturn(okJson(USER).withHeader("Expires", expires)));
        SessionResolver resolver = getResolver();
        resolve(resolver, "Authorization", "Bearer a");
        clock.advance(Duration.ofSeconds(29));
        assertThat(resolve(resolver, "Authorization", "Bearer a").variables().values()).containsEntry("x-hasura-user-id", "7");
        assertThat(getCalls()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        resolve(resolver, "Authorization", "Bearer a");
        assertThat(getCalls()).isEqualTo(2);
    }

    @Test
    void withoutCachingInformation_orWithNoStore_everyRequestAsksTheHook() {
        hook.stubFor(get("/hook").willReturn(okJson(USER)));
        SessionResolver resolver = getResolver();
        resolve(resolver, "Authorization", "Bearer a");
        resolve(resolver, "Authorization", "Bearer a");
        assertThat(getCalls()).isEqualTo(2);
        hook.stubFor(get("/hook").willReturn(okJson(USER).withHeader("Cache-Control", "no-store, max-age=60")));
        resolve(resolver, "Authorization", "Bearer a");
        resolve(resolver, "Authorization", "Bearer a");
        assertThat(getCalls()).isEqualTo(4);
    }

    @Test
    void denials_areNeverCached() {
        hook.stubFor(get("/hook").willReturn(aResponse().withStatus(401).withHeader("Cache-Control", "max-age=60")));
        SessionResolver resolver = getResolver();
        assertThatThrownBy(() -> resolve(resolver, "Authorization", "Bearer a")).isInstanceOf(JoineryException.class);
        hook.stubFor(get("/hook").willReturn(okJson(USER)));
        assertThat(resolve(resolver, "Authorization", "Bearer a").role()).isEqualTo("user");
        assertThat(getCalls()).isEqualTo(2);
    }

    @Test
    void post_cacheKeyIncludesTheRequest() {
        hook.stubFor(post("/hook").willReturn(okJson("{\"x-hasura-role\": \"user\", \"cache-control\": \"max-age=60\"}")));
        SessionResolver resolver = resolver(AuthHook.Mode.POST, Duration.ofSeconds(5));
        RequestHeaders headers = RequestHeaders.of("Authorization", "Bearer a");
        for (String query : new String[] {"{\"query\": \"{ a }\"}", "{\"query\": \"{ a }\"}", "{\"query\": \"{ b }\"}"}) {
            resolver.resolve(headers, Optional.of(Json.parseBody(query))).block(Duration.ofSeconds(10));
        }
        assertThat(hook.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(2);
    }
}
