SELECT json_build_object('article', (
  SELECT coalesce(json_agg(r0.j), '[]')
  FROM (
    SELECT json_build_object('title', t0."title", 'author', (
      SELECT json_build_object('s', json_build_object('id', t1."id"))
      FROM "public"."author" AS t1
      WHERE t1."id" = t0."author_id"
      LIMIT 1
    )) AS j
    FROM "public"."article" AS t0
    LIMIT 3
  ) AS r0
)) AS data
