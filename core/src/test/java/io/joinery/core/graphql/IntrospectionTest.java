package io.joinery.core.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Root `__schema` / `__type` fields answered by graphql-java, alone or mixed with data fields. */
class IntrospectionTest {
    private final OperationPreparer preparer = new OperationPreparer(100);

    private LinkedHashMap<String, JsonNode> introspect(String query, Map<String, Object> variables) {
        PreparedOperation prepared = preparer.prepare(UUID.randomUUID(), TestSchema.SCHEMA, query, null);
        return OperationPreparer.introspect(TestSchema.SCHEMA, prepared, variables);
    }

    @Test
    void schemaQueryTypeName() {
        LinkedHashMap<String, JsonNode> answers = introspect("{ __schema { queryType { name } } }", Map.of());
        assertThat(answers).containsOnlyKeys("__schema");
        assertThat(answers.get("__schema").toString()).isEqualTo("{\"queryType\":{\"name\":\"query_root\"}}");
    }

    @Test
    void typeByName_withAlias() {
        LinkedHashMap<String, JsonNode> answers = introspect(
                "{ t: __type(name: \"author\") { name kind fields { name } } }", Map.of());
        JsonNode type = answers.get("t");
        assertThat(type.get("name").asText()).isEqualTo("author");
        assertThat(type.get("kind").asText()).isEqualTo("OBJECT");
        assertThat(type.get("fields").findValuesAsText("name")).containsExactly("id", "name", "rating", "articles");
    }

    @Test
    void mixedWithDataFields_answersOnlyIntrospection_inSelectionOrder() {
        LinkedHashMap<String, JsonNode> answers = introspect(
                "query ($id: Int!) { a: __type(name: \"article\") { name } author_by_pk(id: $id) { id }"
                        + " __typename __schema { mutationType { name } } }",
                Map.of("id", 1));
        assertThat(List.copyOf(answers.keySet())).containsExactly("a", "__schema");
        assertThat(answers.get("a").toString()).isEqualTo("{\"name\":\"article\"}");
        assertThat(answers.get("__schema").toString()).isEqualTo("{\"mutationType\":{\"name\":\"mutation_root\"}}");
    }

    @Test
    void typeNameFromVariable() {
        LinkedHashMap<String, JsonNode> answers = introspect(
                "query ($n: String!) { __type(name: $n) { name } }", Map.of("n", "order_by"));
        assertThat(answers.get("__type").toString()).isEqualTo("{\"name\":\"order_by\"}");
    }

    @Test
    void unknownTypeName_isNull() {
        LinkedHashMap<String, JsonNode> answers = introspect("{ __type(name: \"nope\") { name } }", Map.of());
        assertThat(answers.get("__type").isNull()).isTrue();
    }

    @Test
    void throughFragments_andSkip() {
        LinkedHashMap<String, JsonNode> answers = introspect(
                "{ ...Q author { id } ... on query_root @skip(if: true) { hidden: __type(name: \"author\") { name } } }"
                        + " fragment Q on query_root { __schema { queryType { name } } }", Map.of());
        assertThat(answers).containsOnlyKeys("__schema");
    }

    @Test
    void noIntrospectionFields_isEmpty() {
        assertThat(introspect("{ author { id } }", Map.of())).isEmpty();
    }

    @Test
    void fullIntrospectionQuery_works() {
        LinkedHashMap<String, JsonNode> answers = introspect(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY,
                Map.of());
        JsonNode types = answers.get("__schema").get("types");
        assertThat(types.findValuesAsText("name")).contains("query_root", "author_bool_exp", "order_by");
    }

    @Test
    void twoTypeLookups_inOneOperation() {
        LinkedHashMap<String, JsonNode> answers = introspect(
                "{ a: __type(name: \"author\") { name } b: __type(name: \"article\") { name } }", Map.of());
        assertThat(answers.get("a").get("name").asText()).isEqualTo("author");
        assertThat(answers.get("b").get("name").asText()).isEqualTo("article");
    }
}
