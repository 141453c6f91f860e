package io.joinery.core.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import io.joinery.core.error.ApiError;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Variables coercion and the normalized tree the planners walk. */
class OperationNormalizerTest {
    private final OperationPreparer preparer = new OperationPreparer(100);

    private ExecutableNormalizedOperation normalize(String query, String variablesJson) {
        PreparedOperation prepared = preparer.prepare(UUID.randomUUID(), TestSchema.SCHEMA, query, null);
        Map<String, Object> variables = variablesJson == null ? Map.of()
                : Variables.fromJson((com.fasterxml.jackson.databind.node.ObjectNode) Json.parseBody(variablesJson));
        return OperationPreparer.normalize(TestSchema.SCHEMA, prepared, variables);
    }

    private ApiError failure(String query, String variablesJson) {
        JoineryException e = catchThrowableOfType(JoineryException.class, () -> normalize(query, variablesJson));
        assertThat(e).as("expected a failure").isNotNull();
        return e.toApiError();
    }

    private static List<String> keys(List<ExecutableNormalizedField> fields) {
        return fields.stream().map(ExecutableNormalizedField::getResultKey).collect(Collectors.toList());
    }

    @Test
    void fragmentsAndAliases_areMergedIntoTheTree() {
        ExecutableNormalizedOperation operation = normalize(
                "{ writers: author { ...A ... on author { name } } one: author_by_pk(id: 1) { id } }"
                        + " fragment A on author { id handle: name articles { title } }", null);
        assertThat(keys(operation.getTopLevelFields())).containsExactly("writers", "one");
        ExecutableNormalizedField writers = operation.getTopLevelFields().get(0);
        assertThat(writers.getName()).isEqualTo("author");
        assertThat(keys(writers.getChildren())).containsExactly("id", "handle", "articles", "name");
        assertThat(writers.getChildren().get(1).getName()).isEqualTo("name");
        assertThat(keys(writers.getChildren().get(2).getChildren())).containsExactly("title");
    }

    @Test
    void skipAndInclude_areApplied_withVariables() {
        ExecutableNormalizedOperation operation = normalize(
                "query ($withName: Boolean!) { author { id name @include(if: $withName) rating @skip(if: true) } }",
                "{\"withName\": false}");
        assertThat(keys(operation.getTopLevelFields().get(0).getChildren())).containsExactly("id");
        ExecutableNormalizedOperation included = normalize(
                "query ($withName: Boolean!) { author { id name @include(if: $withName) } }", "{\"withName\": true}");
        assertThat(keys(included.getTopLevelFields().get(0).getChildren())).containsExactly("id", "name");
    }

    @Test
    void arguments_areResolvedFromLiteralsAndVariables() {
        ExecutableNormalizedOperation operation = normalize(
                "query ($id: Int!, $w: author_bool_exp) { author_by_pk(id: $id) { id }"
                        + " author(where: $w, limit: 5) { id } }",
                "{\"id\": 7, \"w\": {\"name\": {\"_like\": \"A%\"}, \"id\": {\"_in\": [1, 2]}}}");
        assertThat(operation.getTopLevelFields().get(0).getResolvedArguments()).containsEntry("id", 7);
        Map<String, Object> arguments = operation.getTopLevelFields().get(1).getResolvedArguments();
        assertThat(arguments).containsEntry("limit", 5);
        assertThat(arguments.get("where")).isEqualTo(Map.of("name", Map.of("_like", "A%"), "id",
                Map.of("_in", List.of(1, 2))));
    }

    @Test
    void floatVariable_keepsBigDecimalPrecision() {
        ExecutableNormalizedOperation operation = normalize(
                "mutation ($o: author_insert_input!) { insert_author_one(object: $o) { id } }",
                "{\"o\": {\"name\": \"Ada\", \"rating\": 4.5}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) operation.getTopLevelFields().get(0)
                .getResolvedArguments().get("object");
        assertThat(object).containsEntry("name", "Ada");
        assertThat(((Number) object.get("rating")).doubleValue()).isEqualTo(4.5);
    }

    @Test
    void missingNonNullVariable_expectingAValue() {
        ApiError error = failure("query ($id: Int!) { author_by_pk(id: $id) { id } }", "{}");
        assertThat(error.code()).isEqualTo("validation-failed");
        assertThat(error.path()).isEqualTo("$");
        assertThat(error.message()).isEqualTo("expecting a value for non-nullable variable: \"id\"");
    }

    @Test
    void nullForNonNullVariable_expectingAValue() {
        ApiError error = failure("query ($id: Int!) { author_by_pk(id: $id) { id } }", "{\"id\": null}");
        assertThat(error.message()).isEqualTo("expecting a value for non-nullable variable: \"id\"");
        assertThat(error.path()).isEqualTo("$");
    }

    @Test
    void missingNonNullVariableWithDefault_usesTheDefault() {
        ExecutableNormalizedOperation operation = normalize(
                "query ($limit: Int! = 3) { author(limit: $limit) { id } }", "{}");
        assertThat(operation.getTopLevelFields().get(0).getResolvedArguments()).containsEntry("limit", 3);
    }

    @Test
    void wrongVariableType_namesVariableAndType() {
        ApiError error = failure("query ($id: Int!) { author_by_pk(id: $id) { id } }", "{\"id\": \"seven\"}");
        assertThat(error.code()).isEqualTo("validation-failed");
        assertThat(error.path()).isEqualTo("$");
        assertThat(error.message())
                .isEqualTo("variable \"id\": expected a 32-bit integer for type 'Int', but found a string");
    }

    @Test
    void wrongTypeInsideVariableObject_namesWhereInside() {
        ApiError error = failure("query ($w: author_bool_exp) { author(where: $w) { id } }",
                "{\"w\": {\"id\": {\"_in\": [1, \"two\"]}}}");
        assertThat(error.path()).isEqualTo("$");
        assertThat(error.message()).isEqualTo(
                "variable \"w\" at \"id._in[1]\": expected a 32-bit integer for type 'Int', but found a string");
    }

    @Test
    void unknownFieldInsideVariableObject_notFound() {
        ApiError error = failure("query ($w: author_bool_exp) { author(where: $w) { id } }",
                "{\"w\": {\"bogus\": 1}}");
        assertThat(error.message())
                .isEqualTo("variable \"w\" at \"bogus\": field 'bogus' not found in type: 'author_bool_exp'");
    }

    @Test
    void variableObject_unknownFieldBeforeBadValue_missingBeforeLaterBadValue_likeHasura() {
        ApiError unknown = failure("query ($w: author_bool_exp) { author(where: $w) { id } }",
                "{\"w\": {\"id\": {\"_eq\": \"x\"}, \"bogus\": 1}}");
        assertThat(unknown.message())
                .isEqualTo("variable \"w\" at \"bogus\": field 'bogus' not found in type: 'author_bool_exp'");
        ApiError missing = failure("mutation ($o: author_insert_input!) { insert_author_one(object: $o) { id } }",
                "{\"o\": {\"rating\": \"high\"}}");
        assertThat(missing.message()).isEqualTo("variable \"o\" at \"name\": missing required field 'name'");
    }

    @Test
    void missingRequiredFieldInsideVariableObject() {
        ApiError error = failure("mutation ($o: author_insert_input!) { insert_author_one(object: $o) { id } }",
                "{\"o\": {\"rating\": 1}}");
        assertThat(error.message()).isEqualTo("variable \"o\" at \"name\": missing required field 'name'");
    }

    @Test
    void intOutOfRange_isRejected() {
        ApiError error = failure("query ($id: Int!) { author_by_pk(id: $id) { id } }", "{\"id\": 3000000000}");
        assertThat(error.message()).isEqualTo(
                "variable \"id\": expected a 32-bit integer for type 'Int', but found an integer outside the 32-bit range");
    }

    @Test
    void wholeFloatForInt_isAccepted() {
        ExecutableNormalizedOperation operation = normalize(
                "query ($id: Int!) { author_by_pk(id: $id) { id } }", "{\"id\": 7.0}");
        assertThat(((Number) operation.getTopLevelFields().get(0).getResolvedArguments().get("id")).intValue())
                .isEqualTo(7);
    }

    @Test
    void singleValueForList_isCoerced() {
        ExecutableNormalizedOperation operation = normalize(
                "query ($o: [author_order_by!]) { author(order_by: $o) { id } }", "{\"o\": {\"id\": \"desc\"}}");
        assertThat(operation.getTopLevelFields().get(0).getResolvedArguments().get("order_by"))
                .isEqualTo(List.of(Map.of("id", "desc")));
    }

    @Test
    void badEnumVariable_listsTheValues() {
        ApiError error = failure("query ($o: [author_order_by!]) { author(order_by: $o) { id } }",
                "{\"o\": [{\"id\": \"up\"}]}");
        assertThat(error.message()).isEqualTo(
                "variable \"o\" at \"[0].id\": expected one of the values ['asc', 'desc'] for type 'order_by', but found 'up'");
    }

    @Test
    void undeclaredVariable_isUnexpected() {
        ApiError error = failure("{ author { id } }", "{\"stray\": 1}");
        assertThat(error.code()).isEqualTo("validation-failed");
        assertThat(error.message()).isEqualTo("unexpected variables in variableValues: stray");
    }

    @Test
    void bigDecimalVariable_reachesTheTreeUnchanged() {
        ExecutableNormalizedOperation operation = normalize(
                "mutation ($r: Float) { insert_author_one(object: {name: \"x\", rating: $r}) { id } }",
                "{\"r\": 0.1000000000000000055511151231257827}");
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) operation.getTopLevelFields().get(0)
                .getResolvedArguments().get("object");
        assertThat(object.get("rating")).isInstanceOf(Number.class);
        assertThat(new BigDecimal(object.get("rating").toString()).doubleValue()).isEqualTo(0.1);
    }

    @Test
    void valueForDeclaredButUnusedVariable_isUnexpected() {
        ApiError error = failure("query ($unused: Int, $id: Int!) { author_by_pk(id: $id) { id } }",
                "{\"id\": 1, \"unused\": 2}");
        assertThat(error.message()).isEqualTo("unexpected variables in variableValues: unused");
        assertThat(error.path()).isEqualTo("$");
    }

    @Test
    void variablesUsedOnlyInFragmentsAndDirectives_areUsed() {
        ExecutableNormalizedOperation operation = normalize(
                "query ($id: Int!, $show: Boolean!) { author_by_pk(id: $id) { ...F } }"
                        + " fragment F on author { id name @include(if: $show) }", "{\"id\": 1, \"show\": true}");
        assertThat(keys(operation.getTopLevelFields().get(0).getChildren())).containsExactly("id", "name");
    }

    @Test
    void introspectionAndTypename_appearAsTopLevelFields_forPlannersToSkip() {
        ExecutableNormalizedOperation operation = normalize(
                "{ __typename s: __schema { queryType { name } } author { id } }", null);
        assertThat(keys(operation.getTopLevelFields())).containsExactly("__typename", "s", "author");
        assertThat(operation.getTopLevelFields().get(1).getName()).isEqualTo("__schema");
    }
}
