SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(r0.j), '[]')
      FROM (
        SELECT row_to_json(e0) AS j
        FROM "public"."article" AS t0, LATERAL (
          SELECT t0."title" AS "title"
        ) AS e0
        WHERE (EXISTS (
          SELECT 1
          FROM "public"."author" AS t1
          WHERE t1."id" = t0."author_id" AND t1."id" = ($1)::integer
        )) AND (t0."rating" > ($2)::integer)
        LIMIT 10
      ) AS r0
    ) AS "article"
  ) AS "o$"
)) AS data
