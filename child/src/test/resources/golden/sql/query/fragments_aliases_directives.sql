SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json((
        SELECT "o$"
        FROM (
          SELECT t0."id" AS "id", t0."name" AS "name", t0."name" AS "n", (
            SELECT coalesce(json_agg(row_to_json((
              SELECT "o$"
              FROM (
                SELECT t1."title" AS "t"
              ) AS "o$"
            ))), '[]')
            FROM "public"."article" AS t1
            WHERE t1."author_id" = t0."id"
          ) AS "posts"
        ) AS "o$"
      ))), '[]')
      FROM "public"."author" AS t0
    ) AS "writers"
  ) AS "o$"
)) AS data
