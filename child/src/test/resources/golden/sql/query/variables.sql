SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0)), '[]')
      FROM "public"."author" AS t0, LATERAL (
        SELECT t0."id" AS "id", (
          SELECT coalesce(json_agg(r0.j), '[]')
          FROM (
            SELECT row_to_json(e1) AS j
            FROM "public"."article" AS t1, LATERAL (
              SELECT t1."id" AS "id"
            ) AS e1
            WHERE t1."author_id" = t0."id" AND t1."rating" > ($1)::integer
            LIMIT 5
          ) AS r0
        ) AS "articles"
      ) AS e0
      WHERE (t0."id" = ANY(($2)::integer[])) AND (t0."name" = ($3)::text)
    ) AS "author"
  ) AS "o$"
)) AS data
