SELECT row_to_json((
  SELECT "o$"
  FROM (
    SELECT (
      SELECT json_build_object('aggregate', json_build_object('count', count(*), 'rated', count(t0."rating"), 'authors', count(DISTINCT t0."author_id"), 'pairs', count(DISTINCT (t0."author_id", t0."rating")), 'sum', json_build_object('rating', sum(t0."rating")), 'avg', json_build_object('rating', avg(t0."rating")), 'max', json_build_object('title', max(t0."title"), 'published_at', max(t0."published_at")), 'min', json_build_object('rating', min(t0."rating")), 'stddev', json_build_object('rating', stddev(t0."rating")), 'stddev_pop', json_build_object('rating', stddev_pop(t0."rating")), 'stddev_samp', json_build_object('rating', stddev_samp(t0."rating")), 'var_pop', json_build_object('rating', var_pop(t0."rating")), 'var_samp', json_build_object('rating', var_samp(t0."rating")), 'variance', json_build_object('rating', variance(t0."rating"), '__typename', ($1)::text), '__typename', ($2)::text), 'nodes', coalesce(json_agg(row_to_json((
        SELECT "o$"
        FROM (
          SELECT t0."id" AS "id", (
            SELECT row_to_json(e1)
            FROM "public"."author" AS t1, LATERAL (
              SELECT t1."name" AS "name"
            ) AS e1
            WHERE t1."id" = t0."author_id"
            LIMIT 1
          ) AS "author"
        ) AS "o$"
      ))), '[]'), '__typename', ($3)::text)
      FROM "public"."article" AS t0
      WHERE t0."rating" > ($4)::integer
    ) AS "article_aggregate"
  ) AS "o$"
)) AS data
