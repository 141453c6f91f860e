package io.joinery.core.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import io.joinery.core.limits.DocumentLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The hard guards on documents (SPEC §11.2): tokens while parsing, fields after fragment expansion
 * before validation. The hang guards only bound a run that would otherwise never end; they assert
 * nothing about speed.
 */
class DocumentGuardTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private PreparedOperation prepare(OperationPreparer preparer, String query) {
        return preparer.prepare(query, TestSchema.SCHEMA, query, null);
    }

    /** Ten fragments, each spreading the previous one ten times: 10^10 `id` fields once expanded. */
    static String fragmentBomb(int levels, int spreads) {
        StringBuilder query = new StringBuilder("query { author { ...F").append(levels - 1).append(" } }\n");
        query.append("fragment F0 on author { id }\n");
        for (int level = 1; level < levels; level++) {
            query.append("fragment F").append(level).append(" on author {");
            for (int i = 0; i < spreads; i++) {
                query.append(" ...F").append(level - 1);
            }
            query.append(" }\n");
        }
        return query.toString();
    }

    @Test
    void fragmentBomb_isRefusedBeforeValidation_naming_theLimit() {
        OperationPreparer preparer = new OperationPreparer(0);
        JoineryException refused = assertTimeoutPreemptively(HANG_GUARD,
                () -> catchJoinery(() -> prepare(preparer, fragmentBomb(10, 10))));
        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refused.getMessage()).isEqualTo("the query selects more than 100000 fields once its fragments are expanded");
        assertThat(refused.path().toString()).isEqualTo("$.query");
    }

    @Test
    void aliasBomb_withinTheFieldLimit_isPrepared_andPastIt_refused() {
        OperationPreparer preparer = new OperationPreparer(0, new DocumentLimits(100_000, 1_000, 200));
        // 1 + 999 aliased fields = 1,000: at the limit
        String atLimit = "{ author { " + "a: id ".repeat(1).replace("a:", "a0:") + aliases(998) + " } }";
        assertThat(prepare(preparer, atLimit).size().fields()).isEqualTo(1_000);
        String past = "{ author { " + aliases(1_000) + " } }";
        assertThatThrownBy(() -> prepare(preparer, past)).isInstanceOf(JoineryException.class)
                .hasMessage("the query selects more than 1000 fields once its fragments are expanded");
    }

    @Test
    void tokensPastTheLimit_areRefusedWhileParsing() {
        OperationPreparer preparer = new OperationPreparer(0, new DocumentLimits(50, 100_000, 200));
        assertThat(prepare(preparer, "{ author { id name } }").size().fields()).isEqualTo(3);
        assertThatThrownBy(() -> prepare(preparer, "{ author { " + aliases(30) + " } }"))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).startsWith("the query is too large: ").contains("50");
                });
    }

    @Test
    void defaultTokenLimit_is100000() {
        OperationPreparer preparer = new OperationPreparer(0);
        // 3 tokens per alias ("aN", ":", "id"): about 120,000 tokens
        String query = "{ author { " + aliases(40_000) + " } }";
        JoineryException refused = assertTimeoutPreemptively(HANG_GUARD, () -> catchJoinery(() -> prepare(preparer, query)));
        assertThat(refused.getMessage()).startsWith("the query is too large: ").contains("100,000");
    }

    @Test
    void chainOfFragments_isPreparedUpToTheNestingLimit_andRefusedPastIt() {
        OperationPreparer preparer = new OperationPreparer(0);
        // author > 198 spreads > id: 200 levels
        PreparedOperation atLimit = prepare(preparer, fragmentChain(198));
        assertThat(atLimit.size().fields()).isEqualTo(2);
        assertThat(atLimit.size().nesting()).isEqualTo(200);
        assertThatThrownBy(() -> prepare(preparer, fragmentChain(199))).isInstanceOf(JoineryException.class)
                .hasMessage("the query nests fields and fragment spreads more than 200 levels deep");
    }

    @Test
    void chainOfTenThousandFragments_isRefused_withoutADeepStack() {
        OperationPreparer preparer = new OperationPreparer(0);
        JoineryException refused = assertTimeoutPreemptively(HANG_GUARD,
                () -> catchJoinery(() -> prepare(preparer, fragmentChain(10_000))));
        assertThat(refused.getMessage()).isEqualTo("the query nests fields and fragment spreads more than 200 levels deep");
    }

    /** `author { ...F0 }`, each fragment spreading the next, the last one selecting `id`. */
    private static String fragmentChain(int length) {
        StringBuilder query = new StringBuilder("query { author { ...F0 } }\n");
        for (int i = 0; i < length - 1; i++) {
            query.append("fragment F").append(i).append(" on author { ...F").append(i + 1).append(" }\n");
        }
        query.append("fragment F").append(length - 1).append(" on author { id }\n");
        return query.toString();
    }

    private static String aliases(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append('a').append(i + 1).append(": id ");
        }
        return out.toString();
    }

    private static JoineryException catchJoinery(Runnable action) {
        try {
            action.run();
        } catch (JoineryException e) {
            return e;
        }
        throw new AssertionError("expected a JoineryException");
    }
}
