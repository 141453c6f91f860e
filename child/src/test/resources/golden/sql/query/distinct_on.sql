SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT coalesce(json_agg(r0.j ORDER BY r0.o0 ASC NULLS LAST, r0.o1 DESC NULLS FIRST), '[]')
      FROM (
        SELECT DISTINCT ON (t0."author_id") row_to_json(e0) AS j, t0."author_id" AS o0, t0."rating" AS o1
        FROM "public"."article" AS t0, LATERAL (
          SELECT t0."author_id" AS "author_id", t0."title" AS "title"
        ) AS e0
        ORDER BY t0."author_id" ASC NULLS LAST, t0."rating" DESC NULLS FIRST
      ) AS r0
    ) AS "article", (
      SELECT coalesce(json_agg(r1.j ORDER BY r1.o0 ASC NULLS LAST), '[]')
      FROM (
        SELECT DISTINCT ON (t1."author_id") row_to_json(e1) AS j, t1."author_id" AS o0
        FROM "public"."article" AS t1, LATERAL (
          SELECT t1."author_id" AS "author_id"
        ) AS e1
        ORDER BY t1."author_id" ASC NULLS LAST
      ) AS r1
    ) AS "by_default"
  ) AS "o$"
)) AS data
