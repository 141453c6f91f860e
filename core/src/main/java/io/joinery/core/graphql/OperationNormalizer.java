package io.joinery.core.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.execution.RawVariables;
import graphql.execution.TypeFromAST;
import graphql.execution.ValuesResolver;
import graphql.language.VariableDefinition;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

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
        check(schema, definitions, raw);
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

    private static void check(GraphQLSchema schema, List<VariableDefinition> definitions, Map<String, Object> raw) {
        Set<String> declared = definitions.stream().map(VariableDefinition::getName).collect(Collectors.toSet());
        Set<String> unexpected = new TreeSet<>(raw.keySet());
        unexpected.removeAll(declared);
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
