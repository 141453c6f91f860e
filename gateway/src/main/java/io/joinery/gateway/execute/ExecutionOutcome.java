package io.joinery.gateway.execute;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's response body `{data, errors?}` and the remotes' `Set-Cookie` headers to pass on.
 * The body is either a tree (assembled by {@link ResponseMerger} and the joins) or already
 * written: a plain pass-through answer ({@link PassThroughWriter}) or one-level join
 * ({@link StreamedJoinWriter}) is copied as JSON bytes, never built as a tree; {@link #bytes()} is
 * what the client gets either way.
 */
public final class ExecutionOutcome {
    private final ObjectNode body;
    private final byte[] written;
    private final List<String> setCookies;

    public ExecutionOutcome(ObjectNode body, List<String> setCookies) {
        this(body, null, setCookies);
    }

    private ExecutionOutcome(ObjectNode body, byte[] written, List<String> setCookies) {
        this.body = body;
        this.written = written;
        this.setCookies = List.copyOf(setCookies);
    }

    /** An outcome whose body is already written ({@code json}: UTF-8) and has no errors. */
    static ExecutionOutcome written(byte[] json, List<String> setCookies) {
        return new ExecutionOutcome(null, json, setCookies);
    }

    /** The body as a tree; a written body is parsed again (tests and benchmarks look at it so). */
    public ObjectNode body() {
        if (body != null) {
            return body;
        }
        try {
            return (ObjectNode) Json.MAPPER.readTree(written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as the client gets it: UTF-8 JSON. */
    public byte[] bytes() {
        if (written != null) {
            return written;
        }
        // through the mapper as writeValueAsBytes does, into a buffer kept by the thread (one copy)
        AnswerBuffer out = AnswerBuffer.get();
        try {
            try (JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
                Json.MAPPER.writeValue(generator, body);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            out.release();
        }
    }

    /** The field errors of the body (SPEC §0.1), empty when it has none. */
    public List<JsonNode> errors() {
        JsonNode errors = body == null ? null : body.get("errors");
        List<JsonNode> out = new ArrayList<>(errors == null ? 0 : errors.size());
        if (errors != null) {
            errors.forEach(out::add);
        }
        return out;
    }

    public List<String> setCookies() {
        return setCookies;
    }
}
