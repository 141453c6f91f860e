SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(r0.j ORDER BY r0.o0 ASC NULLS LAST), '[]')
      FROM (
        SELECT row_to_json(e0) AS j, t0."name" AS o0
        FROM "public"."author" AS t0, LATERAL (
          SELECT t0."id" AS "id", t0."name" AS "name"
        ) AS e0
        ORDER BY t0."name" ASC NULLS LAST
        LIMIT 10
        OFFSET 20
      ) AS r0
    ) AS "author"
  ) AS "o$"
)) AS data
