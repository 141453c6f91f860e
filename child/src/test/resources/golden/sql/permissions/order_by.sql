SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0) ORDER BY (
        SELECT t3."name"
        FROM "public"."author" AS t3
        WHERE t3."id" = t0."author_id" AND t3."id" = ($1)::integer
        LIMIT 1
      ) ASC NULLS LAST), '[]')
      FROM (
        SELECT t0.*
        FROM "public"."article" AS t0
        WHERE EXISTS (
          SELECT 1
          FROM "public"."author" AS t1
          WHERE t1."id" = t0."author_id" AND t1."id" = ($2)::integer
        )
        ORDER BY (
          SELECT t2."name"
          FROM "public"."author" AS t2
          WHERE t2."id" = t0."author_id" AND t2."id" = ($3)::integer
          LIMIT 1
        ) ASC NULLS LAST
        LIMIT 10
      ) AS t0, LATERAL (
        SELECT t0."title" AS "title"
      ) AS e0
    ) AS "article", (
      SELECT coalesce(json_agg(row_to_json(e4) ORDER BY (
        SELECT count(*)
        FROM "public"."article" AS t5
        WHERE t5."author_id" = t4."id" AND EXISTS (
          SELECT 1
          FROM "public"."author" AS t6
          WHERE t6."id" = t5."author_id" AND t6."id" = ($4)::integer
        )
      ) DESC NULLS FIRST), '[]')
      FROM "public"."author" AS t4, LATERAL (
        SELECT t4."name" AS "name"
      ) AS e4
      WHERE t4."id" = ($5)::integer
    ) AS "author"
  ) AS "o$"
)) AS data
