SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(row_to_json(e0)), '[]')
      FROM "other"."profile" AS t0, LATERAL (
        SELECT t0."id" AS "id", t0."settings" AS "settings", t0."score" AS "score", t0."visits" AS "visits", t0."created_at" AS "created_at", (
          SELECT row_to_json(e1)
          FROM "public"."author" AS t1, LATERAL (
            SELECT t1."name" AS "name"
          ) AS e1
          WHERE t1."id" = t0."author_id"
          LIMIT 1
        ) AS "author"
      ) AS e0
      WHERE ((t0."settings" @> ($1)::jsonb) AND (t0."settings" ? ($2)::text) AND (t0."settings" ?| ($3)::text[])) AND ((t0."score" > ($4)::numeric) AND (t0."score" <= ($5)::numeric)) AND (t0."visits" = ANY(($6)::bigint[])) AND (t0."handle" = ($7)::character varying) AND (t0."created_at" >= ($8)::timestamp with time zone)
    ) AS "other_profile"
  ) AS "o$"
)) AS data
