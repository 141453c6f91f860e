-- errors at $
WITH m0 AS (UPDATE "public"."article" AS t0 SET "title" = ($1)::text, "published_at" = ($2)::timestamp with time zone WHERE (t0."author_id" = ($3)::integer) AND (t0."id" = ($4)::integer) RETURNING *), c0 AS (
  SELECT CASE WHEN EXISTS (
    SELECT 1
    FROM m0 AS t1
    WHERE NOT coalesce((t1."title" <> ($5)::text), false)
  ) THEN (($6)::text || (
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
      SELECT t2."title" AS "title"
    ) AS "o$"
  ))), '[]')
  FROM m0 AS t2
  WHERE EXISTS (
    SELECT 1
    FROM "public"."author" AS t3
    WHERE t3."id" = t2."author_id" AND t3."id" = ($7)::integer
  )
)) AS data
WHERE (
  SELECT count(x)
  FROM c0
) = 0
