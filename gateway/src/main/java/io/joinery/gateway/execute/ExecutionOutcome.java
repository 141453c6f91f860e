package io.joinery.gateway.execute;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The client's response body `{data, errors?}` and the remotes' `Set-Cookie` headers to pass on. */
public record ExecutionOutcome(ObjectNode body, List<String> setCookies) {
    public ExecutionOutcome {
        setCookies = List.copyOf(setCookies);
    }
}
