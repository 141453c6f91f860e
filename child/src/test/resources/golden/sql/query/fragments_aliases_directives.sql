SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0)), '[]')
      FROM "public"."author" AS t0, LATERAL (
        SELECT t0."id" AS "id", t0."name" AS "name", t0."name" AS "n", (
          SELECT coalesce(json_agg(row_to_json(e1)), '[]')
          FROM "public"."article" AS t1, LATERAL (
            SELECT t1."title" AS "t"
          ) AS e1
          WHERE t1."author_id" = t0."id"
        ) AS "posts"
      ) AS e0
    ) AS "writers"
  ) AS "o$"
)) AS data
