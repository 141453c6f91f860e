SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json((
        SELECT "o$"
        FROM (
          SELECT t0."id" AS "id", t0."name" AS "name"
        ) AS "o$"
      ))), '[]')
      FROM "public"."author" AS t0
    ) AS "author"
  ) AS "o$"
)) AS data
