-- The demo database: authors and their articles (loaded once into a fresh database).
CREATE TABLE author (
  id   serial PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE article (
  id        serial PRIMARY KEY,
  title     text NOT NULL,
  author_id int REFERENCES author (id),
  rating    int
);
INSERT INTO author (name) VALUES ('Ada'), ('Grace'), ('Edsger'), ('Barbara');
INSERT INTO article (title, author_id, rating) VALUES
  ('Notes on the Analytical Engine', 1, 5),
  ('Sketch of the Analytical Engine', 1, 3),
  ('COBOL', 2, 4),
  ('The Education of a Computer', 2, 5),
  ('GOTO considered harmful', 3, 5),
  ('The Humble Programmer', 3, 4),
  ('On the Cruelty of Really Teaching Computing Science', 3, 3),
  ('Programming with Abstract Data Types', 4, 5);
