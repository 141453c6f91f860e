package io.joinery.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON path into JWT claims, as Hasura's `claims_namespace_path` and `claims_map` paths write
 * it: `$` (the whole object), `$.hasura.claims`, `$['https://example.com/claims']`, `$.roles[0]`,
 * and `$.["https://example.com/claims"].user.id` (a dot before a bracket, as Hasura's docs write it).
 * Segments are object keys (String) or array indexes (Integer).
 */
public record ClaimsPath(String text, List<Object> segments) {

    public ClaimsPath {
        segments = List.copyOf(segments);
    }

    /**
     * @throws IllegalArgumentException naming the position of the first thing that is not a path
     */
    public static ClaimsPath parse(String text) {
        String path = text.trim();
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with '$': " + text);
        }
        List<Object> segments = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.' && i + 1 < path.length() && path.charAt(i + 1) == '[') {
                i++; // `$.["key"]`, the form Hasura's own examples use
            } else if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw new IllegalArgumentException("empty key at position " + i + " of " + text);
                }
                segments.add(path.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = closingBracket(path, i, text);
                String inside = path.substring(i + 1, close).trim();
                if (inside.length() >= 2 && (inside.startsWith("'") && inside.endsWith("'")
                        || inside.startsWith("\"") && inside.endsWith("\""))) {
                    segments.add(inside.substring(1, inside.length() - 1));
                } else {
                    try {
                        segments.add(Integer.parseInt(inside));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected a quoted key or an index at position " + i
                                + " of " + text);
                    }
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' at position " + i + " of " + text);
            }
        }
        return new ClaimsPath(text, segments);
    }

    private static int closingBracket(String path, int open, String text) {
        char quote = 0;
        for (int j = open + 1; j < path.length(); j++) {
            char c = path.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ']') {
                return j;
            }
        }
        throw new IllegalArgumentException("unclosed '[' at position " + open + " of " + text);
    }

    /** The value at this path, if every step exists (a JSON null counts as absent). */
    public Optional<JsonNode> find(JsonNode root) {
        JsonNode current = root;
        for (Object segment : segments) {
            if (current == null) {
                return Optional.empty();
            }
            current = segment instanceof Integer index ? current.get(index) : current.get((String) segment);
        }
        return current == null || current.isNull() || current.isMissingNode()
                ? Optional.empty() : Optional.of(current);
    }

    @Override
    public String toString() {
        return text;
    }
}
