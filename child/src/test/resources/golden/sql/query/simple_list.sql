SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0)), '[]')
      FROM "public"."author" AS t0, LATERAL (
        SELECT t0."id" AS "id", t0."name" AS "name"
      ) AS e0
    ) AS "author"
  ) AS "o$"
)) AS data
