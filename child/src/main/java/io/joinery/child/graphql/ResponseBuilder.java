package io.joinery.child.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.schema.RootField;
import io.joinery.core.http.GraphqlAnswer;
import io.joinery.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ONE place the child writes a GraphQL response: `{"data": {...}}` with every root field's
 * result key in selection order, and the `Set-Cookie` values of the handlers that ran (SPEC §3.4).
 *
 * <p>A field's value is either Postgres' JSON text, spliced as it is, or a JSON tree (an action's
 * answer, introspection, a constant, or a value cut out of a statement that answered several
 * fields). When one statement answered every root field, its text is the whole `data` object
 * ({@link #ofData}): the common case pays for no decoding at all.
 */
final class ResponseBuilder {
    private final List<RootField> roots;
    private final Map<RootField, String> texts = new IdentityHashMap<>();
    private final Map<RootField, JsonNode> trees = new IdentityHashMap<>();
    private final List<String> setCookies = new ArrayList<>();

    ResponseBuilder(List<RootField> roots) {
        this.roots = List.copyOf(roots);
    }

    private static final byte[] DATA_OPEN = "{\"data\":".getBytes(StandardCharsets.UTF_8);

    /**
     * `{"data": <dataJson>}`: the `data` object as one statement returned it, its UTF-8 bytes copied
     * once into the answer's, never decoded.
     */
    static GraphqlAnswer ofData(byte[] dataJson) {
        byte[] body = new byte[DATA_OPEN.length + dataJson.length + 1];
        System.arraycopy(DATA_OPEN, 0, body, 0, DATA_OPEN.length);
        System.arraycopy(dataJson, 0, body, DATA_OPEN.length, dataJson.length);
        body[body.length - 1] = '}';
        return GraphqlAnswer.ofBytes(body);
    }

    /** {@code field}'s value as Postgres' JSON text. */
    ResponseBuilder text(RootField field, String json) {
        texts.put(field, json);
        return this;
    }

    ResponseBuilder tree(RootField field, JsonNode value) {
        trees.put(field, value);
        return this;
    }

    /** The values of {@code fields}, read by result key from a `data` object one statement returned. */
    ResponseBuilder fromData(List<RootField> fields, ObjectNode data) {
        fields.forEach(field -> trees.put(field, data.get(field.resultKey())));
        return this;
    }

    ResponseBuilder setCookies(List<String> values) {
        setCookies.addAll(values);
        return this;
    }

    GraphqlAnswer build() {
        StringBuilder body = new StringBuilder("{\"data\":{");
        for (int i = 0; i < roots.size(); i++) {
            RootField field = roots.get(i);
            String text = texts.containsKey(field) ? texts.get(field) : tree(field);
            body.append(i == 0 ? "" : ",").append(Json.write(field.resultKey())).append(':').append(text);
        }
        return new GraphqlAnswer(body.append("}}").toString(), setCookies);
    }

    private String tree(RootField field) {
        if (!trees.containsKey(field)) {
            throw new IllegalStateException("no value for root field " + field.resultKey());
        }
        return Json.write(trees.get(field));
    }
}
