SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0)), '[]')
      FROM "public"."article" AS t0, LATERAL (
        SELECT t0."id" AS "id", t0."title" AS "title"
      ) AS e0
      WHERE ((t0."id" = ANY(($1)::integer[])) AND (t0."id" <> ALL(($2)::integer[]))) AND ((t0."title" LIKE ($3)::text) AND (t0."title" NOT ILIKE ($4)::text)) AND ((t0."rating" <> ($5)::integer) AND (t0."rating" >= ($6)::integer) AND (t0."rating" < ($7)::integer)) AND (t0."published_at" IS NOT NULL)
    ) AS "article"
  ) AS "o$"
)) AS data
