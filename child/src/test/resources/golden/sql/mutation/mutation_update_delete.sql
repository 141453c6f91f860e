-- errors at $
WITH m0 AS (UPDATE "public"."article" AS t0 SET "title" = ($1)::text, "rating" = t0."rating" + ($2)::integer WHERE EXISTS (
  SELECT 1
  FROM "public"."author" AS t1
  WHERE t1."id" = t0."author_id" AND t1."name" = ($3)::text
) RETURNING *) SELECT (
  SELECT count(*)
  FROM m0
) AS affected_rows, (
  SELECT coalesce(json_agg(m0), '[]')
  FROM m0
)::text AS rows
-- then, with $1 = the written rows and $2 = affected_rows
WITH m0 AS (
  SELECT *
  FROM json_populate_recordset(null::"public"."article", ($1)::json)
), n0 AS (
  SELECT ($2)::bigint AS affected_rows
) SELECT json_build_object('affected_rows', (
  SELECT affected_rows
  FROM n0
), 'returning', (
  SELECT coalesce(json_agg(row_to_json((
    SELECT "o$"
    FROM (
      SELECT t0."id" AS "id", t0."rating" AS "rating", (
        SELECT row_to_json(e1)
        FROM "public"."author" AS t1, LATERAL (
          SELECT t1."name" AS "name"
        ) AS e1
        WHERE t1."id" = t0."author_id"
        LIMIT 1
      ) AS "author"
    ) AS "o$"
  ))), '[]')
  FROM m0 AS t0
)) AS data
-- errors at $
WITH m0 AS (UPDATE "public"."article" AS t0 SET "rating" = t0."rating" + ($1)::integer WHERE t0."id" = ($2)::integer RETURNING *) SELECT (
  SELECT row_to_json((
    SELECT "o$"
    FROM (
      SELECT t1."rating" AS "rating"
    ) AS "o$"
  ))
  FROM m0 AS t1
  LIMIT 1
) AS data
-- errors at $
WITH m0 AS (UPDATE "other"."profile" AS t0 SET "settings" = ($1)::jsonb, "score" = ($2)::numeric WHERE true RETURNING *) SELECT json_build_object('affected_rows', (
  SELECT count(*)
  FROM m0
)) AS data
-- errors at $
WITH m0 AS (DELETE FROM "public"."comment" AS t0 WHERE t0."body" LIKE ($1)::text RETURNING *) SELECT json_build_object('affected_rows', (
  SELECT count(*)
  FROM m0
), 'returning', (
  SELECT coalesce(json_agg(row_to_json((
    SELECT "o$"
    FROM (
      SELECT t1."id" AS "id"
    ) AS "o$"
  ))), '[]')
  FROM m0 AS t1
)) AS data
-- errors at $
WITH m0 AS (DELETE FROM "public"."comment" AS t0 WHERE t0."id" = ($1)::integer RETURNING *) SELECT (
  SELECT row_to_json((
    SELECT "o$"
    FROM (
      SELECT t1."id" AS "id", t1."body" AS "body"
    ) AS "o$"
  ))
  FROM m0 AS t1
  LIMIT 1
) AS data
