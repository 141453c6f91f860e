-- The child benchmark's database: 1,000 authors with 10 articles each (loaded once, into a fresh database).
CREATE TABLE author (
  id         serial PRIMARY KEY,
  name       text NOT NULL,
  email      text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE article (
  id        serial PRIMARY KEY,
  author_id int NOT NULL REFERENCES author (id),
  title     text NOT NULL,
  body      text NOT NULL,
  rating    int NOT NULL,
  published boolean NOT NULL
);
CREATE INDEX article_author_id ON article (author_id);
INSERT INTO author (name, email, created_at)
  SELECT 'Author ' || a, 'author' || a || '@example.com', timestamptz '2024-01-01 00:00:00+00' + a * interval '1 hour'
  FROM generate_series(1, 1000) AS a;
INSERT INTO article (author_id, title, body, rating, published)
  SELECT a, 'Article ' || a || '-' || n, repeat('Lorem ipsum dolor sit amet. ', 4), 1 + (a * 7 + n) % 5, (a + n) % 3 <> 0
  FROM generate_series(1, 1000) AS a, generate_series(1, 10) AS n
  ORDER BY a, n;
ANALYZE author;
ANALYZE article;
