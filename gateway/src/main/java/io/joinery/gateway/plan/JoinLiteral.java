package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.joinery.core.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes one value of a join request (an lhs value read from an upstream answer, or a literal of
 * the template) as a GraphQL literal that cannot add syntax to the request (SPEC §11.2), at a
 * position whose type in the target's schema is {@code type} (original names; null: unknown).
 *
 * <ul>
 *   <li>strings are escaped as the GraphQL spec says: `"`, `\` and control characters, and a lone
 *       surrogate (no Unicode scalar value) becomes U+FFFD;</li>
 *   <li>numbers, booleans and null are JSON's tokens, which are GraphQL's;</li>
 *   <li>where the target expects an enum, the value must be a string naming a member of that enum
 *       (so also a GraphQL Name) and is written bare;</li>
 *   <li>an object's keys must be fields of the target's input object type there, or GraphQL
 *       Names where the type is a custom scalar or unknown;</li>
 *   <li>a list's elements are written at the list's element type (a single value for a list type
 *       at the element type: input coercion). Other type mismatches are left to the target.</li>
 * </ul>
 * What fails a check is {@link Refused}: the caller fails that tuple's join, and nothing is sent
 * for it.
 *
 * <pre>
 * "A) __typename evil: deleteAll(x: 1"  at  Priority   → Refused (not a value of enum "Priority")
 * "A) __typename evil: deleteAll(x: 1"  at  String     → "A) __typename evil: deleteAll(x: 1"
 * </pre>
 */
final class JoinLiteral {
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

    private JoinLiteral() {}

    /** A value that cannot be written at its position; the message says why, without the value. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Whether {@code text} is a GraphQL Name (`[_A-Za-z][_0-9A-Za-z]*`). */
    static boolean isName(String text) {
        return NAME.matcher(text).matches();
    }

    static String write(JsonNode value, GraphQLType type) {
        StringBuilder out = new StringBuilder();
        write(out, value, type);
        return out.toString();
    }

    /** Appends {@code value}; on {@link Refused}, {@code out} holds part of it. */
    static void write(StringBuilder out, JsonNode value, GraphQLType type) {
        GraphQLType bare = type == null ? null : GraphQLTypeUtil.unwrapNonNull(type);
        if (value.isNull()) {
            out.append("null");
        } else if (value.isArray()) {
            GraphQLType element = bare instanceof GraphQLList list ? list.getWrappedType() : bare;
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                write(out, value.get(i), element);
            }
            out.append(']');
        } else if (bare instanceof GraphQLList list) {
            write(out, value, list.getWrappedType());
        } else if (bare instanceof GraphQLEnumType enumType) {
            if (!value.isTextual() || !NAME.matcher(value.asText()).matches()
                    || enumType.getValue(value.asText()) == null) {
                throw new Refused("it is not a value of enum \"" + enumType.getName() + "\"");
            }
            out.append(value.asText());
        } else if (value.isObject()) {
            object(out, value, bare instanceof GraphQLInputObjectType input ? input : null);
        } else if (value.isTextual()) {
            string(out, value.asText());
        } else if (value.isInt() || value.isLong()) {
            out.append(value.longValue()); // the digits Json.write gives, without a generator per value
        } else if (value.isBoolean()) {
            out.append(value.booleanValue());
        } else if (value.isNumber()) {
            out.append(Json.write(value));
        } else {
            throw new Refused("it is not a JSON value");
        }
    }

    private static void object(StringBuilder out, JsonNode value, GraphQLInputObjectType input) {
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            GraphQLInputObjectField field = input == null ? null : input.getField(entry.getKey());
            if (input != null && field == null) {
                throw new Refused("it has a key that is not a field of input type \"" + input.getName() + "\"");
            }
            if (!NAME.matcher(entry.getKey()).matches()) {
                throw new Refused("it has a key that is not a GraphQL name");
            }
            out.append(first ? "" : ", ").append(entry.getKey()).append(": ");
            write(out, entry.getValue(), field == null ? null : field.getType());
            first = false;
        }
        out.append('}');
    }

    /** A GraphQL string value (spec §2.9.4): the quote, backslash and control characters escaped. */
    static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
