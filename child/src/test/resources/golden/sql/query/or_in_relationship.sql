SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0)), '[]')
      FROM "public"."author" AS t0, LATERAL (
        SELECT (
          SELECT coalesce(json_agg(row_to_json(e1)), '[]')
          FROM "public"."article" AS t1, LATERAL (
            SELECT t1."id" AS "id"
          ) AS e1
          WHERE t1."author_id" = t0."id" AND ((t1."rating" = ($1)::integer) OR (t1."rating" = ($2)::integer))
        ) AS "articles"
      ) AS e0
    ) AS "author", (
      SELECT coalesce(json_agg(row_to_json(e2)), '[]')
      FROM "public"."article" AS t2, LATERAL (
        SELECT t2."id" AS "id"
      ) AS e2
      WHERE EXISTS (
        SELECT 1
        FROM "public"."author" AS t3
        WHERE t3."id" = t2."author_id" AND ((t3."name" = ($3)::text) OR (t3."bio" IS NULL))
      )
    ) AS "article"
  ) AS "o$"
)) AS data
