SELECT json_build_object('author', (
  SELECT coalesce(json_agg(json_build_object('id', t0."id", 'name', t0."name")), '[]')
  FROM "public"."author" AS t0
)) AS data
