package io.joinery.child.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.db.Database;
import io.joinery.child.db.SqlRunner;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.GraphqlAnswer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The query hot path reads Postgres' JSON as bytes and splices them into `{"data": ...}`
 * ({@link ResponseBuilder#ofData}); the answer is byte for byte the one the text path built
 * (`{"data":` + the driver's text + `}`), whatever the JSON holds: unicode, escapes, nulls,
 * Postgres' own number formatting, empty and nested values.
 */
class SplicedAnswerIntegrationTest {
    static Database db;
    static SqlRunner sql;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        sql = db.sqlRunner();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT json_build_object('article', json_build_array(json_build_object('id', 1, 'title', 'Grüße, 東京 🚀',"
                    + " 'rating', 4.50::numeric, 'published', true)))",
            "SELECT json_build_object('a', NULL, 'b', json_build_array(NULL, 'x'), 'c', '{}'::json, 'd', '[]'::json)",
            "SELECT json_build_object('n', 1e20::numeric, 'm', -0.000001::numeric, 'f', 1.5::float8, 'big',"
                    + " 123456789012345678901234567890::numeric, 'i', 2147483647)",
            "SELECT json_build_object('esc', E'quote \" backslash \\\\ tab \\t newline \\n nul-free \\u00e9', 'ctrl',"
                    + " chr(1), 'ls', chr(8232))",
            "SELECT json_build_object('ts', '2024-05-01 10:00:00+00'::timestamptz, 'jb',"
                    + " '{\"z\": 1, \"a\": [1, 2.0, null]}'::jsonb)",
            "SELECT json_build_object('x', coalesce(json_agg(t), '[]')) FROM (SELECT 1 AS v WHERE false) t",
            "SELECT '{\"k\" : \"v\"}'::jsonb",
            "SELECT NULL::json"
    })
    void splicedBytes_equalTheTextAnswer(String statement) {
        SqlStatement query = SqlStatement.of(statement);
        String text = sql.queryJson(query).block();
        byte[] utf8 = sql.queryJsonUtf8(query).block();

        assertThat(utf8).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        GraphqlAnswer before = GraphqlAnswer.of("{\"data\":" + text + "}");
        GraphqlAnswer after = ResponseBuilder.ofData(utf8);
        assertThat(after.body()).isEqualTo(before.body());
        assertThat(after.bytes()).isEqualTo(before.body().getBytes(StandardCharsets.UTF_8));
        assertThat(after.setCookies()).isEmpty();
    }
}
