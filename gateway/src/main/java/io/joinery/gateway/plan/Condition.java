package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.OperationDefinition;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import java.util.ArrayList;
import java.util.List;

/**
 * One `@include(if: …)` / `@skip(if: …)` on the way to a locally answered root entry, evaluated
 * against the request's variables (plans hold no per-request values).
 */
public record Condition(boolean include, String variable, boolean value) {

    /** The conditions among {@code directives}; variable defaults come from {@code operation}. */
    static List<Condition> of(List<Directive> directives, OperationDefinition operation) {
        List<Condition> out = new ArrayList<>();
        for (Directive directive : directives) {
            boolean include = directive.getName().equals("include");
            if (!include && !directive.getName().equals("skip")) {
                continue;
            }
            Value<?> argument = directive.getArgument("if") == null ? null : directive.getArgument("if").getValue();
            if (argument instanceof BooleanValue literal) {
                out.add(new Condition(include, null, literal.isValue()));
            } else if (argument instanceof VariableReference reference) {
                out.add(new Condition(include, reference.getName(), defaultOf(reference.getName(), operation)));
            }
        }
        return out;
    }

    private static boolean defaultOf(String variable, OperationDefinition operation) {
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            if (definition.getName().equals(variable) && definition.getDefaultValue() instanceof BooleanValue b) {
                return b.isValue();
            }
        }
        return false;
    }

    public boolean passes(ObjectNode variables) {
        boolean flag = value;
        if (variable != null) {
            JsonNode given = variables.get(variable);
            flag = given != null && given.isBoolean() ? given.asBoolean() : value;
        }
        return include == flag;
    }

    public static boolean allPass(List<Condition> conditions, ObjectNode variables) {
        return conditions.stream().allMatch(c -> c.passes(variables));
    }
}
