SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0) ORDER BY (
        SELECT t1."name"
        FROM "public"."author" AS t1
        WHERE t1."id" = t0."author_id"
        LIMIT 1
      ) DESC NULLS FIRST, t0."rating" ASC NULLS FIRST, t0."id" DESC NULLS LAST), '[]')
      FROM "public"."article" AS t0, LATERAL (
        SELECT t0."id" AS "id", (
          SELECT row_to_json(e2)
          FROM "public"."author" AS t2, LATERAL (
            SELECT t2."name" AS "name"
          ) AS e2
          WHERE t2."id" = t0."author_id"
          LIMIT 1
        ) AS "author"
      ) AS e0
    ) AS "article"
  ) AS "o$"
)) AS data
