package io.joinery.core.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.introspection.IntrospectionQuery;
import io.joinery.core.error.JoineryException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 (SPEC §11.2): a small document can ask for the schema thousands of times over; the answer
 * is bounded relative to the schema's full introspection, refused in bounded time, and a full
 * introspection (GraphiQL's query) is still answered. Time bounds are hang guards only.
 */
class IntrospectionAnswerBoundTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private final OperationPreparer preparer = new OperationPreparer(100);

    private LinkedHashMap<String, JsonNode> introspect(String query) {
        PreparedOperation prepared = preparer.prepare(UUID.randomUUID(), TestSchema.SCHEMA, query, null);
        return OperationPreparer.introspect(TestSchema.SCHEMA, prepared, Map.of());
    }

    /** {@code copies} aliased `__schema` fields, each selecting every type's fields, arguments and their types. */
    private static String schemaTimes(int copies) {
        return IntStream.range(0, copies)
                .mapToObj(i -> "s" + i + ": __schema { types { name fields { name args { name type { name } } "
                        + "type { name ofType { name } } } } }")
                .collect(Collectors.joining(" ", "{ ", " }"));
    }

    @Test
    void thousandsOfSchemaCopies_areRefusedInBoundedTime() {
        int max = IntrospectionAnswerer.maxValues(TestSchema.SCHEMA);

        assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> introspect(schemaTimes(2_000))))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("the introspection answer is larger than the limit of " + max
                            + " values (3 times this schema's full introspection, at least 100000)");
                    assertThat(e.toGraphqlError(false).at("/extensions/code").asText()).isEqualTo("validation-failed");
                    assertThat(e.toGraphqlError(false).at("/extensions/path").asText()).isEqualTo("$.query");
                });
    }

    @Test
    void fullIntrospection_andSmallAnswersRightAfter_areAnswered() {
        assertThatThrownBy(() -> introspect(schemaTimes(2_000))).isInstanceOf(JoineryException.class);

        LinkedHashMap<String, JsonNode> full = introspect(IntrospectionQuery.INTROSPECTION_QUERY);
        assertThat(full.get("__schema").get("types").findValuesAsText("name")).contains("author", "article");
        assertThat(introspect(schemaTimes(2))).containsOnlyKeys("s0", "s1");
        assertThat(introspect("{ __schema { queryType { name } } }").get("__schema").toString())
                .isEqualTo("{\"queryType\":{\"name\":\"query_root\"}}");
    }

    @Test
    void theBound_isThreeFullIntrospections_butAtLeastAHundredThousand() {
        assertThat(IntrospectionAnswerer.maxValues(TestSchema.SCHEMA)).isEqualTo(100_000);
    }
}
