SELECT json_build_object('article', (
  SELECT coalesce(json_agg(json_build_object('id', t0."id", 'author', (
    SELECT json_build_object('name', t2."name")
    FROM "public"."author" AS t2
    WHERE t2."id" = t0."author_id"
    LIMIT 1
  )) ORDER BY (
    SELECT t1."name"
    FROM "public"."author" AS t1
    WHERE t1."id" = t0."author_id"
    LIMIT 1
  ) DESC NULLS FIRST, t0."rating" ASC NULLS FIRST, t0."id" DESC NULLS LAST), '[]')
  FROM "public"."article" AS t0
)) AS data
