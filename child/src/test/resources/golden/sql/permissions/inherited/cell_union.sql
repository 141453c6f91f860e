SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(r0.j ORDER BY r0.o0 ASC NULLS LAST), '[]')
      FROM (
        SELECT row_to_json(e0) AS j, t0."id" AS o0
        FROM "public"."article" AS t0, LATERAL (
          SELECT t0."id" AS "id", t0."title" AS "title", CASE WHEN t0."author_id" = ($1)::integer THEN t0."rating" ELSE NULL END AS "rating", (
            SELECT row_to_json(e1)
            FROM "public"."author" AS t1, LATERAL (
              SELECT t1."name" AS "name", CASE WHEN t1."id" = ($2)::integer THEN t1."bio" ELSE NULL END AS "bio"
            ) AS e1
            WHERE t1."id" = t0."author_id"
            LIMIT 1
          ) AS "author"
        ) AS e0
        WHERE ((t0."author_id" = ($3)::integer) OR (t0."published_at" IS NOT NULL))
        ORDER BY t0."id" ASC NULLS LAST
        LIMIT 20
      ) AS r0
    ) AS "article"
  ) AS "o$"
)) AS data
