package io.joinery.core.auth;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The request headers authentication reads: an immutable, ordered, case-insensitive multimap.
 * Names keep the client's spelling; lookups ignore case.
 */
public final class RequestHeaders {
    private static final RequestHeaders EMPTY = new RequestHeaders(List.of());

    private final List<Map.Entry<String, String>> entries;

    private RequestHeaders(List<Map.Entry<String, String>> entries) {
        this.entries = entries;
    }

    public static RequestHeaders empty() {
        return EMPTY;
    }

    /** From name/value pairs: {@code of("Authorization", "Bearer x", "X-Hasura-Role", "user")}. */
    public static RequestHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name/value pairs");
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            entries.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new RequestHeaders(List.copyOf(entries));
    }

    public static RequestHeaders of(List<Map.Entry<String, String>> entries) {
        List<Map.Entry<String, String>> copy = new ArrayList<>();
        entries.forEach(e -> copy.add(Map.entry(e.getKey(), e.getValue())));
        return new RequestHeaders(List.copyOf(copy));
    }

    /** The headers of a Reactor Netty request. */
    public static RequestHeaders from(HttpHeaders headers) {
        return of(headers.entries());
    }

    /** The first value of `name`, if any. */
    public Optional<String> get(String name) {
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every value of `name`, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                values.add(entry.getValue());
            }
        }
        return List.copyOf(values);
    }

    public boolean has(String name) {
        return get(name).isPresent();
    }

    /** All headers in order, names as the client spelled them. */
    public List<Map.Entry<String, String>> entries() {
        return entries;
    }

    /** The entries whose lower-cased name starts with `prefix` (lower-case). */
    public List<Map.Entry<String, String>> withPrefix(String prefix) {
        List<Map.Entry<String, String>> matching = new ArrayList<>();
        for (Map.Entry<String, String> entry : entries) {
            if (entry.getKey().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                matching.add(entry);
            }
        }
        return List.copyOf(matching);
    }

    @Override
    public String toString() {
        return "RequestHeaders" + entries.stream().map(Map.Entry::getKey).toList();
    }
}
