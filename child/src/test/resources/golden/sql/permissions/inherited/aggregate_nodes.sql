SELECT json_build_object('article_aggregate', (
  SELECT json_build_object('aggregate', json_build_object('count', count(*)), 'nodes', coalesce(json_agg(json_build_object('title', t0."title", 'rating', CASE WHEN t0."author_id" = ($1)::integer THEN t0."rating" ELSE NULL END)), '[]'))
  FROM "public"."article" AS t0
  WHERE ((t0."author_id" = ($2)::integer) OR (t0."published_at" IS NOT NULL))
)) AS data
