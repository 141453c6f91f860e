package io.joinery.core.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.execution.RawVariables;
import graphql.execution.TypeFromAST;
import graphql.execution.ValuesResolver;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.Node;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the request's variables against the operation's declarations (Hasura's messages), lets
 * graphql-java coerce them, and builds the {@link ExecutableNormalizedOperation} the planners walk.
 */
final class OperationNormalizer {
    private OperationNormalizer() {}

    static ExecutableNormalizedOperation normalize(GraphQLSchema schema, PreparedOperation operation,
                                                   Map<String, Object> variables) {
        Map<String, Object> raw = variables == null ? Map.of() : variables;
        List<VariableDefinition> definitions = operation.operation().getVariableDefinitions();
        check(schema, definitions, raw, usedVariables(operation));
        CoercedVariables coerced;
        try {
            coerced = ValuesResolver.coerceVariableValues(schema, definitions, RawVariables.of(raw),
                    GraphQLContext.getDefault(), Locale.ENGLISH);
        } catch (RuntimeException e) {
            // our own check above accepts only what graphql-java accepts; this is a safety net
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, String.valueOf(e.getMessage()), ErrorPath.root());
        }
        try {
            return ExecutableNormalizedOperationFactory.createExecutableNormalizedOperation(schema,
                    operation.operation(), operation.fragments(), coerced,
                    ExecutableNormalizedOperationFactory.Options.defaultOptions()
                            .maxChildrenDepth(Integer.MAX_VALUE).maxFieldsCount(Integer.MAX_VALUE)
                            .locale(Locale.ENGLISH));
        } catch (RuntimeException e) {
            throw OperationPreparer.unexpected("the query could not be normalized", e);
        }
    }

    /**
     * Hasura's variable rules: a value sent for a variable the operation does not use is an error
     * (declaring a variable without using it is not); a non-null variable needs a value or a
     * default; a value must fit its declared type.
     */
    private static void check(GraphQLSchema schema, List<VariableDefinition> definitions, Map<String, Object> raw,
                              Set<String> used) {
        Set<String> unexpected = new TreeSet<>(raw.keySet());
        unexpected.removeAll(used);
        if (!unexpected.isEmpty()) {
            throw failure("unexpected variables in variableValues: " + String.join(", ", unexpected));
        }
        for (VariableDefinition definition : definitions) {
            GraphQLType type = TypeFromAST.getTypeFromAST(schema, definition.getType());
            if (!(type instanceof GraphQLInputType inputType)) {
                continue; // validation already rejected unknown and output types
            }
            String name = definition.getName();
            boolean given = raw.containsKey(name);
            if (!given && definition.getDefaultValue() != null) {
                continue;
            }
            Object value = raw.get(name);
            if (value == null && GraphQLTypeUtil.isNonNull(inputType)) {
                throw failure("expecting a value for non-nullable variable: \"" + name + "\"");
            }
            if (given) {
                Optional<InputProblem> problem = InputValueChecker.checkRaw(value, inputType);
                if (problem.isPresent()) {
                    throw failure(variableMessage(name, problem.get()));
                }
            }
        }
    }

    /** The variables referenced by the operation's selections and directives, through its fragments. */
    private static Set<String> usedVariables(PreparedOperation operation) {
        Set<String> used = new HashSet<>();
        Map<String, FragmentDefinition> fragments = operation.fragments();
        Set<String> visited = new HashSet<>();
        Deque<Node<?>> pending = new ArrayDeque<>();
        pending.push(operation.operation().getSelectionSet());
        operation.operation().getDirectives().forEach(pending::push);
        while (!pending.isEmpty()) {
            Node<?> node = pending.pop();
            if (node instanceof VariableReference reference) {
                used.add(reference.getName());
            } else if (node instanceof FragmentSpread spread && visited.add(spread.getName())
                    && fragments.containsKey(spread.getName())) {
                pending.push(fragments.get(spread.getName()));
            }
            for (Node<?> child : node.getChildren()) {
                pending.push(child);
            }
        }
        return used;
    }

    /** `variable "id": expected ...` or, inside the value, `variable "where" at "id._eq": expected ...`. */
    private static String variableMessage(String name, InputProblem problem) {
        if (problem.path().isEmpty()) {
            return "variable \"" + name + "\": " + problem.message();
        }
        StringBuilder inside = new StringBuilder();
        for (Object segment : problem.path()) {
            if (segment instanceof Integer i) {
                inside.append('[').append(i).append(']');
            } else {
                if (inside.length() > 0) {
                    inside.append('.');
                }
                inside.append(segment);
            }
        }
        return "variable \"" + name + "\" at \"" + inside + "\": " + problem.message();
    }

    private static JoineryException failure(String message) {
        return new JoineryException(ErrorCode.VALIDATION_FAILED, message, ErrorPath.root());
    }
}
