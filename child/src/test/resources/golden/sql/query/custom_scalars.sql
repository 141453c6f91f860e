SELECT json_build_object('other_profile', (
  SELECT coalesce(json_agg(json_build_object('id', t0."id", 'settings', t0."settings", 'score', t0."score", 'visits', t0."visits", 'created_at', t0."created_at", 'author', (
    SELECT json_build_object('name', t1."name")
    FROM "public"."author" AS t1
    WHERE t1."id" = t0."author_id"
    LIMIT 1
  ))), '[]')
  FROM "other"."profile" AS t0
  WHERE ((t0."settings" @> ($1)::jsonb) AND (t0."settings" ? ($2)::text) AND (t0."settings" ?| ($3)::text[])) AND ((t0."score" > ($4)::numeric) AND (t0."score" <= ($5)::numeric)) AND (t0."visits" = ANY(($6)::bigint[])) AND (t0."handle" = ($7)::character varying) AND (t0."created_at" >= ($8)::timestamp with time zone)
)) AS data
