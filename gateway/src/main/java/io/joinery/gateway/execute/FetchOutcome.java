package io.joinery.gateway.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What became of one upstream request: a GraphQL answer (data and/or errors) or a failure. */
public sealed interface FetchOutcome permits FetchOutcome.Answered, FetchOutcome.Failed {

    /** The remote answered GraphQL: {@code data} may be null; {@code errors} may be empty. */
    record Answered(ObjectNode data, ArrayNode errors, List<String> setCookies) implements FetchOutcome {
        public Answered {
            setCookies = List.copyOf(setCookies);
        }
    }

    /** Transport failure, timeout or an unusable answer; {@code internal} is for admins. */
    record Failed(String message, JsonNode internal) implements FetchOutcome {}
}
