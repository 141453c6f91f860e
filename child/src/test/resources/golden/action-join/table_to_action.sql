SELECT json_build_object('author', (
  SELECT coalesce(json_agg(json_build_object('name', t0."name", 'stats', json_build_object('id', t0."id"), 'articles', (
    SELECT coalesce(json_agg(json_build_object('title', t1."title")), '[]')
    FROM "public"."article" AS t1
    WHERE t1."author_id" = t0."id"
  )) ORDER BY t0."id" ASC NULLS LAST), '[]')
  FROM "public"."author" AS t0
)) AS data
