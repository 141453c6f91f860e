package io.joinery.child.sql;

import com.fasterxml.jackson.core.type.TypeReference;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.RawVariables;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.GraphQLSchema;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.schema.RootField;
import io.joinery.child.schema.RootFieldClassifier;
import io.joinery.core.json.GoldenFiles;
import io.joinery.core.json.Json;
import java.util.LinkedHashMap;
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

    /** The root fields classified as the request pipeline does. */
    static List<RootField> classified(GraphQLSchema schema, ResolvedModel model, String query,
                                      Map<String, Object> variables) {
        return new RootFieldClassifier(model).classify(isMutation(query), rootFields(schema, query, variables));
    }

    /** A golden case's root fields, with the variables of its first-line header. */
    static List<RootField> classified(GraphQLSchema schema, ResolvedModel model, GoldenFiles.Case c) {
        return classified(schema, model, c.input(), variables(c));
    }

    static Map<String, Object> variables(GoldenFiles.Case c) {
        return c.header().has("variables")
                ? Json.MAPPER.convertValue(c.header().get("variables"), new TypeReference<LinkedHashMap<String, Object>>() {})
                : Map.of();
    }
}
