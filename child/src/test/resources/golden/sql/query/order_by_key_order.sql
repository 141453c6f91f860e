SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0) ORDER BY t0."title" ASC NULLS LAST, (
        SELECT t1."bio"
        FROM "public"."author" AS t1
        WHERE t1."id" = t0."author_id"
        LIMIT 1
      ) DESC NULLS FIRST, (
        SELECT t2."name"
        FROM "public"."author" AS t2
        WHERE t2."id" = t0."author_id"
        LIMIT 1
      ) DESC NULLS FIRST, t0."id" DESC NULLS FIRST), '[]')
      FROM "public"."article" AS t0, LATERAL (
        SELECT t0."id" AS "id"
      ) AS e0
    ) AS "article", (
      SELECT coalesce(json_agg(row_to_json(e3) ORDER BY t3."rating" ASC NULLS LAST, t3."id" ASC NULLS LAST, t3."title" DESC NULLS FIRST), '[]')
      FROM "public"."article" AS t3, LATERAL (
        SELECT t3."id" AS "id"
      ) AS e3
    ) AS "listed"
  ) AS "o$"
)) AS data
