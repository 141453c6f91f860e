-- errors at $.selectionSet.insert_author.args.objects
WITH m0 AS (INSERT INTO "public"."author" AS t0 ("id", "name", "bio") VALUES (($1)::integer, ($2)::text, DEFAULT), (($3)::integer, ($4)::text, ($5)::text) RETURNING *) SELECT json_build_object('affected_rows', (
  SELECT count(*)
  FROM m0
), 'returning', (
  SELECT coalesce(json_agg(json_build_object('id', t1."id", 'name', t1."name", 'articles', (
    SELECT coalesce(json_agg(json_build_object('title', t2."title")), '[]')
    FROM "public"."article" AS t2
    WHERE t2."author_id" = t1."id"
  ), '__typename', ($6)::text)), '[]')
  FROM m0 AS t1
), '__typename', ($7)::text) AS data
-- errors at $.selectionSet.insert_author_one.args.object
WITH m0 AS (INSERT INTO "public"."author" AS t0 ("id", "name") VALUES (($1)::integer, ($2)::text) RETURNING *) SELECT (
  SELECT json_build_object('id', t1."id")
  FROM m0 AS t1
  LIMIT 1
) AS data
-- errors at $.selectionSet.insert_article.args.objects
WITH m0 AS (
  SELECT *
  FROM "public"."article" AS t0
  WHERE false
) SELECT json_build_object('affected_rows', (
  SELECT count(*)
  FROM m0
)) AS data
