SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0)), '[]')
      FROM "public"."author" AS t0, LATERAL (
        SELECT t0."id" AS "id"
      ) AS e0
      WHERE ((t0."name" = ($1)::text) OR ((t0."bio" IS NULL) AND (NOT (t0."id" > ($2)::integer))))
    ) AS "author", (
      SELECT coalesce(json_agg(row_to_json(e1)), '[]')
      FROM "public"."author" AS t1, LATERAL (
        SELECT t1."id" AS "id"
      ) AS e1
      WHERE false
    ) AS "empty_or", (
      SELECT coalesce(json_agg(row_to_json(e2)), '[]')
      FROM "public"."author" AS t2, LATERAL (
        SELECT t2."id" AS "id"
      ) AS e2
    ) AS "everything"
  ) AS "o$"
)) AS data
