SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0)), '[]')
      FROM "public"."author" AS t0, LATERAL (
        SELECT t0."name" AS "name", (
          SELECT coalesce(json_agg(r0.j ORDER BY r0.o0 ASC NULLS LAST), '[]')
          FROM (
            SELECT row_to_json(e1) AS j, t1."id" AS o0
            FROM "public"."article" AS t1, LATERAL (
              SELECT t1."title" AS "title", (
                SELECT row_to_json(e3)
                FROM "public"."author" AS t3, LATERAL (
                  SELECT t3."name" AS "name"
                ) AS e3
                WHERE t3."id" = t1."author_id" AND t3."id" = ($1)::integer
                LIMIT 1
              ) AS "author", (
                SELECT coalesce(json_agg(row_to_json(e4)), '[]')
                FROM "public"."comment" AS t4, LATERAL (
                  SELECT t4."body" AS "body"
                ) AS e4
                WHERE t4."article_id" = t1."id" AND EXISTS (
                  SELECT 1
                  FROM "public"."author" AS t5
                  WHERE t5."id" = ($2)::integer
                )
              ) AS "comments"
            ) AS e1
            WHERE t1."author_id" = t0."id" AND EXISTS (
              SELECT 1
              FROM "public"."author" AS t2
              WHERE t2."id" = t1."author_id" AND t2."id" = ($3)::integer
            )
            ORDER BY t1."id" ASC NULLS LAST
            LIMIT 10
          ) AS r0
        ) AS "articles"
      ) AS e0
      WHERE t0."id" = ($4)::integer
    ) AS "author"
  ) AS "o$"
)) AS data
