package io.joinery.core.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.normalized.ExecutableNormalizedOperation;
import io.joinery.core.error.ApiError;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11.2: numbers beyond 1,000 digits or an exponent of ±10,000 are refused without ever being
 * expanded, in variables and in the query text. Before this guard, `1e300000000` for an Int made
 * the checker build a 300-million-digit BigInteger (it never finished); time bounds here are hang
 * guards, not performance assertions.
 */
class NumberBoundsTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private final OperationPreparer preparer = new OperationPreparer(100);

    private ExecutableNormalizedOperation normalize(String query, String variablesJson) {
        PreparedOperation prepared = preparer.prepare(UUID.randomUUID(), TestSchema.SCHEMA, query, null);
        Map<String, Object> variables = variablesJson == null ? Map.of()
                : Variables.fromJson((ObjectNode) Json.parseBody(variablesJson));
        return OperationPreparer.normalize(TestSchema.SCHEMA, prepared, variables);
    }

    private ApiError failure(String query, String variablesJson) {
        JoineryException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> catchThrowableOfType(JoineryException.class, () -> normalize(query, variablesJson)));
        assertThat(e).as("expected a failure").isNotNull();
        return e.toApiError();
    }

    @Test
    void hugeExponentForAnInt_isRefusedWithoutExpansion() {
        ApiError error = failure("query ($id: Int!) { author_by_pk(id: $id) { id } }", "{\"id\": 1e300000000}");

        assertThat(error.code()).isEqualTo("validation-failed");
        assertThat(error.message()).isEqualTo("variable \"id\": expected a 32-bit integer for type 'Int', but found "
                + "a number outside the accepted range (at most 1000 digits, exponent within ±10000)");
    }

    @Test
    void hugeNegativeExponentForAnInt_isRefusedWithoutExpansion() {
        ApiError error = failure("query ($id: Int!) { author_by_pk(id: $id) { id } }", "{\"id\": 1e-300000000}");

        assertThat(error.message()).startsWith("variable \"id\": expected a 32-bit integer for type 'Int', but found "
                + "a number outside the accepted range");
    }

    @Test
    void hugeExponentInsideAnInputObject_isRefused() {
        ApiError error = failure("query ($w: author_bool_exp) { author(where: $w) { id } }",
                "{\"w\": {\"id\": {\"_in\": [1, 2e99999]}}}");

        assertThat(error.message()).isEqualTo("variable \"w\" at \"id._in[1]\": expected a 32-bit integer for type "
                + "'Int', but found a number outside the accepted range (at most 1000 digits, exponent within ±10000)");
    }

    @Test
    void floatBeyondTheExponentBound_isRefused_withinIt_accepted() {
        String mutation = "mutation ($o: author_insert_input!) { insert_author_one(object: $o) { id } }";

        ApiError error = failure(mutation, "{\"o\": {\"name\": \"a\", \"rating\": 1.5e10001}}");
        assertThat(error.message()).isEqualTo("variable \"o\" at \"rating\": expected a float for type 'Float', but "
                + "found a number outside the accepted range (at most 1000 digits, exponent within ±10000)");

        assertThat(normalize(mutation, "{\"o\": {\"name\": \"a\", \"rating\": 1.5e300}}")).isNotNull();
    }

    @Test
    void ordinaryNumbers_areUnaffected() {
        ApiError tooBig = failure("query ($id: Int!) { author_by_pk(id: $id) { id } }", "{\"id\": 3000000000}");
        assertThat(tooBig.message()).isEqualTo(
                "variable \"id\": expected a 32-bit integer for type 'Int', but found an integer outside the 32-bit range");
        assertThat(normalize("query ($id: Int!) { author_by_pk(id: $id) { id } }", "{\"id\": 7.0}")).isNotNull();
        assertThat(normalize("query ($id: Int!) { author_by_pk(id: $id) { id } }", "{\"id\": 1e2}")).isNotNull();
    }

    @Test
    void intLiteralOfAMillionDigits_isRefusedBeforeParsing() {
        String query = "{ author_by_pk(id: " + "7".repeat(1_000_000) + ") { id } }";

        ApiError error = failure(query, null);

        assertThat(error.code()).isEqualTo("validation-failed");
        assertThat(error.path()).isEqualTo("$.query");
        assertThat(error.message()).isEqualTo("a number in the query is 1000000 characters long (at most 1000 digits, "
                + "exponent within ±10000)");
    }

    @Test
    void floatLiteralWithAHugeExponent_isRefused() {
        assertThat(failure("mutation { insert_author_one(object: {name: \"a\", rating: 1e10001}) { id } }", null)
                .message()).isEqualTo("a number in the query is outside the accepted range (at most 1000 digits, "
                + "exponent within ±10000)");
        assertThat(failure("mutation { insert_author_one(object: {name: \"a\", rating: 1e300000000000}) { id } }",
                null).message()).startsWith("a number in the query is outside the accepted range");
    }

    @Test
    void digitsInStringsCommentsAndNames_areNotNumbers() {
        String digits = "9".repeat(5000);
        String query = "# " + digits + "\n{ author(where: {name: {_eq: \"" + digits + "\"}}) { id } }"
                + " query q" + digits + " { author { id } }";

        NumberBounds.checkDocument(query);
        NumberBounds.checkDocument("{ a(s: \"\"\" \\\"\"\" " + digits + " \"\"\") }");
    }

    @Test
    void within_readsPrecisionAndScaleOnly() {
        assertThat(NumberBounds.within(new BigDecimal("1e10000"))).isTrue();
        assertThat(NumberBounds.within(new BigDecimal("1e10001"))).isFalse();
        assertThat(NumberBounds.within(new BigDecimal("1e-10000"))).isTrue();
        assertThat(NumberBounds.within(new BigDecimal("1e-10001"))).isFalse();
        assertThat(NumberBounds.within(new BigDecimal("1." + "1".repeat(999)))).isTrue();
        assertThat(NumberBounds.within(new BigDecimal("1." + "1".repeat(1000)))).isFalse();
        assertThat(NumberBounds.within(Long.MAX_VALUE)).isTrue();
    }
}
