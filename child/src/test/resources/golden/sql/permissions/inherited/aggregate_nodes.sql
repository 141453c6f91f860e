SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT json_build_object('aggregate', json_build_object('count', count(*)), 'nodes', coalesce(json_agg(row_to_json((
        SELECT "o$"
        FROM (
          SELECT t0."title" AS "title", CASE WHEN t0."author_id" = ($1)::integer THEN t0."rating" ELSE NULL END AS "rating"
        ) AS "o$"
      ))), '[]'))
      FROM "public"."article" AS t0
      WHERE ((t0."author_id" = ($2)::integer) OR (t0."published_at" IS NOT NULL))
    ) AS "article_aggregate"
  ) AS "o$"
)) AS data
