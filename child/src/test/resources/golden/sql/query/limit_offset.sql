SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0) ORDER BY t0."name" ASC NULLS LAST), '[]')
      FROM (
        SELECT t0.*
        FROM "public"."author" AS t0
        ORDER BY t0."name" ASC NULLS LAST
        LIMIT 10
        OFFSET 20
      ) AS t0, LATERAL (
        SELECT t0."id" AS "id", t0."name" AS "name"
      ) AS e0
    ) AS "author"
  ) AS "o$"
)) AS data
