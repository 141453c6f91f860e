-- errors at $.selectionSet.insert_author.args.objects
WITH m0 AS (INSERT INTO "public"."author" AS t0 ("id", "name", "bio") VALUES (($1)::integer, ($2)::text, DEFAULT), (($3)::integer, ($4)::text, ($5)::text) RETURNING *) SELECT (
  SELECT count(*)
  FROM m0
) AS affected_rows, (
  SELECT coalesce(json_agg(m0), '[]')
  FROM m0
)::text AS rows
-- then, with $1 = the written rows and $2 = affected_rows
WITH m0 AS (
  SELECT *
  FROM json_populate_recordset(null::"public"."author", ($1)::json)
), n0 AS (
  SELECT ($2)::bigint AS affected_rows
) SELECT json_build_object('affected_rows', (
  SELECT affected_rows
  FROM n0
), 'returning', (
  SELECT coalesce(json_agg(row_to_json((
    SELECT "o$"
    FROM (
      SELECT t0."id" AS "id", t0."name" AS "name", (
        SELECT coalesce(json_agg(row_to_json(e1)), '[]')
        FROM "public"."article" AS t1, LATERAL (
          SELECT t1."title" AS "title"
        ) AS e1
        WHERE t1."author_id" = t0."id"
      ) AS "articles", ($3)::text AS "__typename"
    ) AS "o$"
  ))), '[]')
  FROM m0 AS t0
), '__typename', ($4)::text) AS data
-- errors at $.selectionSet.insert_author_one.args.object
WITH m0 AS (INSERT INTO "public"."author" AS t0 ("id", "name") VALUES (($1)::integer, ($2)::text) RETURNING *) SELECT (
  SELECT row_to_json((
    SELECT "o$"
    FROM (
      SELECT t1."id" AS "id"
    ) AS "o$"
  ))
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
