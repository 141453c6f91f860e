-- errors at $.selectionSet.insert_article.args.objects
WITH m0 AS (INSERT INTO "public"."article" AS t0 ("title", "author_id", "rating") VALUES (($1)::text, ($2)::integer, ($3)::integer) RETURNING *), c0 AS (
  SELECT CASE WHEN EXISTS (
    SELECT 1
    FROM m0 AS t1
    WHERE NOT coalesce((EXISTS (
      SELECT 1
      FROM "public"."author" AS t2
      WHERE (t2."id" = t1."author_id") AND (t2."id" = ($4)::integer)
    )), false)
  ) THEN (($5)::text || (
    SELECT count(*)
    FROM m0
  ))::integer END AS x
) SELECT json_build_object('affected_rows', (
  SELECT count(*)
  FROM m0
), 'returning', (
  SELECT coalesce(json_agg(row_to_json((
    SELECT "o$"
    FROM (
      SELECT t3."id" AS "id"
    ) AS "o$"
  ))), '[]')
  FROM m0 AS t3
  WHERE EXISTS (
    SELECT 1
    FROM "public"."author" AS t4
    WHERE t4."id" = t3."author_id" AND t4."id" = ($6)::integer
  )
)) AS data
WHERE (
  SELECT count(x)
  FROM c0
) = 0
