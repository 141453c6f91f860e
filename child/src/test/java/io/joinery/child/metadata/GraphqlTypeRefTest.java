package io.joinery.child.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GraphqlTypeRefTest {

    @ParameterizedTest
    @ValueSource(strings = {"Int", "Int!", "[Int]", "[Int!]", "[Int]!", "[Int!]!", "[[Line!]!]", "_my_Type9"})
    void printsBackWhatItParsed(String text) {
        assertThat(GraphqlTypeRef.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void spacesAreAllowedAndDropped() {
        assertThat(GraphqlTypeRef.parse(" [ Int ! ] ! ").toString()).isEqualTo("[Int!]!");
    }

    @Test
    void structureOfNestedList() {
        GraphqlTypeRef type = GraphqlTypeRef.parse("[[Line!]]!");
        assertThat(type.isList()).isTrue();
        assertThat(type.isNonNull()).isTrue();
        assertThat(type.baseName()).isEqualTo("Line");
        GraphqlTypeRef inner = ((GraphqlTypeRef.ListOf) type).element();
        assertThat(inner.isList()).isTrue();
        assertThat(inner.isNonNull()).isFalse();
        assertThat(((GraphqlTypeRef.ListOf) inner).element()).isEqualTo(new GraphqlTypeRef.Named("Line", true));
        assertThat(type.withNonNull(false).toString()).isEqualTo("[[Line!]]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[Int", "Int]", "Int!!", "[]", "9Int", "Int Float", "[Int]x", "In-t", "!"})
    void rejectsWhatIsNotAType(String text) {
        assertThatThrownBy(() -> GraphqlTypeRef.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not a valid GraphQL type");
    }
}
