SELECT json_build_object('author_by_pk', (
  SELECT json_build_object('name', t0."name", 'profile', (
    SELECT json_build_object('handle', t1."handle")
    FROM "other"."profile" AS t1
    WHERE t1."author_id" = t0."id"
    LIMIT 1
  ))
  FROM "public"."author" AS t0
  WHERE t0."id" = ($1)::integer
  LIMIT 1
), 'other_profile_by_pk', (
  SELECT json_build_object('id', t2."id")
  FROM "other"."profile" AS t2
  WHERE t2."id" = ($2)::uuid
  LIMIT 1
)) AS data
