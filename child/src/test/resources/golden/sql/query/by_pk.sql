SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT row_to_json(e0)
      FROM "public"."author" AS t0, LATERAL (
        SELECT t0."name" AS "name", (
          SELECT row_to_json(e1)
          FROM "other"."profile" AS t1, LATERAL (
            SELECT t1."handle" AS "handle"
          ) AS e1
          WHERE t1."author_id" = t0."id"
          LIMIT 1
        ) AS "profile"
      ) AS e0
      WHERE t0."id" = ($1)::integer
      LIMIT 1
    ) AS "author_by_pk", (
      SELECT row_to_json(e2)
      FROM "other"."profile" AS t2, LATERAL (
        SELECT t2."id" AS "id"
      ) AS e2
      WHERE t2."id" = ($2)::uuid
      LIMIT 1
    ) AS "other_profile_by_pk"
  ) AS "o$"
)) AS data
