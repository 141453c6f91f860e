SELECT json_build_object('author', (
  SELECT coalesce(json_agg(json_build_object('name', t0."name", 'articles', (
    SELECT coalesce(json_agg(r0.j ORDER BY r0.o0 ASC NULLS LAST), '[]')
    FROM (
      SELECT json_build_object('title', t1."title", 'comments', (
        SELECT coalesce(json_agg(json_build_object('body', t2."body", 'article', (
          SELECT json_build_object('id', t3."id")
          FROM "public"."article" AS t3
          WHERE t3."id" = t2."article_id"
          LIMIT 1
        )) ORDER BY t2."id" DESC NULLS FIRST), '[]')
        FROM "public"."comment" AS t2
        WHERE t2."article_id" = t1."id"
      )) AS j, t1."id" AS o0
      FROM "public"."article" AS t1
      WHERE t1."author_id" = t0."id" AND t1."rating" >= ($1)::integer
      ORDER BY t1."id" ASC NULLS LAST
      LIMIT 2
    ) AS r0
  ))), '[]')
  FROM "public"."author" AS t0
  WHERE t0."id" = ($2)::integer
)) AS data
