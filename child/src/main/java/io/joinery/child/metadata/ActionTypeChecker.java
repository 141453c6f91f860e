package io.joinery.child.metadata;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks an action's types against the custom types (SPEC §3.2), with Hasura's messages:
 * arguments must be scalars (built-in, custom or Postgres), enums or input objects; the output
 * type must be a custom object type or a scalar, or a list of one.
 */
public final class ActionTypeChecker {
    private final CustomTypes types;
    private final Predicate<String> isPostgresScalar;

    public ActionTypeChecker(CustomTypes types, Predicate<String> isPostgresScalar) {
        this.types = types;
        this.isPostgresScalar = isPostgresScalar;
    }

    /** The first problem, or empty when the action's types all exist and fit. */
    public Optional<String> problem(ActionDef.Definition definition) {
        for (ActionDef.Argument argument : definition.arguments()) {
            String base = argument.type().baseName();
            boolean isInput = isScalar(base) || types.enumType(base).isPresent() || types.inputObject(base).isPresent();
            if (!isInput) {
                return Optional.of("the type: \"" + base
                        + "\" is not defined in custom types or it is not a scalar/enum/input_object");
            }
        }
        String output = definition.outputType().baseName();
        if (!isScalar(output) && types.object(output).isEmpty()) {
            return Optional.of("the type: \"" + output + "\" is not an object or scalar type defined in custom types");
        }
        return Optional.empty();
    }

    private boolean isScalar(String name) {
        return CustomTypes.isBuiltInScalar(name) || types.isCustomScalar(name) || isPostgresScalar.test(name);
    }
}
