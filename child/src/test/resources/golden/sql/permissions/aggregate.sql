SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT json_build_object('aggregate', json_build_object('count', count(*)))
      FROM "public"."article" AS t0
      WHERE EXISTS (
        SELECT 1
        FROM "public"."author" AS t1
        WHERE t1."id" = t0."author_id" AND t1."id" = ($1)::integer
      )
    ) AS "article_aggregate", (
      SELECT coalesce(json_agg(row_to_json(e2)), '[]')
      FROM "public"."author" AS t2, LATERAL (
        SELECT (
          SELECT json_build_object('aggregate', json_build_object('count', count(*)))
          FROM "public"."article" AS t3
          WHERE t3."author_id" = t2."id" AND (EXISTS (
            SELECT 1
            FROM "public"."author" AS t4
            WHERE t4."id" = t3."author_id" AND t4."id" = ($2)::integer
          )) AND (t3."rating" > ($3)::integer)
        ) AS "articles_aggregate"
      ) AS e2
      WHERE t2."id" = ($4)::integer
    ) AS "author"
  ) AS "o$"
)) AS data
