SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(r0.j), '[]')
      FROM (
        SELECT row_to_json(e0) AS j
        FROM "public"."article" AS t0, LATERAL (
          SELECT t0."title" AS "title", (
            SELECT row_to_json(e1)
            FROM "public"."author" AS t1, LATERAL (
              SELECT row_to_json((
                SELECT "o$"
                FROM (
                  SELECT t1."id" AS "id"
                ) AS "o$"
              )) AS "s"
            ) AS e1
            WHERE t1."id" = t0."author_id"
            LIMIT 1
          ) AS "author"
        ) AS e0
        LIMIT 3
      ) AS r0
    ) AS "article"
  ) AS "o$"
)) AS data
