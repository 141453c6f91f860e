-- errors at $.selectionSet.insert_author.args.objects
WITH m0 AS (INSERT INTO "public"."author" AS t0 ("id", "name") VALUES (($1)::integer, ($2)::text) ON CONFLICT ON CONSTRAINT "author_pkey" DO UPDATE SET "name" = EXCLUDED."name" WHERE t0."bio" IS NOT NULL RETURNING *) SELECT json_build_object('affected_rows', (
  SELECT count(*)
  FROM m0
)) AS data
-- errors at $.selectionSet.insert_author_one.args.object
WITH m0 AS (INSERT INTO "public"."author" AS t0 ("id", "name") VALUES (($1)::integer, ($2)::text) ON CONFLICT ON CONSTRAINT "author_pkey" DO NOTHING RETURNING *) SELECT (
  SELECT row_to_json((
    SELECT "o$"
    FROM (
      SELECT t1."id" AS "id"
    ) AS "o$"
  ))
  FROM m0 AS t1
  LIMIT 1
) AS data
