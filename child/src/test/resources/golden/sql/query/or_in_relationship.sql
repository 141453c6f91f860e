SELECT json_build_object('author', (
  SELECT coalesce(json_agg(json_build_object('articles', (
    SELECT coalesce(json_agg(json_build_object('id', t1."id")), '[]')
    FROM "public"."article" AS t1
    WHERE t1."author_id" = t0."id" AND ((t1."rating" = ($1)::integer) OR (t1."rating" = ($2)::integer))
  ))), '[]')
  FROM "public"."author" AS t0
), 'article', (
  SELECT coalesce(json_agg(json_build_object('id', t2."id")), '[]')
  FROM "public"."article" AS t2
  WHERE EXISTS (
    SELECT 1
    FROM "public"."author" AS t3
    WHERE t3."id" = t2."author_id" AND ((t3."name" = ($3)::text) OR (t3."bio" IS NULL))
  )
)) AS data
