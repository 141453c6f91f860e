package io.joinery.child.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ActionDefParser;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.upstream.UpstreamSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each failure mode of SPEC §3.7 end to end: a real handler call through the client, then interpretation. */
class ActionHandlerFailureTest {
    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ActionHandlerClient client = ActionHandlerClient.pooled(UpstreamSettings.DEFAULTS,
            Map.of("BASE", "http://127.0.0.1:" + handler.getPort())::get);
    private final ActionResponseInterpreter interpreter = new ActionResponseInterpreter(ActionOutputValidatorTest.TYPES);

    @AfterEach
    void closeConnections() {
        client.dispose();
    }

    private ActionResult run(String handlerUrl, int timeoutSeconds) {
        ActionDef.Definition definition = ActionDefParser.parseDefinition(Json.parseBody(
                "{\"handler\": \"" + handlerUrl + "\", \"output_type\": \"OrderResult\", \"timeout\": " + timeoutSeconds + "}"),
                ErrorPath.args());
        ActionPayload payload = new ActionPayload("place_order", Json.object().put("author_id", 7),
                SessionVariables.admin(), "mutation { place_order(author_id: 7) { order_id } }");
        ActionOutcome outcome = client.call(new ActionCall(definition, payload, List.of())).block(Duration.ofSeconds(30));
        return interpreter.interpret(outcome, definition.outputType());
    }

    private ActionResult run() {
        return run("{{BASE}}/place-order", 30);
    }

    private static JsonNode adminError(ActionResult result) {
        assertThat(result).isInstanceOf(ActionResult.Failure.class);
        return ((ActionResult.Failure) result).error().toGraphqlError(true);
    }

    @Test
    void success_validatedValue() {
        handler.stubFor(post("/place-order").willReturn(okJson("{\"order_id\": 1, \"line\": {\"sku\": \"A\"}}")));
        assertThat(run().valueOrThrow().toString()).isEqualTo("{\"order_id\":1,\"line\":{\"sku\":\"A\"}}");
    }

    @Test
    void c_4xxWithExtensions_passedExactly() {
        handler.stubFor(post("/place-order").willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"bad sku\", \"code\": \"ignored\", \"extensions\": {\"code\": \"bad-sku\", \"sku\": \"A-9\"}}")));
        assertThat(adminError(run()).toString())
                .isEqualTo("{\"message\":\"bad sku\",\"extensions\":{\"code\":\"bad-sku\",\"sku\":\"A-9\"}}");
    }

    @Test
    void c_4xxWithoutExtensions_codeOrUnexpected() {
        handler.stubFor(post("/place-order").willReturn(aResponse().withStatus(400)
                .withBody("{\"message\": \"out of stock\", \"code\": \"no-stock\"}")));
        assertThat(adminError(run()).toString())
                .isEqualTo("{\"message\":\"out of stock\",\"extensions\":{\"path\":\"$\",\"code\":\"no-stock\"}}");
        handler.stubFor(post("/place-order").willReturn(aResponse().withStatus(401).withBody("{\"message\": \"who?\"}")));
        assertThat(adminError(run()).toString())
                .isEqualTo("{\"message\":\"who?\",\"extensions\":{\"path\":\"$\",\"code\":\"unexpected\"}}");
    }

    @Test
    void c_4xxWithoutMessage_isParseFailed() {
        handler.stubFor(post("/place-order").willReturn(aResponse().withStatus(400).withBody("{\"error\": \"nope\"}")));
        JsonNode error = adminError(run());
        assertThat(error.get("message").asText()).isEqualTo("Error in $: key \"message\" not found");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("parse-failed");
        assertThat(error.at("/extensions/internal/response/status").asInt()).isEqualTo(400);
        assertThat(error.at("/extensions/internal/response/body").toString()).isEqualTo("{\"error\":\"nope\"}");
    }

    @Test
    void s_5xx_internalError() {
        handler.stubFor(post("/place-order").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"down\"}")));
        JsonNode error = adminError(run());
        assertThat(error.get("message").asText()).isEqualTo("internal error");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("unexpected");
        assertThat(error.at("/extensions/path").asText()).isEqualTo("$");
        assertThat(error.at("/extensions/internal/error").asText()).isEqualTo("expecting 2xx or 4xx status code, but found 503");
        assertThat(error.at("/extensions/internal/request/url").asText()).isEqualTo("{{BASE}}/place-order");
        assertThat(error.at("/extensions/internal/request/body/input").toString()).isEqualTo("{\"author_id\":7}");
        assertThat(error.at("/extensions/internal/request/transformed_request").isNull()).isTrue();
        assertThat(error.at("/extensions/internal/response/body").toString()).isEqualTo("{\"message\":\"down\"}");
        assertThat(error.at("/extensions/internal/response/headers").toString())
                .contains("{\"name\":\"Content-Type\",\"value\":\"application/json\"}");
        JsonNode nonAdmin = ((ActionResult.Failure) run()).error().toGraphqlError(false);
        assertThat(nonAdmin.toString())
                .isEqualTo("{\"message\":\"internal error\",\"extensions\":{\"path\":\"$\",\"code\":\"unexpected\"}}");
    }

    @Test
    void j_nonJsonBody() {
        handler.stubFor(post("/place-order").willReturn(aResponse().withStatus(200).withBody("Internal Server Error!")));
        JsonNode error = adminError(run());
        assertThat(error.get("message").asText()).isEqualTo("not a valid json response from webhook");
        assertThat(error.at("/extensions/internal/error").asText()).startsWith("invalid json: ");
        assertThat(error.at("/extensions/internal/response/body").asText()).isEqualTo("Internal Server Error!");
    }

    @Test
    void v_validationFailure() {
        handler.stubFor(post("/place-order").willReturn(okJson("{\"author_id\": 7}")));
        JsonNode error = adminError(run());
        assertThat(error.get("message").asText()).isEqualTo("field \"order_id\" expected in webhook response, but not found");
        assertThat(error.at("/extensions/internal/error").asText()).isEqualTo("unexpected response");
        assertThat(error.at("/extensions/internal/response/body").toString()).isEqualTo("{\"author_id\":7}");
    }

    @Test
    void t_connectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JsonNode error = adminError(run("http://127.0.0.1:" + closedPort + "/place-order", 30));
        assertThat(error.get("message").asText()).isEqualTo("http exception when calling webhook");
        assertThat(error.at("/extensions/internal/error").toString())
                .isEqualTo("{\"type\":\"http_exception\",\"message\":\"Connection failure\"}");
        assertThat(error.at("/extensions/internal/response").isNull()).isTrue();
    }

    @Test
    void t_timeout_afterTheActionTimeout() {
        handler.stubFor(post("/place-order").willReturn(okJson("{\"order_id\": 1}").withFixedDelay(3000)));
        long start = System.nanoTime();
        JsonNode error = adminError(run("{{BASE}}/place-order", 1));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(error.get("message").asText()).isEqualTo("http exception when calling webhook");
        assertThat(error.at("/extensions").toString()).startsWith("{\"path\":\"$\",\"code\":\"unexpected\",\"internal\":"
                + "{\"error\":{\"type\":\"http_exception\",\"message\":\"Response timeout\"},\"request\":{\"url\":\"{{BASE}}/place-order\"");
        assertThat(error.at("/extensions/internal/response").isNull()).isTrue();
        assertThat(elapsedMillis).isBetween(900L, 2900L);
    }
}
