SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0)), '[]')
      FROM "public"."author" AS t0, LATERAL (
        SELECT t0."name" AS "name"
      ) AS e0
      WHERE EXISTS (
        SELECT 1
        FROM "public"."article" AS t1
        WHERE t1."author_id" = t0."id" AND (t1."rating" > ($1)::integer) AND (EXISTS (
          SELECT 1
          FROM "public"."comment" AS t2
          WHERE t2."article_id" = t1."id" AND t2."body" ILIKE ($2)::text
        ))
      )
    ) AS "author", (
      SELECT coalesce(json_agg(row_to_json(e3)), '[]')
      FROM "public"."article" AS t3, LATERAL (
        SELECT t3."title" AS "title"
      ) AS e3
      WHERE EXISTS (
        SELECT 1
        FROM "public"."author" AS t4
        WHERE t4."id" = t3."author_id" AND t4."name" ~ ($3)::text
      )
    ) AS "article"
  ) AS "o$"
)) AS data
