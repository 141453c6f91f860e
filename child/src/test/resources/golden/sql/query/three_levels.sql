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
                SELECT coalesce(json_agg(row_to_json(e2) ORDER BY t2."id" DESC NULLS FIRST), '[]')
                FROM "public"."comment" AS t2, LATERAL (
                  SELECT t2."body" AS "body", (
                    SELECT row_to_json(e3)
                    FROM "public"."article" AS t3, LATERAL (
                      SELECT t3."id" AS "id"
                    ) AS e3
                    WHERE t3."id" = t2."article_id"
                    LIMIT 1
                  ) AS "article"
                ) AS e2
                WHERE t2."article_id" = t1."id"
              ) AS "comments"
            ) AS e1
            WHERE t1."author_id" = t0."id" AND t1."rating" >= ($1)::integer
            ORDER BY t1."id" ASC NULLS LAST
            LIMIT 2
          ) AS r0
        ) AS "articles"
      ) AS e0
      WHERE t0."id" = ($2)::integer
    ) AS "author"
  ) AS "o$"
)) AS data
