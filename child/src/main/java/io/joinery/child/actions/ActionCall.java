package io.joinery.child.actions;

import io.joinery.child.metadata.ActionDef;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One handler call to make: the action's definition (handler, headers, forwarding, timeout), the
 * body, and the client's request headers (used only when `forward_client_headers` is on).
 */
public record ActionCall(ActionDef.Definition definition, ActionPayload payload,
                         List<Map.Entry<String, String>> clientHeaders) {
    public ActionCall {
        if (definition == null || payload == null || clientHeaders == null) {
            throw new IllegalArgumentException("definition, payload and client headers are required");
        }
        clientHeaders = clientHeaders.stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    public Duration timeout() {
        return Duration.ofSeconds(definition.timeoutSeconds());
    }
}
