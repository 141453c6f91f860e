package io.joinery.core.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import graphql.validation.OperationValidationRule;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The overlapping-fields rule as Hasura applies it (issue 11 item 2): only fields that can meet on
 * one object must agree; where they do, the verdict and message are graphql-java's.
 */
class OverlappingFieldsCheckerTest {
    private static final GraphQLSchema SCHEMA = schema("""
            type Query {
              objects: [Object]!
              nodes: [Node!]!
              artist(id: Int): Artist
              things: [Thing!]!
            }
            union Object = Writer | Artist | Article
            union Thing = Writer | Stamp
            interface Node { id: Int! }
            type Writer implements Node { id: Int!  name: String!  articles: [Article]  fav: Artist }
            type Artist implements Node { id: Int!  name: String!  self: Artist!  ids: [Int!]!  code: String }
            type Article implements Node { id: Int!  title: String! }
            type Stamp { id: String  name: String! }
            """);

    private static GraphQLSchema schema(String sdl) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        for (String abstractType : List.of("Object", "Thing", "Node")) {
            wiring.type(TypeRuntimeWiring.newTypeWiring(abstractType).typeResolver(env -> null));
        }
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring.build());
    }

    private final OperationPreparer preparer = new OperationPreparer(0);

    private static Optional<String> conflict(GraphQLSchema schema, String query) {
        PreparedOperation prepared = OperationSelector.select(Parser.parse(query), null);
        return OverlappingFieldsChecker.check(schema, prepared.operation(), prepared.fragments())
                .map(ValidationErrorTranslator::plainMessage);
    }

    private static Optional<String> conflict(String query) {
        return conflict(SCHEMA, query);
    }

    /** graphql-java's own verdict with every rule (the spec's strict form). */
    private static Optional<String> graphqlJava(GraphQLSchema schema, String query) {
        List<ValidationError> errors = new Validator().validateDocument(schema, Parser.parse(query),
                rule -> rule == OperationValidationRule.OVERLAPPING_FIELDS_CAN_BE_MERGED, Locale.ENGLISH);
        return errors.stream().findFirst().map(ValidationErrorTranslator::plainMessage);
    }

    @Test
    void sameKeyWithDifferentShapes_onDifferentObjectTypes_neverMeet() {
        String query = """
                { objects { ... on Artist { bar: self { name } } ... on Writer { bar: articles { title } } } }""";

        assertThat(conflict(query)).isEmpty();
        assertThat(graphqlJava(SCHEMA, query)).as("the spec's strict rule refuses it")
                .contains("'objects/bar' : fields have different nullability shapes");
        assertThat(preparer.prepare("q", SCHEMA, query, null).operation()).isNotNull();
    }

    @Test
    void differentFieldsAndLeafTypes_onDifferentObjectTypes_neverMeet() {
        assertThat(conflict("{ objects { ... on Artist { x: code } ... on Writer { x: id } ... on Article { x: title } } }"))
                .isEmpty();
        assertThat(conflict("{ things { ... on Writer { id } ... on Stamp { id } } }")).isEmpty();
    }

    @Test
    void differentFieldsOnOneObjectType_conflict() {
        assertThat(conflict(TestSchema.SCHEMA, "{ a: author { id } a: article { id } }"))
                .contains("'a' : 'author' and 'article' are different fields");
        assertThat(conflict("{ artist { a: id a: name } }")).contains("'artist/a' : returns different types 'Int' and 'String'");
        assertThat(conflict("{ artist { a: name a: code } }"))
                .contains("'artist/a' : fields have different nullability shapes");
    }

    @Test
    void differentArguments_conflict() {
        assertThat(conflict("{ a: artist(id: 1) { id } a: artist(id: 2) { id } }"))
                .contains("'a' : fields have different arguments");
        assertThat(conflict("{ a: artist(id: 1) { id } a: artist(id: 1) { name } }")).isEmpty();
    }

    @Test
    void interfaceFragmentAndObjectFragment_meetOnTheObject() {
        assertThat(conflict("{ nodes { ... on Node { x: id } ... on Artist { x: name } } }"))
                .contains("'nodes/x' : returns different types 'Int' and 'String'");
        assertThat(conflict("{ nodes { ... on Node { x: id } ... on Artist { x: ids } } }"))
                .contains("'nodes/x' : fields have different list shapes");
    }

    @Test
    void interfaceFragmentAndObjectOutsideIt_neverMeet() {
        // Stamp does not implement Node: a Stamp gets `x: name`, a Writer `x: id`
        assertThat(conflict("{ things { ... on Node { x: id } ... on Stamp { x: name } } }")).isEmpty();
        assertThat(conflict("{ things { ... on Node { x: id } ... on Writer { x: name } } }"))
                .contains("'things/x' : returns different types 'Int' and 'String'");
    }

    @Test
    void nestedSelections_checkedOnlyWhereTheirParentsMeet() {
        // both `bar` values are Artists, but a Writer's and an Artist's never sit in one object
        assertThat(conflict("{ objects { ... on Artist { bar: self { x: name } } ... on Writer { bar: fav { x: id } } } }"))
                .isEmpty();
        assertThat(conflict("{ objects { ... on Artist { self { x: name } } ... on Artist { self { x: id } } } }"))
                .contains("'objects/self/x' : returns different types 'String' and 'Int'");
    }

    @Test
    void conflictsInsideNamedFragments_andFragmentsUsedTwice() {
        String query = """
                { objects { ...A ...A ... on Artist { self { ...A } } } }
                fragment A on Artist { n: name self { n: code } }""";

        assertThat(conflict(query)).contains("'objects/self/n' : fields have different nullability shapes");
        assertThat(conflict("{ objects { ...A ...A } } fragment A on Artist { n: name }")).isEmpty();
    }

    @Test
    void onObjectTypesOnly_agreesWithGraphqlJava() {
        List<String> queries = List.of(
                "{ artist { a: id a: name } }",
                "{ artist { a: name a: code } }",
                "{ a: artist(id: 1) { id } a: artist(id: 2) { id } }",
                "{ artist { id ... on Artist { id self { name } } self { name ... on Artist { name } } } }",
                "{ a: objects { __typename } a: nodes { __typename } }",
                "{ artist { self { x: name } ... on Artist { self { x: ids } } } }");
        for (String query : queries) {
            assertThat(conflict(query)).as(query).isEqualTo(graphqlJava(SCHEMA, query));
        }
    }

    @Test
    void childShapedSchema_sameVerdictsAsGraphqlJava() {
        List<String> queries = List.of(
                "{ a: author { id } a: article { id } }",
                "{ a: author_by_pk(id: 1) { id } a: article { id } }",
                "{ author { x: id x: name } }",
                "{ author(limit: 1) { id } author(limit: 2) { id } }",
                "{ author { id articles(limit: 1) { id } ...F } } fragment F on author { articles(limit: 1) { title } }");
        for (String query : queries) {
            assertThat(conflict(TestSchema.SCHEMA, query)).as(query).isEqualTo(graphqlJava(TestSchema.SCHEMA, query));
        }
    }
}
