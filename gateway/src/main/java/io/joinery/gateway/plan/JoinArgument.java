package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value in the arguments of a join's last path field (SPEC §5.2, §5.3 step 3): what the
 * template sets, what the client sets, or both merged (objects key by key, lists client-first).
 *
 * <pre>
 * template {"where": {"id": {"eq": "$id"}}}  +  client where: {name: {eq: $n}}
 *   → Field(where, Fields[Field(id, Template({"eq": "$id"})), Field(name, Client("{eq: $n}"))])
 *   → where: {id: {eq: 7}, name: {eq: $n}}
 * </pre>
 */
public sealed interface JoinArgument {

    /**
     * A template value (`"$x"` stands for lhs field x, filled per tuple), at {@code pointer} in
     * the template (`level/argument/key…`, see {@link RemoteFieldTemplate#valueTypes}).
     */
    record Template(JsonNode value, String pointer) implements JoinArgument {}

    /** A client value as written upstream; the client variables in it are forwarded. */
    record Client(String text) implements JoinArgument {}

    /** An input object both set: the template's keys (merged where the client sets them too), then the client's. */
    record Fields(List<Field> fields) implements JoinArgument {
        public Fields {
            fields = List.copyOf(fields);
        }
    }

    /** One named argument, or one key of an input object. */
    record Field(String name, JoinArgument value) {}

    /** A list both set: the client's elements, then the template's. */
    record Elements(List<JoinArgument> elements) implements JoinArgument {
        public Elements {
            elements = List.copyOf(elements);
        }
    }

    /**
     * A client variable where the template sets part of the value: its value (or
     * {@code defaultValue}) is merged with {@code template} when the request is written, and what
     * it adds travels in generated variables typed by {@code positionTypes} (see
     * {@link io.joinery.gateway.schema.RelationshipArguments#positionTypes}).
     */
    record Variable(String name, JsonNode defaultValue, JsonNode template, String pointer,
                    Map<String, String> positionTypes) implements JoinArgument {
        public Variable {
            positionTypes = Collections.unmodifiableMap(new LinkedHashMap<>(positionTypes));
        }
    }
}
