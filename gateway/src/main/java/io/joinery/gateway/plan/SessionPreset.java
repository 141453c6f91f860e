package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLNamedType;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A session variable an upstream request of the plan carries as a GraphQL variable, because a
 * remote schema permission presets an argument with it (SPEC §10.4): `$x_hasura_user_id: Int!`.
 * The plan holds which; the value is read from each request's session ({@link #values}).
 *
 * @param variable the session variable, lower case (`x-hasura-user-id`)
 * @param type the named scalar or enum of the preset position, in the remote's own names
 */
public record SessionPreset(String variable, GraphQLInputType type) {

    /** The upstream variable type: the named type, non-null (a preset is always sent). */
    String typeText() {
        return ((GraphQLNamedType) type).getName() + "!";
    }

    /**
     * The values of {@code presets} (upstream variable name → preset) in {@code session}, coerced
     * as Hasura does: `Int`, `Float`, `Boolean` parsed, an enum checked against its values, any
     * other scalar sent as the string.
     *
     * @throws JoineryException `not-found` for a missing session variable, `coercion-error` for a
     *     value that is not of the type
     */
    public static ObjectNode values(Map<String, SessionPreset> presets, SessionVariables session) {
        ObjectNode out = Json.object();
        presets.forEach((name, preset) -> out.set(name, preset.value(session)));
        return out;
    }

    JsonNode value(SessionVariables session) {
        String text = session.values().get(variable);
        if (text == null) {
            throw new JoineryException(ErrorCode.NOT_FOUND, "\"" + variable + "\" session variable expected, but not found",
                    ErrorPath.root());
        }
        JsonNodeFactory nodes = Json.MAPPER.getNodeFactory();
        String typeName = ((GraphQLNamedType) type).getName();
        if (type instanceof GraphQLEnumType enumType) {
            if (!JoinLiteral.isName(text)) {
                throw coercion("\"" + text + "\" is not a valid GraphQL name");
            }
            if (enumType.getValue(text) == null) {
                throw coercion("\"" + text + "\" is not one of the valid enum values");
            }
            return nodes.textNode(text);
        }
        switch (typeName) {
            case "Int":
                try {
                    return nodes.numberNode(Integer.parseInt(text.trim()));
                } catch (NumberFormatException e) {
                    throw coercion("\"" + text + "\" cannot be coerced into an Int value");
                }
            case "Float":
                try {
                    BigDecimal number = new BigDecimal(text.trim());
                    if (number.precision() > 1000 || Math.abs(number.scale()) > 10_000) {
                        throw new NumberFormatException("too large");
                    }
                    return nodes.numberNode(number);
                } catch (NumberFormatException e) {
                    throw coercion("\"" + text + "\" cannot be coerced into a Float value");
                }
            case "Boolean":
                if (text.equals("true") || text.equals("false")) {
                    return nodes.booleanNode(text.equals("true"));
                }
                throw coercion("\"" + text + "\" cannot be coerced into a Boolean value");
            default:
                return nodes.textNode(text);
        }
    }

    private static JoineryException coercion(String message) {
        return new JoineryException(ErrorCode.COERCION_ERROR, message, ErrorPath.root());
    }
}
