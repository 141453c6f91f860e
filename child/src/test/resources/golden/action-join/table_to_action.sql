SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0) ORDER BY t0."id" ASC NULLS LAST), '[]')
      FROM "public"."author" AS t0, LATERAL (
        SELECT t0."name" AS "name", row_to_json((
          SELECT "o$"
          FROM (
            SELECT t0."id" AS "id"
          ) AS "o$"
        )) AS "stats", (
          SELECT coalesce(json_agg(row_to_json(e1)), '[]')
          FROM "public"."article" AS t1, LATERAL (
            SELECT t1."title" AS "title"
          ) AS e1
          WHERE t1."author_id" = t0."id"
        ) AS "articles"
      ) AS e0
    ) AS "author"
  ) AS "o$"
)) AS data
