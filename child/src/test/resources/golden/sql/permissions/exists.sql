SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0)), '[]')
      FROM "public"."comment" AS t0, LATERAL (
        SELECT t0."body" AS "body"
      ) AS e0
      WHERE (EXISTS (
        SELECT 1
        FROM "public"."author" AS t1
        WHERE t1."id" = ($1)::integer
      )) AND (EXISTS (
        SELECT 1
        FROM "public"."article" AS t2
        WHERE t2."id" = t0."article_id" AND (EXISTS (
          SELECT 1
          FROM "public"."author" AS t3
          WHERE t3."id" = t2."author_id" AND t3."id" = ($2)::integer
        )) AND (t2."title" = ($3)::text)
      ))
    ) AS "comment", (
      SELECT row_to_json(e4)
      FROM "public"."author" AS t4, LATERAL (
        SELECT t4."name" AS "name"
      ) AS e4
      WHERE (t4."id" = ($4)::integer) AND (t4."id" = ($5)::integer)
      LIMIT 1
    ) AS "author_by_pk"
  ) AS "o$"
)) AS data
