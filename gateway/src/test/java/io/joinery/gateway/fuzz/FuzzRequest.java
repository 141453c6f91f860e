package io.joinery.gateway.fuzz;

import java.util.List;
import java.util.Map;

/**
 * One generated request: which tier, method and path, the headers (in order, a name may repeat)
 * and the body as sent (null: none). {@link #toString} is what a failure report shows.
 */
record FuzzRequest(Tier tier, String method, String path, List<Map.Entry<String, String>> headers, String body) {
    enum Tier { CHILD, GATEWAY }

    FuzzRequest {
        headers = List.copyOf(headers);
    }

    @Override
    public String toString() {
        String shown = body == null ? "(no body)" : body.length() <= 2000 ? body
                : body.substring(0, 2000) + "... (" + body.length() + " chars)";
        return tier + " " + method + " " + path + " " + headers + "\n" + shown;
    }
}
