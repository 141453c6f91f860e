package io.joinery.core.upstream;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Header lists of upstream requests and responses: immutable copies, made per call, so without a stream. */
final class Headers {
    private Headers() {}

    /** An unmodifiable copy of {@code headers}, each entry an immutable one ({@link Map#entry}). */
    @SuppressWarnings("unchecked")
    static List<Map.Entry<String, String>> copyOf(List<Map.Entry<String, String>> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        Map.Entry<String, String>[] copy = new Map.Entry[headers.size()];
        int i = 0;
        for (Map.Entry<String, String> header : headers) {
            copy[i++] = Map.entry(header.getKey(), header.getValue());
        }
        return Collections.unmodifiableList(Arrays.asList(copy));
    }
}
