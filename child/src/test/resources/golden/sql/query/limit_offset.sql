SELECT json_build_object('author', (
  SELECT coalesce(json_agg(r0.j ORDER BY r0.o0 ASC NULLS LAST), '[]')
  FROM (
    SELECT json_build_object('id', t0."id", 'name', t0."name") AS j, t0."name" AS o0
    FROM "public"."author" AS t0
    ORDER BY t0."name" ASC NULLS LAST
    LIMIT 10
    OFFSET 20
  ) AS r0
)) AS data
