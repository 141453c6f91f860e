SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0) ORDER BY t0."id" ASC NULLS LAST), '[]')
      FROM "public"."author" AS t0, LATERAL (
        SELECT t0."name" AS "name", (
          SELECT json_build_object('aggregate', json_build_object('count', count(*), 'sum', json_build_object('rating', sum((r0.v)."rating"))), 'nodes', coalesce(json_agg(row_to_json((
            SELECT "o$"
            FROM (
              SELECT (r0.v)."title" AS "title", (
                SELECT json_build_object('aggregate', json_build_object('count', count(*)))
                FROM "public"."comment" AS t2
                WHERE t2."article_id" = (r0.v)."id"
              ) AS "comments_aggregate"
            ) AS "o$"
          )) ORDER BY r0.o0 DESC NULLS FIRST), '[]'))
          FROM (
            SELECT t1 AS v, t1."rating" AS o0
            FROM "public"."article" AS t1
            WHERE t1."author_id" = t0."id"
            ORDER BY t1."rating" DESC NULLS FIRST
            LIMIT 2
            OFFSET 1
          ) AS r0
        ) AS "articles_aggregate"
      ) AS e0
    ) AS "author"
  ) AS "o$"
)) AS data
