package io.joinery.core.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import io.joinery.core.error.JoineryException;
import org.junit.jupiter.api.Test;

/** Preparing operations: caching, operationName selection, kinds and the introspection flag. */
class OperationPreparerTest {
    private record Key(long version, String role, String query, String operationName) {}

    private final OperationPreparer preparer = new OperationPreparer(100);

    private PreparedOperation prepare(String query, String operationName) {
        return preparer.prepare(new Key(1, "admin", query, operationName), TestSchema.SCHEMA, query, operationName);
    }

    @Test
    void sameKey_returnsTheSameInstance() {
        PreparedOperation first = prepare("{ author { id } }", null);
        PreparedOperation second = prepare("{ author { id } }", null);
        assertThat(second).isSameAs(first);
    }

    @Test
    void otherKey_preparesAgain() {
        String query = "{ author { id } }";
        PreparedOperation admin = preparer.prepare(new Key(1, "admin", query, null), TestSchema.SCHEMA, query, null);
        PreparedOperation user = preparer.prepare(new Key(1, "user", query, null), TestSchema.SCHEMA, query, null);
        assertThat(user).isNotSameAs(admin);
        assertThat(user.kind()).isEqualTo(admin.kind());
    }

    @Test
    void failures_areNotCached_andRepeat() {
        String query = "{ nope }";
        assertThatThrownBy(() -> prepare(query, null)).isInstanceOf(JoineryException.class);
        assertThatThrownBy(() -> prepare(query, null)).isInstanceOf(JoineryException.class)
                .hasMessage("field 'nope' not found in type: 'query_root'");
    }

    @Test
    void operationName_selectsThatOperation_andKeepsOnlyItsFragments() {
        PreparedOperation prepared = prepare("query A { author { ...FA } } query B { article { ...FB } }"
                + " fragment FA on author { id } fragment FB on article { id }", "B");
        assertThat(prepared.operation().getName()).isEqualTo("B");
        assertThat(prepared.kind()).isEqualTo(OperationKind.QUERY);
        assertThat(prepared.document().getDefinitionsOfType(OperationDefinition.class)).hasSize(1);
        assertThat(prepared.document().getDefinitionsOfType(FragmentDefinition.class))
                .extracting(FragmentDefinition::getName).containsExactly("FB");
    }

    @Test
    void singleNamedOperation_withoutOperationName_isSelected() {
        assertThat(prepare("query Only { author { id } }", null).operation().getName()).isEqualTo("Only");
    }

    @Test
    void emptyOperationName_meansNone() {
        assertThat(prepare("query Only { author { id } }", "").operation().getName()).isEqualTo("Only");
    }

    @Test
    void mutation_isKindMutation() {
        PreparedOperation prepared = prepare("mutation { delete_author_by_pk(id: 1) { id } }", null);
        assertThat(prepared.kind()).isEqualTo(OperationKind.MUTATION);
    }

    @Test
    void typenameEverywhere_isValid() {
        PreparedOperation prepared = prepare("{ __typename author { __typename id } }", null);
        assertThat(prepared.hasIntrospectionRootFields()).isFalse();
        PreparedOperation mutation = prepare("mutation { __typename }", null);
        assertThat(mutation.kind()).isEqualTo(OperationKind.MUTATION);
    }

    @Test
    void introspectionRootFields_detectedDirectlyAndThroughFragments() {
        assertThat(prepare("{ __schema { queryType { name } } }", null).hasIntrospectionRootFields()).isTrue();
        assertThat(prepare("{ author { id } ... on query_root { t: __type(name: \"author\") { name } } }", null)
                .hasIntrospectionRootFields()).isTrue();
        assertThat(prepare("{ ...Q } fragment Q on query_root { __schema { types { name } } }", null)
                .hasIntrospectionRootFields()).isTrue();
        assertThat(prepare("{ author { id } }", null).hasIntrospectionRootFields()).isFalse();
    }

    @Test
    void largeGeneratedOperation_isAcceptedBeyondGraphqlJavasDefaultTokenLimit() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) {
            query.append(" f").append(i).append(": author_by_pk(id: ").append(i).append(") { id name }");
        }
        query.append(" }");
        PreparedOperation prepared = prepare(query.toString(), null);
        assertThat(prepared.operation().getSelectionSet().getSelections()).hasSize(3000);
    }
}
