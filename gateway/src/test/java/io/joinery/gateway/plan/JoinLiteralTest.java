package io.joinery.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.Scalars;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.StringValue;
import graphql.parser.Parser;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.Test;

/** Join values as GraphQL literals that cannot add syntax to a request (SPEC §11.2). */
class JoinLiteralTest {
    private static final GraphQLEnumType STATUS = GraphQLEnumType.newEnum().name("Status").value("OPEN").value("PAID")
            .build();
    private static final GraphQLInputObjectType ADDRESS = GraphQLInputObjectType.newInputObject().name("AddressInput")
            .field(GraphQLInputObjectField.newInputObjectField().name("city").type(Scalars.GraphQLString))
            .field(GraphQLInputObjectField.newInputObjectField().name("status").type(STATUS))
            .build();

    private static JsonNode json(String text) {
        return Json.parseBody(text);
    }

    /** The argument value graphql-java reads back from `{ f(a: <literal>) }`. */
    private static String parsedString(String literal) {
        OperationDefinition operation = Parser.parse("{ f(a: " + literal + ") }")
                .getDefinitionsOfType(OperationDefinition.class).get(0);
        Field field = operation.getSelectionSet().getSelectionsOfType(Field.class).get(0);
        return ((StringValue) field.getArguments().get(0).getValue()).getValue();
    }

    @Test
    void strings_areEscaped_andReadBackExactly() {
        String text = "a \"quote\" \\ back ) { x } evil: deleteAll #\n\r\t\b\f \u0001 \u007f é 😀";

        String literal = JoinLiteral.write(Json.MAPPER.getNodeFactory().textNode(text), Scalars.GraphQLString);

        assertThat(parsedString(literal)).isEqualTo(text);
        assertThat(literal).doesNotContain("\n").doesNotContain("\u0001");
    }

    @Test
    void aLoneSurrogate_becomesTheReplacementCharacter() {
        String literal = JoinLiteral.write(Json.MAPPER.getNodeFactory().textNode("a\uD800b"), null);

        assertThat(literal).isEqualTo("\"a\\ufffdb\"");
        assertThat(parsedString(literal)).isEqualTo("a\uFFFDb");
    }

    @Test
    void enumPositions_takeMembersOnly_writtenBare() {
        assertThat(JoinLiteral.write(json("\"OPEN\""), GraphQLNonNull.nonNull(STATUS))).isEqualTo("OPEN");
        assertThat(JoinLiteral.write(json("[\"OPEN\", \"PAID\"]"), GraphQLList.list(STATUS))).isEqualTo("[OPEN, PAID]");
        for (String refused : new String[] {"\"A) __typename evil: deleteAll(x: 1\"", "\"CLOSED\"", "\"open\"", "\"OPEN PAID\"",
                "\"\"", "1", "true", "{\"OPEN\": 1}", "[\"OPEN\", \"X Y\"]"}) {
            assertThatThrownBy(() -> JoinLiteral.write(json(refused), STATUS)).as(refused)
                    .isInstanceOf(JoinLiteral.Refused.class).hasMessage("it is not a value of enum \"Status\"");
        }
    }

    @Test
    void inputObjects_takeTheirOwnFieldsOnly_typedAsTheFieldsAre() {
        assertThat(JoinLiteral.write(json("{\"city\": \"a\\\"b\", \"status\": \"PAID\"}"), ADDRESS))
                .isEqualTo("{city: \"a\\\"b\", status: PAID}");
        assertThatThrownBy(() -> JoinLiteral.write(json("{\"country\": \"NO\"}"), ADDRESS))
                .hasMessage("it has a key that is not a field of input type \"AddressInput\"");
        assertThatThrownBy(() -> JoinLiteral.write(json("{\"city\": \"x\", \"zip: 1}) evil: deleteAll(x: 1\": 2}"), ADDRESS))
                .hasMessage("it has a key that is not a field of input type \"AddressInput\"");
        assertThatThrownBy(() -> JoinLiteral.write(json("{\"status\": \"A) evil\"}"), ADDRESS))
                .hasMessage("it is not a value of enum \"Status\"");
    }

    @Test
    void untypedOrCustomScalarPositions_objectKeysMustBeNames() {
        assertThat(JoinLiteral.write(json("{\"_a1\": [1, 2.5, true, null, \"x\"]}"), null))
                .isEqualTo("{_a1: [1, 2.5, true, null, \"x\"]}");
        assertThatThrownBy(() -> JoinLiteral.write(json("{\"a b\": 1}"), null))
                .hasMessage("it has a key that is not a GraphQL name");
    }
}
