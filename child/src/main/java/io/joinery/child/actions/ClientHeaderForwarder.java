package io.joinery.child.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which client request headers go to a handler when `forward_client_headers` is on (SPEC §3.4):
 * all but a fixed list and `X-Hasura-*`, plus `X-Forwarded-Host`, `X-Forwarded-User-Agent` and
 * `X-Forwarded-Origin` carrying the client's `Host`, `User-Agent` and `Origin`.
 */
public final class ClientHeaderForwarder {
    private static final Set<String> NOT_FORWARDED = Set.of("content-length", "content-md5", "user-agent", "host",
            "origin", "referer", "accept", "accept-encoding", "accept-language", "accept-datetime", "cache-control",
            "connection", "dnt", "content-type");
    private static final Map<String, String> RENAMED = Map.of("host", "X-Forwarded-Host",
            "user-agent", "X-Forwarded-User-Agent", "origin", "X-Forwarded-Origin");

    private ClientHeaderForwarder() {}

    /** The headers to send, in the client's order, then the `X-Forwarded-*` ones. */
    public static List<Map.Entry<String, String>> forward(List<Map.Entry<String, String>> clientHeaders) {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        List<Map.Entry<String, String>> renamed = new ArrayList<>();
        for (Map.Entry<String, String> header : clientHeaders) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (RENAMED.containsKey(lower)) {
                renamed.add(Map.entry(RENAMED.get(lower), header.getValue()));
            }
            if (!NOT_FORWARDED.contains(lower) && !lower.startsWith("x-hasura-")) {
                kept.add(Map.entry(header.getKey(), header.getValue()));
            }
        }
        kept.addAll(renamed);
        return List.copyOf(kept);
    }
}
