package io.joinery.gateway.remote;

import io.joinery.core.http.SessionVariables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The headers of an upstream request (SPEC §4.4, §9.1): `Content-Type`, `User-Agent`, then forwarded
 * client headers (when enabled, filtered as SPEC §3.4), the RESOLVED session (`x-hasura-role` and
 * every session variable), configured headers. Later sources win on a name clash: configured >
 * session variables > forwarded.
 *
 * <p>No client `x-hasura-*` header is ever forwarded as such: the session is what the front door
 * resolved (in JWT and webhook mode, from the token or the hook, never from client headers), and
 * the admin secret the client sent is a credential, not a session variable. A remote that needs a
 * secret (the child's admin secret) gets it from its configured headers.
 */
public final class RemoteHeaders {
    private static final Set<String> NOT_FORWARDED = Set.of("content-length", "content-md5", "user-agent", "host",
            "origin", "referer", "accept", "accept-encoding", "accept-language", "accept-datetime",
            "cache-control", "connection", "dnt", "content-type", "transfer-encoding");

    private RemoteHeaders() {}

    /**
     * @param configured resolved configured headers, in order
     * @param clientHeaders the client's request headers (name, value), or an empty list
     */
    public static Map<String, String> build(String userAgent, List<Map.Entry<String, String>> configured,
                                            SessionVariables session, boolean forwardClientHeaders,
                                            List<Map.Entry<String, String>> clientHeaders) {
        Map<String, Map.Entry<String, String>> byLowerName = new LinkedHashMap<>();
        put(byLowerName, "Content-Type", "application/json");
        put(byLowerName, "User-Agent", userAgent);
        if (forwardClientHeaders) {
            for (Map.Entry<String, String> header : clientHeaders) {
                String lower = header.getKey().toLowerCase(Locale.ROOT);
                if (!NOT_FORWARDED.contains(lower) && !lower.startsWith("x-hasura-")) {
                    put(byLowerName, header.getKey(), header.getValue());
                }
            }
            forwardAs(byLowerName, clientHeaders, "host", "X-Forwarded-Host");
            forwardAs(byLowerName, clientHeaders, "user-agent", "X-Forwarded-User-Agent");
            forwardAs(byLowerName, clientHeaders, "origin", "X-Forwarded-Origin");
        }
        session.values().forEach((name, value) -> put(byLowerName, name, value));
        configured.forEach(h -> put(byLowerName, h.getKey(), h.getValue()));
        Map<String, String> out = new LinkedHashMap<>();
        byLowerName.values().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static void forwardAs(Map<String, Map.Entry<String, String>> headers,
                                  List<Map.Entry<String, String>> client, String from, String to) {
        for (Map.Entry<String, String> header : client) {
            if (header.getKey().equalsIgnoreCase(from)) {
                put(headers, to, header.getValue());
                return;
            }
        }
    }

    private static void put(Map<String, Map.Entry<String, String>> headers, String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), Map.entry(name, value));
    }
}
