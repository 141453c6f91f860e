SELECT json_build_object('article', (
  SELECT coalesce(json_agg(json_build_object('id', t0."id") ORDER BY t0."title" ASC NULLS LAST, (
    SELECT t1."bio"
    FROM "public"."author" AS t1
    WHERE t1."id" = t0."author_id"
    LIMIT 1
  ) DESC NULLS FIRST, (
    SELECT t2."name"
    FROM "public"."author" AS t2
    WHERE t2."id" = t0."author_id"
    LIMIT 1
  ) DESC NULLS FIRST, t0."id" DESC NULLS FIRST), '[]')
  FROM "public"."article" AS t0
), 'listed', (
  SELECT coalesce(json_agg(json_build_object('id', t3."id") ORDER BY t3."rating" ASC NULLS LAST, t3."id" ASC NULLS LAST, t3."title" DESC NULLS FIRST), '[]')
  FROM "public"."article" AS t3
)) AS data
