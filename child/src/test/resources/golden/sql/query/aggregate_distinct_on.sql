SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT json_build_object('aggregate', json_build_object('count', count(*), 'max', json_build_object('rating', max((r0.v)."rating"))), 'nodes', coalesce(json_agg(row_to_json((
        SELECT "o$"
        FROM (
          SELECT (r0.v)."author_id" AS "author_id", (r0.v)."rating" AS "rating"
        ) AS "o$"
      )) ORDER BY r0.o0 ASC NULLS LAST, r0.o1 DESC NULLS LAST), '[]'))
      FROM (
        SELECT DISTINCT ON (t0."author_id") t0 AS v, t0."author_id" AS o0, t0."rating" AS o1
        FROM "public"."article" AS t0
        ORDER BY t0."author_id" ASC NULLS LAST, t0."rating" DESC NULLS LAST
      ) AS r0
    ) AS "article_aggregate"
  ) AS "o$"
)) AS data
