package io.joinery.child.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.metadata.CustomTypes;
import io.joinery.child.metadata.GraphqlTypeRef;
import io.joinery.core.json.Json;
import io.joinery.core.json.JsonKind;
import java.util.List;
import java.util.Optional;

/**
 * Turns a handler {@link ActionOutcome} into an {@link ActionResult} (SPEC §3.5, §3.7). The
 * checks run in this order:
 * <pre>
 *   T  transport failure or timeout      "http exception when calling webhook"
 *   J  body is not JSON (any status)     "not a valid json response from webhook"
 *   V  2xx, body does not fit the type   the validation message   (fits: success)
 *   C  4xx {"message", "code"?, "extensions"?}  the handler's message and code / extensions
 *   S  any other status                  "internal error"
 * </pre>
 * Every error except C carries `internal` = {error, request, response} for admins.
 */
public final class ActionResponseInterpreter {
    /** Keeps numbers as the handler wrote them (`1.0` stays `1.0`): values pass through uncoerced. */
    private static final ObjectReader BODY_READER =
            Json.MAPPER.reader().without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private final ActionOutputValidator validator;

    public ActionResponseInterpreter(CustomTypes types) {
        this.validator = new ActionOutputValidator(types);
    }

    public ActionResult interpret(ActionOutcome outcome, GraphqlTypeRef outputType) {
        if (outcome instanceof ActionOutcome.Failed failed) {
            ObjectNode error = Json.object().put("type", "http_exception").put("message", failed.message());
            return failure("http exception when calling webhook", internal(error, failed.request(), null), List.of());
        }
        ActionOutcome.Responded response = (ActionOutcome.Responded) outcome;
        List<String> cookies = response.setCookies();
        JsonNode body;
        try {
            body = parseBody(response.body());
        } catch (JsonProcessingException e) {
            return failure("not a valid json response from webhook",
                    internal(Json.MAPPER.getNodeFactory().textNode("invalid json: " + e.getOriginalMessage()),
                            response.request(), response.toReport(null)), cookies);
        }
        if (body == null || body.isMissingNode()) {
            return failure("not a valid json response from webhook",
                    internal(Json.MAPPER.getNodeFactory().textNode("invalid json: no content"),
                            response.request(), response.toReport(null)), cookies);
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            Optional<String> problem = validator.problem(body, outputType);
            if (problem.isPresent()) {
                return failure(problem.get(), internal(Json.MAPPER.getNodeFactory().textNode("unexpected response"),
                        response.request(), response.toReport(body)), cookies);
            }
            return new ActionResult.Success(body, cookies);
        }
        if (status >= 400 && status < 500) {
            return clientError(body, response, cookies);
        }
        return failure("internal error", internal(
                Json.MAPPER.getNodeFactory().textNode("expecting 2xx or 4xx status code, but found " + status),
                response.request(), response.toReport(body)), cookies);
    }

    /** A handler body as JSON, numbers kept exactly as written. */
    static JsonNode parseBody(String text) throws JsonProcessingException {
        return BODY_READER.readTree(text);
    }

    /** C: the handler's own error; a body without a string `message` is `parse-failed`. */
    private static ActionResult clientError(JsonNode body, ActionOutcome.Responded response, List<String> cookies) {
        String shapeProblem = null;
        if (!body.isObject()) {
            shapeProblem = "Error in $: expected Object, but encountered " + JsonKind.of(body).typeName();
        } else if (body.get("message") == null || body.get("message").isNull()) {
            shapeProblem = "Error in $: key \"message\" not found";
        } else if (!body.get("message").isTextual()) {
            shapeProblem = "Error in $.message: expected String, but encountered "
                    + JsonKind.of(body.get("message")).typeName();
        }
        if (shapeProblem != null) {
            return new ActionResult.Failure(new ActionError(shapeProblem, ActionError.standardExtensions("parse-failed"),
                    internal(Json.MAPPER.getNodeFactory().textNode(shapeProblem), response.request(),
                            response.toReport(body))), cookies);
        }
        String message = body.get("message").asText();
        JsonNode extensions = body.get("extensions");
        if (extensions != null && !extensions.isNull()) {
            return new ActionResult.Failure(new ActionError(message, extensions, null), cookies);
        }
        JsonNode code = body.get("code");
        String errorCode = code != null && code.isTextual() ? code.asText() : "unexpected";
        return new ActionResult.Failure(new ActionError(message, ActionError.standardExtensions(errorCode), null),
                cookies);
    }

    private static ActionResult failure(String message, ObjectNode internal, List<String> cookies) {
        return new ActionResult.Failure(new ActionError(message, ActionError.standardExtensions("unexpected"), internal),
                cookies);
    }

    private static ObjectNode internal(JsonNode error, ActionOutcome.SentRequest request, ObjectNode response) {
        ObjectNode internal = Json.object();
        internal.set("error", error);
        internal.set("request", request.toReport());
        if (response == null) {
            internal.putNull("response");
        } else {
            internal.set("response", response);
        }
        return internal;
    }
}
