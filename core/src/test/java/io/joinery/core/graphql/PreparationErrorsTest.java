package io.joinery.core.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.joinery.core.error.ApiError;
import io.joinery.core.error.JoineryException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every parse / operation / validation row of SPEC §7's error table: message, path and code. */
class PreparationErrorsTest {
    private final OperationPreparer preparer = new OperationPreparer(100);

    private ApiError failure(String query) {
        return failure(query, null);
    }

    private ApiError failure(String query, String operationName) {
        JoineryException e = catchThrowableOfType(JoineryException.class,
                () -> preparer.prepare(UUID.randomUUID(), TestSchema.SCHEMA, query, operationName));
        assertThat(e).as("expected a failure for %s", query).isNotNull();
        return e.toApiError();
    }

    private static void assertError(ApiError error, String code, String path, String message) {
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.path()).isEqualTo(path);
        assertThat(error.message()).isEqualTo(message);
    }

    @Test
    void unparsableDocument_isNotAValidGraphqlQuery_atQuery() {
        assertError(failure("query { author { id }"), "validation-failed", "$.query", "not a valid graphql query");
        assertError(failure(""), "validation-failed", "$.query", "not a valid graphql query");
    }

    @Test
    void severalOperationsWithoutName_exactlyOneOperation() {
        assertError(failure("query A { author { id } } query B { article { id } }"), "validation-failed", "$",
                "exactly one operation has to be present in the document when operationName is not specified");
    }

    @Test
    void onlyFragments_exactlyOneOperation() {
        assertError(failure("fragment F on author { id }"), "validation-failed", "$",
                "exactly one operation has to be present in the document when operationName is not specified");
    }

    @Test
    void unknownOperationName_noSuchOperation() {
        assertError(failure("query A { author { id } } query B { article { id } }", "Foo"), "validation-failed",
                "$", "no such operation found in the document: \"Foo\"");
    }

    @Test
    void operationNameWithAnonymousOperation_isRejectedLikeHasura() {
        assertError(failure("{ author { id } }", "Foo"), "validation-failed", "$",
                "operationName cannot be used when an anonymous operation exists in the document");
    }

    @Test
    void unknownRootField_notFoundInQueryRoot() {
        assertError(failure("{ foo }"), "validation-failed", "$.selectionSet.foo",
                "field 'foo' not found in type: 'query_root'");
    }

    @Test
    void unknownNestedField_pathUsesFieldNamesNotAliases() {
        assertError(failure("{ a: author { t: titel } }"), "validation-failed",
                "$.selectionSet.author.selectionSet.titel", "field 'titel' not found in type: 'author'");
    }

    @Test
    void unknownFieldInsideFragment_pathThroughTheSpread() {
        assertError(failure("{ author { ...F } } fragment F on author { articles { titel } }"), "validation-failed",
                "$.selectionSet.author.selectionSet.articles.selectionSet.titel",
                "field 'titel' not found in type: 'article'");
    }

    @Test
    void unknownFieldInMutation_notFoundInMutationRoot() {
        assertError(failure("mutation { drop_everything }"), "validation-failed", "$.selectionSet.drop_everything",
                "field 'drop_everything' not found in type: 'mutation_root'");
    }

    @Test
    void unknownArgument_atFieldPath() {
        assertError(failure("{ author(bogus: 1) { id } }"), "validation-failed", "$.selectionSet.author",
                "'author' has no argument named 'bogus'");
    }

    @Test
    void missingRequiredArgument_atArgsPath() {
        assertError(failure("{ author_by_pk { id } }"), "validation-failed", "$.selectionSet.author_by_pk.args.id",
                "missing required field 'id'");
    }

    @Test
    void wrongLiteralType_atArgsPath() {
        assertError(failure("{ author(limit: \"ten\") { id } }"), "validation-failed", "$.selectionSet.author.args.limit",
                "expected a 32-bit integer for type 'Int', but found a string");
    }

    @Test
    void wrongLiteralTypeInNestedInputObject_atNestedPath() {
        assertError(failure("{ author(where: {id: {_eq: \"x\"}}) { id } }"), "validation-failed",
                "$.selectionSet.author.args.where.id._eq",
                "expected a 32-bit integer for type 'Int', but found a string");
    }

    @Test
    void wrongLiteralType_objectWhereScalarExpected() {
        assertError(failure("{ author_by_pk(id: {a: 1}) { id } }"), "validation-failed",
                "$.selectionSet.author_by_pk.args.id", "expected a 32-bit integer for type 'Int', but found an object");
    }

    @Test
    void nullForNonNullArgument_foundNull() {
        assertError(failure("{ author_by_pk(id: null) { id } }"), "validation-failed",
                "$.selectionSet.author_by_pk.args.id", "expected a 32-bit integer for type 'Int!', but found null");
    }

    @Test
    void unknownInputObjectField_notFoundInInputType() {
        assertError(failure("{ author(where: {bogus: {_eq: 1}}) { id } }"), "validation-failed",
                "$.selectionSet.author.args.where.bogus", "field 'bogus' not found in type: 'author_bool_exp'");
    }

    @Test
    void missingRequiredInputObjectField_missingRequiredField() {
        assertError(failure("mutation { insert_author_one(object: {rating: 1.5}) { id } }"), "validation-failed",
                "$.selectionSet.insert_author_one.args.object.name", "missing required field 'name'");
    }

    @Test
    void unknownEnumValue_listsTheValues() {
        assertError(failure("{ author(order_by: [{id: up}]) { id } }"), "validation-failed",
                "$.selectionSet.author.args.order_by[0].id",
                "expected one of the values ['asc', 'desc'] for type 'order_by', but found 'up'");
    }

    @Test
    void objectFieldWithoutSelection_missingSelectionSet() {
        assertError(failure("{ author }"), "validation-failed", "$.selectionSet.author",
                "missing selection set for 'author'");
        assertError(failure("{ author { articles } }"), "validation-failed",
                "$.selectionSet.author.selectionSet.articles", "missing selection set for 'articles'");
    }

    @Test
    void selectionOnScalar_unexpectedSubselection() {
        assertError(failure("{ author { name { x } } }"), "validation-failed", "$.selectionSet.author.selectionSet.name",
                "unexpected subselection set for non-object field");
    }

    @Test
    void variableTypeMismatch_declaredVersusExpected() {
        assertError(failure("query ($x: String) { author(limit: $x) { id } }"), "validation-failed",
                "$.selectionSet.author.args.limit",
                "variable 'x' is declared as 'String', but used where 'Int' is expected");
        assertError(failure("query ($x: Int) { author_by_pk(id: $x) { id } }"), "validation-failed",
                "$.selectionSet.author_by_pk.args.id",
                "variable 'x' is declared as 'Int', but used where 'Int!' is expected");
    }

    @Test
    void variableTypeMismatchInsideInputObject_atNestedPath() {
        assertError(failure("query ($x: String) { author(where: {id: {_eq: $x}}) { id } }"), "validation-failed",
                "$.selectionSet.author.args.where.id._eq",
                "variable 'x' is declared as 'String', but used where 'Int' is expected");
    }

    @Test
    void subscriptionOverHttp_unexpectedPayload() {
        assertError(failure("subscription { author { id } }"), "unexpected-payload", "$",
                "subscriptions are not supported over HTTP, use websockets instead");
    }

    @Test
    void undefinedFragment_clearMessageAtRoot() {
        ApiError error = failure("{ author { ...Missing } }");
        assertThat(error.code()).isEqualTo("validation-failed");
        assertThat(error.path()).isEqualTo("$");
        assertThat(error.message()).contains("Missing").doesNotStartWith("Validation error");
    }

    @Test
    void undefinedVariable_clearMessageAtRoot() {
        ApiError error = failure("{ author(limit: $n) { id } }");
        assertThat(error.code()).isEqualTo("validation-failed");
        assertThat(error.path()).isEqualTo("$");
        assertThat(error.message()).contains("'n'").doesNotStartWith("Validation error");
    }

    @Test
    void unknownDirective_clearMessageAtRoot() {
        ApiError error = failure("{ author @cached { id } }");
        assertThat(error.code()).isEqualTo("validation-failed");
        assertThat(error.path()).isEqualTo("$");
        assertThat(error.message()).contains("cached");
    }

    @Test
    void firstErrorIsReported() {
        assertError(failure("{ foo author { bar } }"), "validation-failed", "$.selectionSet.foo",
                "field 'foo' not found in type: 'query_root'");
    }

    // --- several problems: the one Hasura's parser meets first (issue 11, item 3) --------------

    @Test
    void unknownArgument_isReportedBeforeMissingRequiredArgument() {
        assertError(failure("{ author_by_pk(foo: 1) { id } }"), "validation-failed", "$.selectionSet.author_by_pk",
                "'author_by_pk' has no argument named 'foo'");
        assertError(failure("mutation { delete_author_by_pk(foo: 1) { id } }"), "validation-failed",
                "$.selectionSet.delete_author_by_pk", "'delete_author_by_pk' has no argument named 'foo'");
    }

    @Test
    void unknownArgument_isReportedBeforeBadValueOfAnEarlierArgument() {
        assertError(failure("{ author(limit: \"ten\", foo: 1) { id } }"), "validation-failed", "$.selectionSet.author",
                "'author' has no argument named 'foo'");
    }

    @Test
    void arguments_areCheckedInDefinitionOrder_notDocumentOrder() {
        // author(where, limit, order_by): `where` is parsed first, whatever the document's order
        assertError(failure("{ author(limit: \"ten\", where: {bogus: {_eq: 1}}) { id } }"), "validation-failed",
                "$.selectionSet.author.args.where.bogus", "field 'bogus' not found in type: 'author_bool_exp'");
    }

    @Test
    void unknownInputField_isReportedBeforeBadValueOfAnEarlierField() {
        assertError(failure("{ author(where: {id: {_eq: \"x\"}, bogus: {_eq: 1}}) { id } }"), "validation-failed",
                "$.selectionSet.author.args.where.bogus", "field 'bogus' not found in type: 'author_bool_exp'");
        assertError(failure("mutation { insert_author_one(object: {rating: \"high\", bogus: 1}) { id } }"),
                "validation-failed", "$.selectionSet.insert_author_one.args.object.bogus",
                "field 'bogus' not found in type: 'author_insert_input'");
    }

    @Test
    void inputFields_areCheckedInDefinitionOrder_missingBeforeLaterBadValue() {
        // author_insert_input(name!, rating): the missing `name` comes before the bad `rating`
        assertError(failure("mutation { insert_author_one(object: {rating: \"high\"}) { id } }"), "validation-failed",
                "$.selectionSet.insert_author_one.args.object.name", "missing required field 'name'");
    }

    @Test
    void unknownInputField_isReportedBeforeVariableTypeMismatch() {
        assertError(failure("query ($x: String) { author(where: {id: {_eq: $x}, bogus: {_eq: 1}}) { id } }"),
                "validation-failed", "$.selectionSet.author.args.where.bogus",
                "field 'bogus' not found in type: 'author_bool_exp'");
    }

    @Test
    void missingArgument_isReportedBeforeMissingSelectionSet() {
        assertError(failure("{ author_by_pk }"), "validation-failed", "$.selectionSet.author_by_pk.args.id",
                "missing required field 'id'");
    }

    @Test
    void subselectionOnScalar_isReportedBeforeItsUnknownArgument() {
        assertError(failure("{ author { name(foo: 1) { x } } }"), "validation-failed",
                "$.selectionSet.author.selectionSet.name", "unexpected subselection set for non-object field");
    }

    @Test
    void fieldsOfOneSelectionSet_inOrder_beforeTheirChildren() {
        assertError(failure("{ author { articles { titel } } author_by_pk(foo: 1) { id } }"), "validation-failed",
                "$.selectionSet.author.selectionSet.articles.selectionSet.titel",
                "field 'titel' not found in type: 'article'");
        assertError(failure("{ author(foo: 1) { nope } }"), "validation-failed", "$.selectionSet.author",
                "'author' has no argument named 'foo'");
    }

    @Test
    void fieldInsideFragment_isOrderedAtItsSpread() {
        assertError(failure("{ author { ...F nope } } fragment F on author { articles(foo: 1) { id } }"),
                "validation-failed", "$.selectionSet.author.selectionSet.articles",
                "'articles' has no argument named 'foo'");
    }

    @Test
    void directivesOfASelectionSet_areCheckedBeforeItsFields() {
        assertError(failure("{ author { nope id @include(if: \"yes\") } }"), "validation-failed",
                "$.selectionSet.author.selectionSet.id", "expected a boolean for type 'Boolean', but found a string");
    }

    @Test
    void errorInsideFragmentUnderUnknownField_comesAfterTheUnknownField() {
        assertError(failure("{ nope { ...F } } fragment F on author { x }"), "validation-failed", "$.selectionSet.nope",
                "field 'nope' not found in type: 'query_root'");
    }

    @Test
    void invalidOtherOperation_isNotValidated_whenNotSelected() {
        PreparedOperation prepared = preparer.prepare(UUID.randomUUID(), TestSchema.SCHEMA,
                "query Good { author { id } } query Bad { nope }", "Good");
        assertThat(prepared.operation().getName()).isEqualTo("Good");
    }

    @Test
    void typeDefinitionInDocument_isNotAValidGraphqlQuery() {
        assertError(failure("type X { a: Int } { author { id } }"), "validation-failed", "$.query",
                "not a valid graphql query");
    }

    @Test
    void mutationWithoutMutationRoot_noMutationsExist() {
        graphql.schema.GraphQLSchema queryOnly = new graphql.schema.idl.SchemaGenerator().makeExecutableSchema(
                new graphql.schema.idl.SchemaParser().parse("type Query { a: Int }"),
                graphql.schema.idl.RuntimeWiring.newRuntimeWiring().build());
        JoineryException e = catchThrowableOfType(JoineryException.class,
                () -> preparer.prepare(UUID.randomUUID(), queryOnly, "mutation { a }", null));
        assertError(e.toApiError(), "validation-failed", "$", "no mutations exist");
    }

    @Test
    void wrongDirectiveArgument_atFieldPath() {
        assertError(failure("{ author { id @include(if: \"yes\") } }"), "validation-failed",
                "$.selectionSet.author.selectionSet.id",
                "expected a boolean for type 'Boolean', but found a string");
    }

    @Test
    void unusedDeclaredVariable_isAcceptedLikeHasura() {
        PreparedOperation prepared = preparer.prepare(UUID.randomUUID(), TestSchema.SCHEMA,
                "query ($unused: Int) { author { id } }", null);
        assertThat(prepared.operation().getVariableDefinitions()).hasSize(1);
    }

    @Test
    void unusedFragment_isAcceptedLikeHasura() {
        PreparedOperation prepared = preparer.prepare(UUID.randomUUID(), TestSchema.SCHEMA,
                "{ author { id } } fragment Unused on author { nope }", null);
        assertThat(prepared.fragments()).isEmpty();
    }
}
