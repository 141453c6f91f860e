package io.joinery.child.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.metadata.ActionHeader;
import io.joinery.child.metadata.GraphqlTypeRef;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §3.5's order of checks and §3.7's error shapes, on hand-made outcomes. */
class ActionResponseInterpreterTest {
    private static final ActionResponseInterpreter INTERPRETER =
            new ActionResponseInterpreter(ActionOutputValidatorTest.TYPES);
    private static final GraphqlTypeRef ORDER = GraphqlTypeRef.parse("OrderResult");
    private static final ActionOutcome.SentRequest SENT = new ActionOutcome.SentRequest("{{BASE}}/place-order",
            Json.object().put("k", "v"), List.of(ActionHeader.fromEnv("X-Secret", "SECRET")));
    private static final String REQUEST = "{\"url\":\"{{BASE}}/place-order\",\"body\":{\"k\":\"v\"},"
            + "\"headers\":[{\"name\":\"X-Secret\",\"value_from_env\":\"SECRET\"}],\"transformed_request\":null}";

    private static ActionOutcome responded(int status, String body) {
        return new ActionOutcome.Responded(SENT, status, body, List.of(Map.entry("Content-Type", "application/json"),
                Map.entry("Set-Cookie", "a=1"), Map.entry("set-cookie", "b=2")));
    }

    private static String adminError(ActionResult result) {
        assertThat(result).isInstanceOf(ActionResult.Failure.class);
        return Json.write(((ActionResult.Failure) result).error().toGraphqlError(true));
    }

    private static String clientError(ActionResult result) {
        return Json.write(((ActionResult.Failure) result).error().toGraphqlError(false));
    }

    private static String response(int status, String body) {
        return "{\"status\":" + status + ",\"body\":" + body + ",\"headers\":[{\"name\":\"Content-Type\",\"value\":"
                + "\"application/json\"},{\"name\":\"Set-Cookie\",\"value\":\"a=1\"},{\"name\":\"set-cookie\",\"value\":\"b=2\"}]}";
    }

    @Test
    void success_returnsBodyAndCookies() {
        ActionResult result = INTERPRETER.interpret(responded(201, "{\"order_id\": 1, \"line\": {}}"), ORDER);
        assertThat(result).isInstanceOf(ActionResult.Success.class);
        assertThat(result.valueOrThrow().toString()).isEqualTo("{\"order_id\":1,\"line\":{}}");
        assertThat(result.setCookies()).containsExactly("a=1", "b=2");
    }

    @Test
    void successWithNullForNullableType() {
        JsonNode value = INTERPRETER.interpret(responded(200, "null"), ORDER).valueOrThrow();
        assertThat(value.isNull()).isTrue();
    }

    @Test
    void t_transportFailure() {
        ActionResult result = INTERPRETER.interpret(new ActionOutcome.Failed(SENT, "Response timeout"), ORDER);
        assertThat(adminError(result)).isEqualTo("{\"message\":\"http exception when calling webhook\",\"extensions\":"
                + "{\"path\":\"$\",\"code\":\"unexpected\",\"internal\":{\"error\":{\"type\":\"http_exception\","
                + "\"message\":\"Response timeout\"},\"request\":" + REQUEST + ",\"response\":null}}}");
        assertThat(clientError(result)).isEqualTo(
                "{\"message\":\"http exception when calling webhook\",\"extensions\":{\"path\":\"$\",\"code\":\"unexpected\"}}");
        assertThat(result.setCookies()).isEmpty();
    }

    @Test
    void j_notJson_anyStatus_rawBodyAsString() {
        for (int status : new int[] {200, 400, 500}) {
            ActionResult result = INTERPRETER.interpret(responded(status, "<html>oops</html>"), ORDER);
            String error = adminError(result);
            assertThat(error).startsWith("{\"message\":\"not a valid json response from webhook\",\"extensions\":"
                    + "{\"path\":\"$\",\"code\":\"unexpected\",\"internal\":{\"error\":\"invalid json: Unexpected character");
            assertThat(error).endsWith("\"request\":" + REQUEST + ",\"response\":"
                    + response(status, "\"<html>oops</html>\"") + "}}}");
            assertThat(result.setCookies()).containsExactly("a=1", "b=2");
        }
        assertThat(adminError(INTERPRETER.interpret(responded(200, ""), ORDER)))
                .contains("\"error\":\"invalid json: no content\"");
    }

    @Test
    void v_validationFailure() {
        ActionResult result = INTERPRETER.interpret(responded(200, "{\"author_id\": 7}"), ORDER);
        assertThat(adminError(result)).isEqualTo("{\"message\":\"field \\\"order_id\\\" expected in webhook response, but not found\","
                + "\"extensions\":{\"path\":\"$\",\"code\":\"unexpected\",\"internal\":{\"error\":\"unexpected response\","
                + "\"request\":" + REQUEST + ",\"response\":" + response(200, "{\"author_id\":7}") + "}}}");
    }

    @Test
    void c_withCode_withoutCode_withExtensions() {
        assertThat(clientError(INTERPRETER.interpret(responded(400, "{\"message\": \"out of stock\", \"code\": \"no-stock\"}"), ORDER)))
                .isEqualTo("{\"message\":\"out of stock\",\"extensions\":{\"path\":\"$\",\"code\":\"no-stock\"}}");
        assertThat(adminError(INTERPRETER.interpret(responded(404, "{\"message\": \"gone\"}"), ORDER)))
                .isEqualTo("{\"message\":\"gone\",\"extensions\":{\"path\":\"$\",\"code\":\"unexpected\"}}");
        assertThat(adminError(INTERPRETER.interpret(responded(422,
                "{\"message\": \"bad sku\", \"code\": \"ignored\", \"extensions\": {\"code\": \"bad-sku\", \"sku\": \"A-9\"}}"), ORDER)))
                .isEqualTo("{\"message\":\"bad sku\",\"extensions\":{\"code\":\"bad-sku\",\"sku\":\"A-9\"}}");
    }

    @Test
    void c_withoutStringMessage_isParseFailed() {
        ActionResult result = INTERPRETER.interpret(responded(400, "{\"error\": \"x\"}"), ORDER);
        assertThat(adminError(result)).isEqualTo("{\"message\":\"Error in $: key \\\"message\\\" not found\",\"extensions\":"
                + "{\"path\":\"$\",\"code\":\"parse-failed\",\"internal\":{\"error\":\"Error in $: key \\\"message\\\" not found\","
                + "\"request\":" + REQUEST + ",\"response\":" + response(400, "{\"error\":\"x\"}") + "}}}");
        assertThat(clientError(INTERPRETER.interpret(responded(400, "{\"message\": 5}"), ORDER))).isEqualTo(
                "{\"message\":\"Error in $.message: expected String, but encountered Number\",\"extensions\":{\"path\":\"$\",\"code\":\"parse-failed\"}}");
        assertThat(clientError(INTERPRETER.interpret(responded(400, "[1]"), ORDER))).isEqualTo(
                "{\"message\":\"Error in $: expected Object, but encountered Array\",\"extensions\":{\"path\":\"$\",\"code\":\"parse-failed\"}}");
    }

    @Test
    void s_otherStatuses() {
        for (int status : new int[] {101, 302, 500, 503}) {
            ActionResult result = INTERPRETER.interpret(responded(status, "{\"message\": \"down\"}"), ORDER);
            assertThat(adminError(result)).isEqualTo("{\"message\":\"internal error\",\"extensions\":{\"path\":\"$\","
                    + "\"code\":\"unexpected\",\"internal\":{\"error\":\"expecting 2xx or 4xx status code, but found " + status
                    + "\",\"request\":" + REQUEST + ",\"response\":" + response(status, "{\"message\":\"down\"}") + "}}}");
        }
    }

    @Test
    void valueOrThrow_throwsTheActionErrorAsJoineryException() {
        ActionResult result = INTERPRETER.interpret(responded(400, "{\"message\": \"out of stock\", \"code\": \"no-stock\"}"), ORDER);
        assertThatThrownBy(result::valueOrThrow).isInstanceOfSatisfying(ActionErrorException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("out of stock");
            assertThat(e.toApiError().code()).isEqualTo("no-stock");
            assertThat(Json.write(e.toApiError().toGraphqlError(false)))
                    .isEqualTo("{\"message\":\"out of stock\",\"extensions\":{\"path\":\"$\",\"code\":\"no-stock\"}}");
        });
    }

    @Test
    void metadataErrorForm_forAsyncActions() {
        ActionError error = ((ActionResult.Failure) INTERPRETER.interpret(
                new ActionOutcome.Failed(SENT, "Response timeout"), ORDER)).error();
        assertThat(Json.write(error.toMetadataError(false)))
                .isEqualTo("{\"path\":\"$\",\"error\":\"http exception when calling webhook\",\"code\":\"unexpected\"}");
        assertThat(Json.write(error.toMetadataError(true))).contains("\"internal\":{\"error\":{\"type\":\"http_exception\"");
        ActionError custom = ((ActionResult.Failure) INTERPRETER.interpret(responded(400,
                "{\"message\": \"bad\", \"extensions\": {\"code\": \"bad-sku\"}}"), ORDER)).error();
        assertThat(Json.write(custom.toMetadataError(true)))
                .isEqualTo("{\"path\":\"$\",\"error\":\"bad\",\"code\":\"bad-sku\"}");
    }
}
