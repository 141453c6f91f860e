package io.joinery.core.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A JSONPath into the request body, built while descending (`$.args[3].args.name`). Immutable;
 * {@link #key} and {@link #index} return new paths.
 */
public final class ErrorPath {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final ErrorPath ROOT = new ErrorPath(List.of());

    private final List<Object> segments;

    private ErrorPath(List<Object> segments) {
        this.segments = segments;
    }

    public static ErrorPath root() {
        return ROOT;
    }

    /** `$.args`, the path most metadata argument errors report. */
    public static ErrorPath args() {
        return ROOT.key("args");
    }

    public ErrorPath key(String key) {
        List<Object> next = new ArrayList<>(segments);
        next.add(key);
        return new ErrorPath(List.copyOf(next));
    }

    public ErrorPath index(int index) {
        List<Object> next = new ArrayList<>(segments);
        next.add(index);
        return new ErrorPath(List.copyOf(next));
    }

    /** This path with `prefix` in front: how `bulk` nests an element's error under `$.args[i]`. */
    public ErrorPath under(ErrorPath prefix) {
        List<Object> next = new ArrayList<>(prefix.segments);
        next.addAll(segments);
        return new ErrorPath(List.copyOf(next));
    }

    public List<Object> segments() {
        return segments;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("$");
        for (Object segment : segments) {
            if (segment instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else {
                String key = (String) segment;
                if (PLAIN_KEY.matcher(key).matches()) {
                    out.append('.').append(key);
                } else {
                    out.append("['").append(key.replace("'", "\\'")).append("']");
                }
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorPath other && other.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }
}
