package io.joinery.child.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ActionDefParser;
import io.joinery.child.metadata.ActionHeader;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.JoineryVersion;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.upstream.UpstreamSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the client sends to a handler (SPEC §3.4) and what it captures of the answer. */
class ActionHandlerClientTest {
    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final List<Map.Entry<String, String>> CLIENT_HEADERS = List.of(
            Map.entry("Host", "child:8081"), Map.entry("User-Agent", "curl/8"), Map.entry("Origin", "https://app"),
            Map.entry("Authorization", "Bearer client"), Map.entry("X-Source", "client"),
            Map.entry("Accept", "text/x-client"), Map.entry("Accept-Language", "de"),
            Map.entry("X-Hasura-Role", "user"), Map.entry("X-Hasura-User-Id", "42"), Map.entry("Cookie", "sid=1"),
            Map.entry("Content-Length", "999"));

    private final Function<String, String> env = Map.of("BASE", "http://127.0.0.1:" + handler.getPort(),
            "HANDLER_SECRET", "s3cret", "TOKEN", "t0k")::get;
    private final ActionHandlerClient client = ActionHandlerClient.pooled(UpstreamSettings.DEFAULTS, env);

    @AfterEach
    void closeConnections() {
        client.dispose();
    }

    private static ActionDef.Definition definition(String json) {
        return ActionDefParser.parseDefinition(Json.parseBody(json), ErrorPath.args());
    }

    private static ActionPayload payload() {
        Map<String, String> session = new LinkedHashMap<>();
        session.put("x-hasura-role", "user");
        session.put("x-hasura-user-id", "42");
        return new ActionPayload("place_order", Json.object().put("author_id", 7).putNull("note"),
                new SessionVariables(session), "mutation { place_order(author_id: 7, note: null) { order_id } }");
    }

    private ActionOutcome call(ActionDef.Definition definition, List<Map.Entry<String, String>> clientHeaders) {
        return client.call(new ActionCall(definition, payload(), clientHeaders)).block(Duration.ofSeconds(30));
    }

    @Test
    void postsExactPayload_withContentTypeUserAgentAndConfiguredHeaders() {
        handler.stubFor(post("/place-order").willReturn(okJson("{\"order_id\": 1}")));
        ActionOutcome outcome = call(definition("""
                {"handler": "{{BASE}}/place-order", "output_type": "OrderResult",
                 "headers": [{"name": "X-Handler-Secret", "value_from_env": "HANDLER_SECRET"},
                             {"name": "X-Source", "value": "joinery"},
                             {"name": "Authorization", "value": "Bearer {{TOKEN}}"}]}
                """), CLIENT_HEADERS);

        assertThat(outcome).isInstanceOf(ActionOutcome.Responded.class);
        handler.verify(1, postRequestedFor(urlEqualTo("/place-order"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("User-Agent", equalTo(JoineryVersion.userAgent()))
                .withHeader("X-Handler-Secret", equalTo("s3cret"))
                .withHeader("X-Source", equalTo("joinery"))
                .withHeader("Authorization", equalTo("Bearer t0k"))
                // forwarding is off: nothing of the client's goes along, session variables never as headers
                .withHeader("Cookie", absent())
                .withHeader("X-Forwarded-Host", absent())
                .withHeader("X-Hasura-Role", absent())
                .withHeader("X-Hasura-User-Id", absent())
                .withRequestBody(equalToJson("""
                        {"action": {"name": "place_order"}, "input": {"author_id": 7, "note": null},
                         "session_variables": {"x-hasura-role": "user", "x-hasura-user-id": "42"},
                         "request_query": "mutation { place_order(author_id: 7, note: null) { order_id } }"}
                        """)));
        LoggedRequest request = handler.getAllServeEvents().get(0).getRequest();
        assertThat(request.getBodyAsString()).isEqualTo(Json.write(payload().toJson()));
        assertThat(request.getHeader("Content-Length"))
                .isEqualTo(String.valueOf(request.getBodyAsString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
        assertThat(request.getHeader("User-Agent")).startsWith("joinery/");
    }

    @Test
    void forwardsClientHeaders_filtered_configuredWinOnClash() {
        handler.stubFor(post("/place-order").willReturn(okJson("{\"order_id\": 1}")));
        ActionOutcome outcome = call(definition("""
                {"handler": "{{BASE}}/place-order", "output_type": "OrderResult", "forward_client_headers": true,
                 "headers": [{"name": "X-Source", "value": "joinery"}]}
                """), CLIENT_HEADERS);

        handler.verify(1, postRequestedFor(urlEqualTo("/place-order"))
                .withHeader("Authorization", equalTo("Bearer client"))
                .withHeader("Cookie", equalTo("sid=1"))
                .withHeader("X-Source", equalTo("joinery"))
                .withHeader("X-Forwarded-Host", equalTo("child:8081"))
                .withHeader("X-Forwarded-User-Agent", equalTo("curl/8"))
                .withHeader("X-Forwarded-Origin", equalTo("https://app"))
                .withHeader("User-Agent", equalTo(JoineryVersion.userAgent()))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Origin", absent())
                .withHeader("X-Hasura-Role", absent())
                .withHeader("X-Hasura-User-Id", absent()));
        LoggedRequest request = handler.getAllServeEvents().get(0).getRequest();
        assertThat(request.getHeaders().getHeader("X-Source").values()).containsExactly("joinery");
        assertThat(request.getHeader("Accept")).isNotEqualTo("text/x-client");
        assertThat(request.containsHeader("Accept-Language")).isFalse();
        assertThat(request.getHeader("Content-Length")).isNotEqualTo("999");
        assertThat(request.getHeader("Host")).isNotEqualTo("child:8081");

        // what error reports show: configured as configured, then the forwarded ones not replaced
        assertThat(outcome.request().headers()).containsExactly(ActionHeader.literal("X-Source", "joinery"),
                ActionHeader.literal("Authorization", "Bearer client"), ActionHeader.literal("Cookie", "sid=1"),
                ActionHeader.literal("X-Forwarded-Host", "child:8081"),
                ActionHeader.literal("X-Forwarded-User-Agent", "curl/8"),
                ActionHeader.literal("X-Forwarded-Origin", "https://app"));
    }

    @Test
    void sentRequest_keepsTheTemplateUrl_andEnvHeaderNames() {
        handler.stubFor(post("/place-order").willReturn(okJson("{}")));
        ActionOutcome outcome = call(definition("""
                {"handler": "{{BASE}}/place-order", "output_type": "OrderResult",
                 "headers": [{"name": "X-Handler-Secret", "value_from_env": "HANDLER_SECRET"}]}
                """), List.of());
        assertThat(Json.write(outcome.request().toReport())).isEqualTo("{\"url\":\"{{BASE}}/place-order\",\"body\":"
                + Json.write(payload().toJson()) + ",\"headers\":[{\"name\":\"X-Handler-Secret\",\"value_from_env\":"
                + "\"HANDLER_SECRET\"}],\"transformed_request\":null}");
        assertThat(Json.write(outcome.request().toReport())).doesNotContain("s3cret");
    }

    @Test
    void capturesStatusBodyHeadersAndEverySetCookie() {
        handler.stubFor(post("/place-order").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("Set-Cookie", "session=abc; Path=/; HttpOnly", "theme=dark")
                .withHeader("X-Other", "o")
                .withBody("{\"order_id\": 1}")));
        ActionOutcome.Responded outcome = (ActionOutcome.Responded) call(
                definition("{\"handler\": \"{{BASE}}/place-order\", \"output_type\": \"OrderResult\"}"), List.of());
        assertThat(outcome.status()).isEqualTo(201);
        assertThat(outcome.body()).isEqualTo("{\"order_id\": 1}");
        assertThat(outcome.setCookies()).containsExactly("session=abc; Path=/; HttpOnly", "theme=dark");
        assertThat(outcome.headers()).contains(Map.entry("X-Other", "o"), Map.entry("Content-Type", "application/json"));
    }

    @Test
    void pooledClient_servesConcurrentCalls() {
        handler.stubFor(post("/place-order").willReturn(okJson("{\"order_id\": 1}").withFixedDelay(200)));
        ActionCall call = new ActionCall(
                definition("{\"handler\": \"{{BASE}}/place-order\", \"output_type\": \"OrderResult\"}"), payload(), List.of());
        List<ActionOutcome> outcomes = reactor.core.publisher.Flux.range(0, 4).flatMap(i -> client.call(call), 4)
                .collectList().block(Duration.ofSeconds(30));
        assertThat(outcomes).hasSize(4).allSatisfy(o -> assertThat(((ActionOutcome.Responded) o).status()).isEqualTo(200));
        handler.verify(4, postRequestedFor(urlEqualTo("/place-order")));
    }

    @Test
    void neverFailsOnHttpStatus() {
        handler.stubFor(post("/place-order").willReturn(aResponse().withStatus(503).withBody("busy")));
        ActionOutcome.Responded outcome = (ActionOutcome.Responded) call(
                definition("{\"handler\": \"{{BASE}}/place-order\", \"output_type\": \"OrderResult\"}"), List.of());
        assertThat(outcome.status()).isEqualTo(503);
        assertThat(outcome.body()).isEqualTo("busy");
    }

    @Test
    void unsetEnvironmentVariable_isANotFoundError_andNothingIsSent() {
        var call = client.call(new ActionCall(
                definition("{\"handler\": \"{{NOT_SET}}/x\", \"output_type\": \"Int\"}"), payload(), List.of()));
        assertThatThrownBy(() -> call.block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("environment variable 'NOT_SET' not set");
                });
        assertThat(handler.getAllServeEvents()).isEmpty();
    }
}
