SELECT json_build_object('article', (
  SELECT coalesce(json_agg(r0.j ORDER BY r0.o0 ASC NULLS LAST), '[]')
  FROM (
    SELECT json_build_object('id', t0."id", 'title', t0."title", 'rating', CASE WHEN t0."author_id" = ($1)::integer THEN t0."rating" ELSE NULL END, 'author', (
      SELECT json_build_object('name', t1."name", 'bio', CASE WHEN t1."id" = ($2)::integer THEN t1."bio" ELSE NULL END)
      FROM "public"."author" AS t1
      WHERE t1."id" = t0."author_id"
      LIMIT 1
    )) AS j, t0."id" AS o0
    FROM "public"."article" AS t0
    WHERE ((t0."author_id" = ($3)::integer) OR (t0."published_at" IS NOT NULL))
    ORDER BY t0."id" ASC NULLS LAST
    LIMIT 20
  ) AS r0
)) AS data
