package io.joinery.gateway.schema;

import graphql.language.Value;
import graphql.schema.GraphQLInputType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value an `@preset` gives an argument for one role (SPEC §10.4), checked against the
 * argument's type in the remote's ORIGINAL names when the permission was added. It is written into
 * every upstream request that uses the field: static parts as literals, session variables as
 * variables whose values come from the request's session.
 *
 * <pre>
 * user(id: Int! @preset(value: "x-hasura-user-id"))           → Session("x-hasura-user-id", Int)
 * user(tag: String @preset(value: "x-hasura-x", static: true)) → Static("x-hasura-x", String)
 * search(where: Where @preset(value: {owner: "x-hasura-user-id", open: true}))
 *   → Fields{owner: Session(..., String), open: Static(true, Boolean)}
 * </pre>
 */
public sealed interface PresetValue {

    /** Whether a session variable appears in it (its value then depends on the request). */
    boolean hasSession();

    /** A literal, written as is (through the plan's checked literal writer) at type {@code type}. */
    record Static(Value<?> value, GraphQLInputType type) implements PresetValue {
        @Override
        public boolean hasSession() {
            return false;
        }
    }

    /**
     * The value of session variable {@code variable} (lower case), coerced at run time to the named
     * scalar or enum {@code type}.
     */
    record Session(String variable, GraphQLInputType type) implements PresetValue {
        @Override
        public boolean hasSession() {
            return true;
        }
    }

    /** An input object some of whose fields are session variables. */
    record Fields(Map<String, PresetValue> fields) implements PresetValue {
        public Fields {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public boolean hasSession() {
            return fields.values().stream().anyMatch(PresetValue::hasSession);
        }
    }

    /** A list some of whose elements hold session variables. */
    record Elements(List<PresetValue> elements) implements PresetValue {
        public Elements {
            elements = List.copyOf(elements);
        }

        @Override
        public boolean hasSession() {
            return elements.stream().anyMatch(PresetValue::hasSession);
        }
    }
}
