package io.joinery.core.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fields and depth of an operation with its fragments expanded (SPEC §11.1, §11.2). */
class OperationSizeTest {

    private static OperationSize size(String query) {
        Document document = Parser.parse(query);
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        return OperationSize.of(document.getDefinitionsOfType(OperationDefinition.class).get(0), fragments);
    }

    @Test
    void countsEveryField_andTheDeepestNesting() {
        assertThat(size("{ __typename }")).isEqualTo(new OperationSize(1, 1, 1));
        assertThat(size("{ author { id articles { title } } }")).isEqualTo(new OperationSize(4, 3, 3));
    }

    @Test
    void fragments_countOncePerSpread_atTheDepthOfTheSpread() {
        OperationSize size = size("{ author { ...A articles { ...T } } } "
                + "fragment A on author { id name } fragment T on article { title author { ...A } }");
        // author, id, name, articles, title, author, id, name
        assertThat(size.fields()).isEqualTo(8);
        // author > articles > author > id
        assertThat(size.depth()).isEqualTo(4);
        // author > articles > ...T > author > ...A > id
        assertThat(size.nesting()).isEqualTo(6);
    }

    @Test
    void inlineFragments_addNoLevel() {
        assertThat(size("{ author { ... on author { id ... { name } } } }")).isEqualTo(new OperationSize(3, 2, 2));
    }

    @Test
    void fragmentBomb_isCounted_withoutExpandingIt() {
        assertThat(size(DocumentGuardTest.fragmentBomb(10, 10)).fields()).isEqualTo(1 + 1_000_000_000L);
        assertThat(size(DocumentGuardTest.fragmentBomb(40, 10)).fields()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void cyclesAndUnknownFragments_countAsNothing() {
        assertThat(size("{ author { ...A } } fragment A on author { id ...B } fragment B on author { name ...A }"))
                .isEqualTo(new OperationSize(3, 2, 4));
        assertThat(size("{ author { id ...Missing } }")).isEqualTo(new OperationSize(2, 2, 2));
    }
}
