package io.joinery.child.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.util.Map;

/**
 * The body POSTed to an action handler (SPEC §3.4):
 * <pre>
 * {"action": {"name": "place_order"}, "input": {"author_id": 7},
 *  "session_variables": {"x-hasura-role": "user"}, "request_query": "mutation { ... }"}
 * </pre>
 * `input` holds only the arguments the client supplied (an explicit `null` stays `null`);
 * `requestQuery` is null for asynchronous calls and is then sent as `null`.
 */
public record ActionPayload(String actionName, ObjectNode input, SessionVariables session, String requestQuery) {
    public ActionPayload {
        input = input.deepCopy();
    }

    /**
     * The `input` object from the supplied arguments, as graphql-java coerces them (maps, lists,
     * strings, numbers, booleans, nulls); arguments the client left out must not be in the map.
     */
    public static ObjectNode inputOf(Map<String, ?> suppliedArguments) {
        ObjectNode input = Json.object();
        suppliedArguments.forEach((name, value) -> input.set(name, toJson(value)));
        return input;
    }

    public ObjectNode toJson() {
        ObjectNode body = Json.object();
        body.putObject("action").put("name", actionName);
        body.set("input", input.deepCopy());
        body.set("session_variables", session.toJson());
        if (requestQuery == null) {
            body.putNull("request_query");
        } else {
            body.put("request_query", requestQuery);
        }
        return body;
    }

    private static JsonNode toJson(Object value) {
        return value instanceof JsonNode node ? node.deepCopy() : Json.valueToTree(value);
    }
}
