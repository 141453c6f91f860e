SELECT json_build_object('author', (
  SELECT coalesce(json_agg(json_build_object('id', t0."id")), '[]')
  FROM "public"."author" AS t0
  WHERE ((t0."name" = ($1)::text) OR ((t0."bio" IS NULL) AND (NOT (t0."id" > ($2)::integer))))
), 'empty_or', (
  SELECT coalesce(json_agg(json_build_object('id', t1."id")), '[]')
  FROM "public"."author" AS t1
  WHERE false
), 'everything', (
  SELECT coalesce(json_agg(json_build_object('id', t2."id")), '[]')
  FROM "public"."author" AS t2
)) AS data
