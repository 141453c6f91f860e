SELECT json_build_object('__typename', ($1)::text, 'author', (
  SELECT coalesce(json_agg(json_build_object('__typename', ($2)::text, 'kind', ($3)::text, 'id', t0."id")), '[]')
  FROM "public"."author" AS t0
)) AS data
