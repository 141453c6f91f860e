package io.joinery.child.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Permission expressions (SPEC §10.1) compiled and rendered as SQL conditions. */
class PermissionExpParserTest {
    static final ResolvedModel MODEL = LibraryFixture.model();
    static final ResolvedTable ARTICLE = MODEL.table(LibraryFixture.ARTICLE).orElseThrow();

    static String sql(String exp, Map<String, String> session) {
        BoolExp parsed = PermissionExpParser.parse(MODEL, ARTICLE, Json.parseBody(exp), ErrorPath.root());
        SelectRenderer renderer = new SelectRenderer(MODEL);
        return renderer.condition(BoolExp.permission(parsed), renderer.nextTable()).toTemplate()
                .bind(SessionVariables.of("user", session)).withParametersInlined();
    }

    @Test
    void dollarSpellings_shorthandEquality_andSessionVariablesCastToTheColumnType() {
        assertThat(sql("{\"$or\": [{\"author_id\": \"X-Hasura-User-Id\"}, {\"rating\": {\"$gt\": 3}}]}",
                Map.of("x-hasura-user-id", "7")))
                .isEqualTo("((t0.\"author_id\" = ('7')::integer) OR (t0.\"rating\" > ('3')::integer))");
        assertThat(sql("{\"author_id\": {\"_in\": \"X-Hasura-Allowed-Ids\"}}", Map.of("x-hasura-allowed-ids", "{1,2}")))
                .isEqualTo("t0.\"author_id\" = ANY(('{1,2}')::integer[])");
    }

    @Test
    void columnComparisons_onTheRowAndOnTheRootRow() {
        assertThat(sql("{\"rating\": {\"_cgt\": \"author_id\"}}", Map.of()))
                .isEqualTo("t0.\"rating\" > t0.\"author_id\"");
        assertThat(sql("{\"_exists\": {\"_table\": \"comment\", \"_where\": {\"article_id\": {\"$ceq\": [\"$\", \"id\"]}}}}",
                Map.of())).isEqualTo("EXISTS (SELECT 1 FROM \"public\".\"comment\" AS t1 WHERE t1.\"article_id\" = t0.\"id\")");
        assertThat(sql("{\"author\": {\"_exists\": {\"_table\": \"comment\", \"_where\": {\"article_id\": {\"_ceq\": [\"$\", \"id\"]}}}}}",
                Map.of())).isEqualTo("EXISTS (SELECT 1 FROM \"public\".\"author\" AS t1 WHERE t1.\"id\" = t0.\"author_id\" AND "
                + "EXISTS (SELECT 1 FROM \"public\".\"comment\" AS t2 WHERE t2.\"article_id\" = t0.\"id\"))");
    }

    @Test
    void missingSessionVariable_isHasurasNotFound() {
        JoineryException e = catchThrowableOfType(JoineryException.class,
                () -> sql("{\"author_id\": {\"_eq\": \"x-hasura-user-id\"}}", Map.of()));
        assertThat(e.code().wire()).isEqualTo("not-found");
        assertThat(e.getMessage()).isEqualTo("missing session variables: \"x-hasura-user-id\"");
    }
}
