-- errors at $.selectionSet.insert_author.args.objects
WITH w0 AS (INSERT INTO "public"."author" AS t0 ("id", "name") VALUES (($1)::integer, ($2)::text) RETURNING *), g0 AS (
  SELECT CASE WHEN NOT EXISTS (
    SELECT 1
    FROM w0
  ) THEN (($3)::text || (
    SELECT count(*)
    FROM w0
  ))::integer END AS x
), w1 AS (INSERT INTO "public"."article" AS t1 ("id", "title", "author_id") VALUES (($4)::integer, ($5)::text, (
  SELECT "id"
  FROM w0
  WHERE (
    SELECT count(x)
    FROM g0
  ) = 0
)) RETURNING *), g1 AS (
  SELECT CASE WHEN NOT EXISTS (
    SELECT 1
    FROM w1
  ) THEN (($6)::text || (
    SELECT count(*)
    FROM w1
  ))::integer END AS x
), w2 AS (INSERT INTO "public"."comment" AS t2 ("id", "body", "article_id") VALUES (($7)::integer, ($8)::text, (
  SELECT "id"
  FROM w1
  WHERE (
    SELECT count(x)
    FROM g1
  ) = 0
)) RETURNING *), w3 AS (INSERT INTO "public"."article" AS t3 ("id", "title", "author_id") VALUES (($9)::integer, ($10)::text, (
  SELECT "id"
  FROM w0
  WHERE (
    SELECT count(x)
    FROM g0
  ) = 0
)) RETURNING *), w4 AS (INSERT INTO "public"."author" AS t4 ("id", "name") VALUES (($11)::integer, ($12)::text) RETURNING *), m0 AS (
  SELECT *
  FROM w0 UNION ALL SELECT *
  FROM w4
) SELECT (
  SELECT count(*)
  FROM w0
) + (
  SELECT count(*)
  FROM w1
) + (
  SELECT count(*)
  FROM w2
) + (
  SELECT count(*)
  FROM w3
) + (
  SELECT count(*)
  FROM w4
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
      SELECT t0."name" AS "name", (
        SELECT coalesce(json_agg(row_to_json(e1)), '[]')
        FROM "public"."article" AS t1, LATERAL (
          SELECT t1."title" AS "title", (
            SELECT coalesce(json_agg(row_to_json(e2)), '[]')
            FROM "public"."comment" AS t2, LATERAL (
              SELECT t2."body" AS "body"
            ) AS e2
            WHERE t2."article_id" = t1."id"
          ) AS "comments"
        ) AS e1
        WHERE t1."author_id" = t0."id"
      ) AS "articles"
    ) AS "o$"
  ))), '[]')
  FROM m0 AS t0
)) AS data
-- errors at $.selectionSet.insert_comment_one.args.object
WITH w0 AS (INSERT INTO "public"."author" AS t0 ("id", "name") VALUES (($1)::integer, ($2)::text) RETURNING *), g0 AS (
  SELECT CASE WHEN NOT EXISTS (
    SELECT 1
    FROM w0
  ) THEN (($3)::text || (
    SELECT count(*)
    FROM w0
  ))::integer END AS x
), w1 AS (INSERT INTO "public"."article" AS t1 ("id", "title", "author_id") VALUES (($4)::integer, ($5)::text, (
  SELECT "id"
  FROM w0
  WHERE (
    SELECT count(x)
    FROM g0
  ) = 0
)) RETURNING *), g1 AS (
  SELECT CASE WHEN NOT EXISTS (
    SELECT 1
    FROM w1
  ) THEN (($6)::text || (
    SELECT count(*)
    FROM w1
  ))::integer END AS x
), w2 AS (INSERT INTO "public"."comment" AS t2 ("id", "body", "article_id") VALUES (($7)::integer, ($8)::text, (
  SELECT "id"
  FROM w1
  WHERE (
    SELECT count(x)
    FROM g1
  ) = 0
)) RETURNING *), m0 AS (
  SELECT *
  FROM w2
) SELECT (
  SELECT count(*)
  FROM w0
) + (
  SELECT count(*)
  FROM w1
) + (
  SELECT count(*)
  FROM w2
) AS affected_rows, (
  SELECT coalesce(json_agg(m0), '[]')
  FROM m0
)::text AS rows
-- then, with $1 = the written rows and $2 = affected_rows
WITH m0 AS (
  SELECT *
  FROM json_populate_recordset(null::"public"."comment", ($1)::json)
), n0 AS (
  SELECT ($2)::bigint AS affected_rows
) SELECT (
  SELECT row_to_json((
    SELECT "o$"
    FROM (
      SELECT t0."id" AS "id", (
        SELECT row_to_json(e1)
        FROM "public"."article" AS t1, LATERAL (
          SELECT t1."title" AS "title", (
            SELECT row_to_json(e2)
            FROM "public"."author" AS t2, LATERAL (
              SELECT t2."name" AS "name"
            ) AS e2
            WHERE t2."id" = t1."author_id"
            LIMIT 1
          ) AS "author"
        ) AS e1
        WHERE t1."id" = t0."article_id"
        LIMIT 1
      ) AS "article"
    ) AS "o$"
  ))
  FROM m0 AS t0
  LIMIT 1
) AS data
