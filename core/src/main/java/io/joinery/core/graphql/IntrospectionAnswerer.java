package io.joinery.core.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.ResultNodesInfo;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.introspection.GoodFaithIntrospection;
import graphql.introspection.IntrospectionQuery;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
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
 *
 * The answer is bounded (SPEC §11.2): a small document can ask for the schema a thousand times over
 * (a thousand aliased `__schema` fields, or `fields { type { fields { type ...` cycling through the
 * types), which graphql-java would build whole, on the event loop. An answer may hold at most
 * {@value #FULL_INTROSPECTIONS} times as many values as this schema's full introspection (GraphiQL's
 * query), and never fewer than {@value #MIN_ANSWER_VALUES}; past that graphql-java stops resolving
 * and the operation is refused with `validation-failed`.
 */
final class IntrospectionAnswerer {
    private static final graphql.execution.ExecutionId EXECUTION_ID = graphql.execution.ExecutionId.from("introspection");
    /** How many full introspections of the schema one answer may be as large as. */
    static final int FULL_INTROSPECTIONS = 3;
    /** The least bound on an answer's values (fields and list elements), whatever the schema's size. */
    static final int MIN_ANSWER_VALUES = 100_000;
    /** The bound of each schema, found once per schema (a new metadata version is a new schema). */
    private static final Map<GraphQLSchema, Integer> MAX_VALUES = Collections.synchronizedMap(new WeakHashMap<>());

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

        int maxValues = maxValues(schema);
        ExecutionResult result;
        boolean exceeded;
        try {
            GraphQL graphql = GraphQL.newGraphQL(schema)
                    // graphql-java's default id generator seeds a SecureRandom from /dev/urandom on
                    // first use: blocking I/O on the event loop. Introspection needs no unique id.
                    .executionIdProvider((query, operationName, context) -> EXECUTION_ID)
                    .preparsedDocumentProvider((input, parse) ->
                            CompletableFuture.completedFuture(new PreparsedDocumentEntry(document)))
                    .build();
            ExecutionInput input = ExecutionInput.newExecutionInput()
                    .query("# answered from the prepared document")
                    .operationName(copy.getName())
                    .variables(variables == null ? Map.of() : variables)
                    .graphQLContext(Map.of(GoodFaithIntrospection.GOOD_FAITH_INTROSPECTION_DISABLED, true,
                            ResultNodesInfo.MAX_RESULT_NODES, maxValues))
                    .build();
            result = graphql.execute(input);
            ResultNodesInfo values = input.getGraphQLContext().get(ResultNodesInfo.RESULT_NODES_INFO);
            exceeded = values != null && values.isMaxResultNodesExceeded();
        } catch (RuntimeException e) {
            throw OperationPreparer.unexpected("introspection failed", e);
        }
        if (exceeded) {
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, "the introspection answer is larger than the "
                    + "limit of " + maxValues + " values (" + FULL_INTROSPECTIONS + " times this schema's full "
                    + "introspection, at least " + MIN_ANSWER_VALUES + ")", ErrorPath.root().key("query"));
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

    /** The most values an introspection answer for {@code schema} may hold. */
    static int maxValues(GraphQLSchema schema) {
        return MAX_VALUES.computeIfAbsent(schema,
                s -> (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_ANSWER_VALUES,
                        (long) FULL_INTROSPECTIONS * fullIntrospectionValues(s))));
    }

    /** The values (fields and list elements) of GraphiQL's full introspection query's answer for {@code schema}. */
    private static int fullIntrospectionValues(GraphQLSchema schema) {
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(IntrospectionQuery.INTROSPECTION_QUERY)
                .graphQLContext(Map.of(GoodFaithIntrospection.GOOD_FAITH_INTROSPECTION_DISABLED, true))
                .build();
        GraphQL.newGraphQL(schema).executionIdProvider((query, operationName, context) -> EXECUTION_ID).build()
                .execute(input);
        ResultNodesInfo values = input.getGraphQLContext().get(ResultNodesInfo.RESULT_NODES_INFO);
        return values == null ? 0 : values.getResultNodesCount();
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
