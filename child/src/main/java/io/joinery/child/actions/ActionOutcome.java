package io.joinery.child.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.metadata.ActionHeader;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.Map;

/**
 * What one handler call produced: a response with any status ({@link Responded}) or a transport
 * failure or timeout ({@link Failed}). Either way it carries {@link SentRequest}, what error
 * reports show as `internal.request`. {@link ActionResponseInterpreter} decides what it means.
 */
public sealed interface ActionOutcome permits ActionOutcome.Responded, ActionOutcome.Failed {

    SentRequest request();

    /** The handler answered: status, body text as received, and every response header in order. */
    record Responded(SentRequest request, int status, String body, List<Map.Entry<String, String>> headers)
            implements ActionOutcome {
        public Responded {
            headers = headers.stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        }

        /** Every `Set-Cookie` value, in order: copied to the client's response (SPEC §3.4). */
        public List<String> setCookies() {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase("Set-Cookie")).map(Map.Entry::getValue)
                    .toList();
        }

        /** `internal.response`: `{"status", "body": <JSON or the raw text as a string>, "headers": [...]}`. */
        public ObjectNode toReport(JsonNode parsedBody) {
            ObjectNode node = Json.object();
            node.put("status", status);
            if (parsedBody != null) {
                node.set("body", parsedBody);
            } else {
                node.put("body", body);
            }
            ArrayNode list = node.putArray("headers");
            headers.forEach(h -> list.add(Json.object().put("name", h.getKey()).put("value", h.getValue())));
            return node;
        }
    }

    /**
     * No usable response: `message` is Hasura's text for the failure (`Response timeout`,
     * `Connection failure`, or the transport's own message).
     */
    record Failed(SentRequest request, String message) implements ActionOutcome {}

    /**
     * What was sent, for error reports: the handler as configured (templates NOT expanded), the
     * body, and the configured headers as configured (`value_from_env` names the variable, never
     * its value) followed by the forwarded client headers.
     */
    record SentRequest(String url, ObjectNode body, List<ActionHeader> headers) {
        public SentRequest {
            body = body.deepCopy();
            headers = List.copyOf(headers);
        }

        /** `internal.request`: `{"url", "body", "headers", "transformed_request": null}`. */
        public ObjectNode toReport() {
            ObjectNode node = Json.object();
            node.put("url", url);
            node.set("body", body.deepCopy());
            ArrayNode list = node.putArray("headers");
            headers.forEach(h -> list.add(h.toJson()));
            node.putNull("transformed_request");
            return node;
        }
    }
}
