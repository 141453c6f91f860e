SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT json_build_object('aggregate', json_build_object('count', count(CASE WHEN t0."author_id" = ($1)::integer THEN t0."rating" ELSE NULL END), 'max', json_build_object('rating', max(CASE WHEN t0."author_id" = ($2)::integer THEN t0."rating" ELSE NULL END)), 'sum', json_build_object('id', sum(t0."id"))))
      FROM "public"."article" AS t0
      WHERE (((t0."author_id" = ($3)::integer) OR (t0."published_at" IS NOT NULL))) AND (CASE WHEN t0."author_id" = ($4)::integer THEN t0."rating" ELSE NULL END > ($5)::integer)
    ) AS "article_aggregate"
  ) AS "o$"
)) AS data
