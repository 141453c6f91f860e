SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(r0.j ORDER BY r0.o0 ASC NULLS LAST), '[]')
      FROM (
        SELECT row_to_json(e0) AS j, (
          SELECT t2."name"
          FROM "public"."author" AS t2
          WHERE t2."id" = t0."author_id" AND t2."id" = ($1)::integer
          LIMIT 1
        ) AS o0
        FROM "public"."article" AS t0, LATERAL (
          SELECT t0."title" AS "title"
        ) AS e0
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
      ) AS r0
    ) AS "article", (
      SELECT coalesce(json_agg(row_to_json(e3) ORDER BY (
        SELECT count(*)
        FROM "public"."article" AS t4
        WHERE t4."author_id" = t3."id" AND EXISTS (
          SELECT 1
          FROM "public"."author" AS t5
          WHERE t5."id" = t4."author_id" AND t5."id" = ($4)::integer
        )
      ) DESC NULLS FIRST), '[]')
      FROM "public"."author" AS t3, LATERAL (
        SELECT t3."name" AS "name"
      ) AS e3
      WHERE t3."id" = ($5)::integer
    ) AS "author"
  ) AS "o$"
)) AS data
