SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0) ORDER BY (
        SELECT count(*)
        FROM "public"."article" AS t2
        WHERE t2."author_id" = t0."id"
      ) DESC NULLS FIRST, (
        SELECT max(t3."rating")
        FROM "public"."article" AS t3
        WHERE t3."author_id" = t0."id"
      ) ASC NULLS LAST, t0."id" ASC NULLS LAST), '[]')
      FROM "public"."author" AS t0, LATERAL (
        SELECT t0."name" AS "name"
      ) AS e0
      WHERE (
        SELECT count(DISTINCT t1."rating")
        FROM "public"."article" AS t1
        WHERE t1."author_id" = t0."id" AND t1."rating" IS NOT NULL
      ) >= ($1)::integer
    ) AS "author", (
      SELECT coalesce(json_agg(row_to_json(e4) ORDER BY (
        SELECT (
          SELECT count(*)
          FROM "public"."article" AS t6
          WHERE t6."author_id" = t5."id"
        )
        FROM "public"."author" AS t5
        WHERE t5."id" = t4."author_id"
        LIMIT 1
      ) DESC NULLS FIRST), '[]')
      FROM "public"."article" AS t4, LATERAL (
        SELECT t4."id" AS "id"
      ) AS e4
    ) AS "article"
  ) AS "o$"
)) AS data
