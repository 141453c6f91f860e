package io.joinery.child.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.joinery.child.metadata.CustomTypes;
import io.joinery.child.metadata.CustomTypes.FieldDef;
import io.joinery.child.metadata.CustomTypes.ObjectDef;
import io.joinery.child.metadata.GraphqlTypeRef;
import java.util.Optional;

/**
 * Checks a 2xx handler body against the action's output type, with Hasura's exact messages
 * (SPEC §3.5). Types that are neither built-in scalars nor custom objects (custom and Postgres
 * scalars, enums) are passed through unchecked; of a list of them only the list structure is
 * checked. Of each object only its own declared non-null fields are checked, not nested objects.
 */
public final class ActionOutputValidator {
    private static final String RESPONSE = " for the action webhook response";

    private final CustomTypes types;

    public ActionOutputValidator(CustomTypes types) {
        this.types = types;
    }

    /** The validation message, or empty when the body fits. */
    public Optional<String> problem(JsonNode body, GraphqlTypeRef outputType) {
        return check(body == null || body.isMissingNode() ? NullNode.getInstance() : body, outputType);
    }

    private Optional<String> check(JsonNode value, GraphqlTypeRef type) {
        if (type instanceof GraphqlTypeRef.Named named && isPassthrough(named.name())) {
            return Optional.empty();
        }
        if (value.isNull()) {
            return type.isNonNull() ? Optional.of("got null" + RESPONSE) : Optional.empty();
        }
        if (type instanceof GraphqlTypeRef.ListOf list) {
            if (!value.isArray()) {
                return Optional.of("expecting array" + RESPONSE);
            }
            for (JsonNode element : value) {
                Optional<String> problem = check(element, list.element());
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        }
        String name = type.baseName();
        String expecting = ", expecting " + name;
        if (value.isNumber()) {
            // Hasura says "String" for numbers too
            return name.equals("Int") || name.equals("Float") ? Optional.empty()
                    : Optional.of("got scalar String" + RESPONSE + expecting);
        }
        if (value.isBoolean()) {
            return name.equals("Boolean") ? Optional.empty() : Optional.of("got scalar Boolean" + RESPONSE + expecting);
        }
        if (value.isTextual()) {
            return name.equals("String") || name.equals("ID") ? Optional.empty()
                    : Optional.of("got scalar String" + RESPONSE + expecting);
        }
        if (value.isArray()) {
            return Optional.of("got array" + RESPONSE + expecting);
        }
        if (CustomTypes.isBuiltInScalar(name)) {
            return Optional.of("got object" + RESPONSE + expecting);
        }
        return checkObject(value, types.object(name).orElseThrow());
    }

    private static Optional<String> checkObject(JsonNode value, ObjectDef object) {
        for (FieldDef field : object.fields()) {
            if (!field.type().isNonNull()) {
                continue;
            }
            JsonNode fieldValue = value.get(field.name());
            if (fieldValue == null) {
                return Optional.of("field \"" + field.name() + "\" expected in webhook response, but not found");
            }
            if (fieldValue.isNull()) {
                return Optional.of("expecting not null value for field \"" + field.name() + "\"");
            }
        }
        return Optional.empty();
    }

    /** Custom scalars, Postgres scalars and enums: the body is returned as it is. */
    private boolean isPassthrough(String name) {
        return !CustomTypes.isBuiltInScalar(name) && types.object(name).isEmpty();
    }
}
