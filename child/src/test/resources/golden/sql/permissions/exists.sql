SELECT json_build_object('comment', (
  SELECT coalesce(json_agg(json_build_object('body', t0."body")), '[]')
  FROM "public"."comment" AS t0
  WHERE (EXISTS (
    SELECT 1
    FROM "public"."author" AS t1
    WHERE t1."id" = ($1)::integer
  )) AND (EXISTS (
    SELECT 1
    FROM "public"."article" AS t2
    WHERE t2."id" = t0."article_id" AND (EXISTS (
      SELECT 1
      FROM "public"."author" AS t3
      WHERE t3."id" = t2."author_id" AND t3."id" = ($2)::integer
    )) AND (t2."title" = ($3)::text)
  ))
), 'author_by_pk', (
  SELECT json_build_object('name', t4."name")
  FROM "public"."author" AS t4
  WHERE (t4."id" = ($4)::integer) AND (t4."id" = ($5)::integer)
  LIMIT 1
)) AS data
