SELECT json_build_object('article', (
  SELECT coalesce(json_agg(r0.j ORDER BY r0.o0 ASC NULLS LAST, r0.o1 DESC NULLS FIRST), '[]')
  FROM (
    SELECT DISTINCT ON (t0."author_id") json_build_object('author_id', t0."author_id", 'title', t0."title") AS j, t0."author_id" AS o0, t0."rating" AS o1
    FROM "public"."article" AS t0
    ORDER BY t0."author_id" ASC NULLS LAST, t0."rating" DESC NULLS FIRST
  ) AS r0
), 'by_default', (
  SELECT coalesce(json_agg(r1.j ORDER BY r1.o0 ASC NULLS LAST), '[]')
  FROM (
    SELECT DISTINCT ON (t1."author_id") json_build_object('author_id', t1."author_id") AS j, t1."author_id" AS o0
    FROM "public"."article" AS t1
    ORDER BY t1."author_id" ASC NULLS LAST
  ) AS r1
)) AS data
