package io.joinery.child.sql;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.RawVariables;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.GraphQLSchema;
import java.util.List;
import java.util.Map;

/** What the request pipeline hands the compiler: a parsed, validated, normalized query's root fields. */
final class NormalizedQuery {
    private NormalizedQuery() {}

    /** Whether the document's operation is a mutation (golden cases hold one operation). */
    static boolean isMutation(String query) {
        return query.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .map(l -> l.startsWith("mutation")).orElse(false);
    }

    static List<ExecutableNormalizedField> rootFields(GraphQLSchema schema, String query, Map<String, Object> variables) {
        ParseAndValidateResult result = ParseAndValidate.parseAndValidate(schema,
                ExecutionInput.newExecutionInput(query).variables(variables).build());
        if (result.isFailure()) {
            throw new AssertionError("invalid test query: " + result.getErrors());
        }
        return ExecutableNormalizedOperationFactory.createExecutableNormalizedOperationWithRawVariables(
                schema, result.getDocument(), null, RawVariables.of(variables)).getTopLevelFields();
    }
}
