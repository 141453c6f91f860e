package io.joinery.core.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.introspection.GoodFaithIntrospection;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLSchema;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the root `__schema` / `__type` fields of an operation with graphql-java's introspection.
 * It executes a copy of the document whose root keeps only those fields (root fragments become
 * inline fragments with the spread's directives, so @skip/@include still apply); the copy is
 * handed to graphql-java as already validated, so the data fields it dropped cannot make it fail.
 *
 * <pre>
 *   { __schema { queryType { name } } author { id } }  →  {"__schema": {"queryType": {"name": "query_root"}}}
 * </pre>
 */
final class IntrospectionAnswerer {
    private IntrospectionAnswerer() {}

    static LinkedHashMap<String, JsonNode> answer(GraphQLSchema schema, PreparedOperation operation,
                                                  Map<String, Object> variables) {
        LinkedHashMap<String, JsonNode> answers = new LinkedHashMap<>();
        Map<String, FragmentDefinition> fragments = operation.fragments();
        List<Selection> kept = introspectionOnly(operation.operation().getSelectionSet(), fragments);
        if (kept.isEmpty()) {
            return answers;
        }
        OperationDefinition copy = operation.operation().transform(builder ->
                builder.operation(OperationDefinition.Operation.QUERY).selectionSet(new SelectionSet(kept)));
        List<Definition> definitions = new ArrayList<>();
        definitions.add(copy);
        definitions.addAll(fragments.values());
        Document document = operation.document().transform(builder -> builder.definitions(definitions));

        ExecutionResult result;
        try {
            GraphQL graphql = GraphQL.newGraphQL(schema)
                    .preparsedDocumentProvider((input, parse) ->
                            CompletableFuture.completedFuture(new PreparsedDocumentEntry(document)))
                    .build();
            ExecutionInput input = ExecutionInput.newExecutionInput()
                    .query("# answered from the prepared document")
                    .operationName(copy.getName())
                    .variables(variables == null ? Map.of() : variables)
                    .graphQLContext(Map.of(GoodFaithIntrospection.GOOD_FAITH_INTROSPECTION_DISABLED, true))
                    .build();
            result = graphql.execute(input);
        } catch (RuntimeException e) {
            throw OperationPreparer.unexpected("introspection failed", e);
        }
        if (!result.getErrors().isEmpty()) {
            GraphQLError first = result.getErrors().get(0);
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, first.getMessage(), ErrorPath.root());
        }
        Map<String, Object> data = result.getData();
        if (data != null) {
            data.forEach((key, value) -> answers.put(key, Json.valueToTree(value)));
        }
        return answers;
    }

    /** The root selections that are introspection fields, keeping the fragments around them. */
    private static List<Selection> introspectionOnly(SelectionSet selectionSet, Map<String, FragmentDefinition> fragments) {
        List<Selection> kept = new ArrayList<>();
        if (selectionSet == null) {
            return kept;
        }
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                if (PreparedOperation.INTROSPECTION_ROOT_FIELDS.contains(field.getName())) {
                    kept.add(field);
                }
            } else if (selection instanceof InlineFragment inline) {
                List<Selection> inner = introspectionOnly(inline.getSelectionSet(), fragments);
                if (!inner.isEmpty()) {
                    kept.add(inline.transform(builder -> builder.selectionSet(new SelectionSet(inner))));
                }
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                List<Selection> inner = fragment == null ? List.of()
                        : introspectionOnly(fragment.getSelectionSet(), fragments);
                if (!inner.isEmpty()) {
                    kept.add(InlineFragment.newInlineFragment()
                            .typeCondition(fragment.getTypeCondition())
                            .directives(spread.getDirectives())
                            .selectionSet(new SelectionSet(inner))
                            .build());
                }
            }
        }
        return kept;
    }
}
