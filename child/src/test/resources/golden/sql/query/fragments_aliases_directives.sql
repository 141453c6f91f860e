SELECT json_build_object('writers', (
  SELECT coalesce(json_agg(json_build_object('id', t0."id", 'name', t0."name", 'n', t0."name", 'posts', (
    SELECT coalesce(json_agg(json_build_object('t', t1."title")), '[]')
    FROM "public"."article" AS t1
    WHERE t1."author_id" = t0."id"
  ))), '[]')
  FROM "public"."author" AS t0
)) AS data
