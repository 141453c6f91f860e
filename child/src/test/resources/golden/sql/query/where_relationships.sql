SELECT json_build_object('author', (
  SELECT coalesce(json_agg(json_build_object('name', t0."name")), '[]')
  FROM "public"."author" AS t0
  WHERE EXISTS (
    SELECT 1
    FROM "public"."article" AS t1
    WHERE t1."author_id" = t0."id" AND (t1."rating" > ($1)::integer) AND (EXISTS (
      SELECT 1
      FROM "public"."comment" AS t2
      WHERE t2."article_id" = t1."id" AND t2."body" ILIKE ($2)::text
    ))
  )
), 'article', (
  SELECT coalesce(json_agg(json_build_object('title', t3."title")), '[]')
  FROM "public"."article" AS t3
  WHERE EXISTS (
    SELECT 1
    FROM "public"."author" AS t4
    WHERE t4."id" = t3."author_id" AND t4."name" ~ ($3)::text
  )
)) AS data
