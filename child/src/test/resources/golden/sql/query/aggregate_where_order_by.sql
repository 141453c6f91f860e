SELECT json_build_object('author', (
  SELECT coalesce(json_agg(json_build_object('name', t0."name") ORDER BY (
    SELECT count(*)
    FROM "public"."article" AS t2
    WHERE t2."author_id" = t0."id"
  ) DESC NULLS FIRST, (
    SELECT max(t3."rating")
    FROM "public"."article" AS t3
    WHERE t3."author_id" = t0."id"
  ) ASC NULLS LAST, t0."id" ASC NULLS LAST), '[]')
  FROM "public"."author" AS t0
  WHERE (
    SELECT count(DISTINCT t1."rating")
    FROM "public"."article" AS t1
    WHERE t1."author_id" = t0."id" AND t1."rating" IS NOT NULL
  ) >= ($1)::integer
), 'article', (
  SELECT coalesce(json_agg(json_build_object('id', t4."id") ORDER BY (
    SELECT (
      SELECT count(*)
      FROM "public"."article" AS t6
      WHERE t6."author_id" = t5."id"
    )
    FROM "public"."author" AS t5
    WHERE t5."id" = t4."author_id"
    LIMIT 1
  ) DESC NULLS FIRST), '[]')
  FROM "public"."article" AS t4
)) AS data
