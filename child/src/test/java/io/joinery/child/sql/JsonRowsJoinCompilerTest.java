package io.joinery.child.sql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.GraphQLSchema;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.core.error.ErrorPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statement that joins action output rows with tables (SPEC §3.8). */
class JsonRowsJoinCompilerTest {
    private static final ResolvedModel MODEL = ActionFixture.model();
    private static final GraphQLSchema SCHEMA = ChildSchemaBuilder.build(MODEL, "admin");

    @Test
    void objectAndArrayRelationships_oneStatement_rowsInOneParameter() {
        ExecutableNormalizedField orders = NormalizedQuery.rootFields(SCHEMA, """
                { orders { author { name articles { title } } list: articles(where: {rating: {_gt: 3}}, limit: 2) { title } } }""",
                Map.of()).get(0);
        ExecutableNormalizedField author = orders.getChildren().get(0);
        ExecutableNormalizedField articles = orders.getChildren().get(1);
        ErrorPath at = ErrorPath.root().key("selectionSet").key("orders");
        SqlStatement statement = new JsonRowsJoinCompiler(MODEL).compile("{\"r0\": [], \"r1\": []}", List.of(
                new JsonRowsJoinCompiler.Join("r0", MODEL.table(LibraryFixture.AUTHOR).orElseThrow(), true, false, author,
                        at.key("selectionSet").key("author"), Map.of("author_id", "id")),
                new JsonRowsJoinCompiler.Join("r1", MODEL.table(LibraryFixture.ARTICLE).orElseThrow(), false, false, articles,
                        at.key("selectionSet").key("articles"), Map.of("author_id", "author_id"))));
        assertThat(SqlFormat.pretty(statement.text()).strip()).isEqualTo(EXPECTED);
        assertThat(statement.params()).containsExactly("{\"r0\": [], \"r1\": []}", "3");
    }

    private static final String EXPECTED = """
            WITH j AS (
              SELECT ($1)::jsonb AS v
            ) SELECT json_build_object('r0', (
              SELECT coalesce(json_agg(json_build_object('i', a0."__argument_id__", 'v', (
                SELECT row_to_json(e0)
                FROM "public"."author" AS t0, LATERAL (
                  SELECT t0."name" AS "name", (
                    SELECT coalesce(json_agg(row_to_json(e1)), '[]')
                    FROM "public"."article" AS t1, LATERAL (
                      SELECT t1."title" AS "title"
                    ) AS e1
                    WHERE t1."author_id" = t0."id"
                  ) AS "articles"
                ) AS e0
                WHERE t0."id" = a0."author_id"
                LIMIT 1
              ))), '[]')
              FROM j CROSS JOIN LATERAL jsonb_to_recordset(j.v -> 'r0') AS a0("__argument_id__" integer, "author_id" integer)
            ), 'r1', (
              SELECT coalesce(json_agg(json_build_object('i', a1."__argument_id__", 'v', (
                SELECT coalesce(json_agg(r0.j), '[]')
                FROM (
                  SELECT row_to_json(e2) AS j
                  FROM "public"."article" AS t2, LATERAL (
                    SELECT t2."title" AS "title"
                  ) AS e2
                  WHERE t2."author_id" = a1."author_id" AND t2."rating" > ($2)::integer
                  LIMIT 2
                ) AS r0
              ))), '[]')
              FROM j CROSS JOIN LATERAL jsonb_to_recordset(j.v -> 'r1') AS a1("__argument_id__" integer, "author_id" integer)
            )) AS data""";
}
