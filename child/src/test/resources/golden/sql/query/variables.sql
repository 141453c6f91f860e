SELECT json_build_object('author', (
  SELECT coalesce(json_agg(json_build_object('id', t0."id", 'articles', (
    SELECT coalesce(json_agg(r0.j), '[]')
    FROM (
      SELECT json_build_object('id', t1."id") AS j
      FROM "public"."article" AS t1
      WHERE t1."author_id" = t0."id" AND t1."rating" > ($1)::integer
      LIMIT 5
    ) AS r0
  ))), '[]')
  FROM "public"."author" AS t0
  WHERE (t0."id" = ANY(($2)::integer[])) AND (t0."name" = ($3)::text)
)) AS data
