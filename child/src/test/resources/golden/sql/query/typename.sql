SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT ($1)::text AS "__typename", (
      SELECT coalesce(json_agg(row_to_json(e0)), '[]')
      FROM "public"."author" AS t0, LATERAL (
        SELECT ($2)::text AS "__typename", ($3)::text AS "kind", t0."id" AS "id"
      ) AS e0
    ) AS "author"
  ) AS "o$"
)) AS data
