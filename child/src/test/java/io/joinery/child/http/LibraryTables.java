package io.joinery.child.http;

/** The author/article tables of SPEC's examples, which many route tests start from. */
final class LibraryTables {
    /** `author` (Ada, Grace, Edsger) and `article` (four rows, one without an author), as `run_sql`. */
    static final String AUTHORS_AND_ARTICLES = """
            CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL);
            CREATE TABLE article (id serial PRIMARY KEY, title text NOT NULL,
                                  author_id int REFERENCES author(id), rating int);
            INSERT INTO author (name) VALUES ('Ada'), ('Grace'), ('Edsger');
            INSERT INTO article (title, author_id, rating) VALUES
              ('Notes on the Analytical Engine', 1, 5), ('Sketch', 1, 3), ('COBOL', 2, 4), ('Orphan', NULL, 1);
            """;

    /** Both tables tracked, with `article.author` and `author.articles`: a `bulk` of four calls. */
    static final String TRACK_AUTHORS_AND_ARTICLES = """
            {"type": "bulk", "args": [
              {"type": "pg_track_table", "args": {"source": "default", "table": "author"}},
              {"type": "pg_track_table", "args": {"source": "default", "table": "article"}},
              {"type": "pg_create_object_relationship", "args": {"table": "article", "name": "author",
                 "using": {"foreign_key_constraint_on": "author_id"}}},
              {"type": "pg_create_array_relationship", "args": {"table": "author", "name": "articles",
                 "using": {"foreign_key_constraint_on": {"table": "article", "column": "author_id"}}}}
            ]}""";

    private LibraryTables() {}
}
