package io.joinery.child.sql;

import io.joinery.child.db.PgTable;
import io.joinery.child.db.PgType;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedRelationship.Kind;
import io.joinery.child.metadata.ResolvedTable;
import java.util.List;
import java.util.Map;

/**
 * The tables the SQL golden files and integration tests use, as DDL and as the ResolvedModel the
 * metadata layer would resolve from it: author / article / comment in `public`, and
 * `other.profile` with uuid, jsonb, numeric, timestamptz and varchar columns.
 */
public final class LibraryFixture {
    public static final String DDL = """
            CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, bio text);
            CREATE TABLE article (id serial PRIMARY KEY, title text NOT NULL, rating integer,
                author_id integer REFERENCES author(id), published_at timestamptz);
            CREATE TABLE comment (id serial PRIMARY KEY, article_id integer NOT NULL REFERENCES article(id),
                body text NOT NULL);
            CREATE SCHEMA other;
            CREATE TABLE other.profile (id uuid PRIMARY KEY, author_id integer REFERENCES author(id),
                settings jsonb, score numeric(10,2), visits bigint, handle varchar(20), created_at timestamptz);
            """;

    public static final PgType INT = new PgType("int4", "integer", 'N');
    public static final PgType TEXT = new PgType("text", "text", 'S');
    public static final PgType TIMESTAMPTZ = new PgType("timestamptz", "timestamp with time zone", 'D');
    public static final PgType UUID = new PgType("uuid", "uuid", 'U');
    public static final PgType JSONB = new PgType("jsonb", "jsonb", 'U');
    public static final PgType NUMERIC = new PgType("numeric", "numeric(10,2)", 'N');
    public static final PgType BIGINT = new PgType("int8", "bigint", 'N');
    public static final PgType VARCHAR = new PgType("varchar", "character varying(20)", 'S');

    public static final QualifiedTable AUTHOR = QualifiedTable.publicTable("author");
    public static final QualifiedTable ARTICLE = QualifiedTable.publicTable("article");
    public static final QualifiedTable COMMENT = QualifiedTable.publicTable("comment");
    public static final QualifiedTable PROFILE = new QualifiedTable("other", "profile");

    private LibraryFixture() {}

    public static ResolvedModel model() {
        return ResolvedModel.of(List.of(
                table(AUTHOR, List.of(col("id", INT, false), col("name", TEXT, false), col("bio", TEXT, true)),
                        List.of(rel("articles", Kind.ARRAY, ARTICLE, Map.of("id", "author_id")),
                                rel("profile", Kind.OBJECT, PROFILE, Map.of("id", "author_id")))),
                table(ARTICLE, List.of(col("id", INT, false), col("title", TEXT, false), col("rating", INT, true),
                                col("author_id", INT, true), col("published_at", TIMESTAMPTZ, true)),
                        List.of(rel("author", Kind.OBJECT, AUTHOR, Map.of("author_id", "id")),
                                rel("comments", Kind.ARRAY, COMMENT, Map.of("id", "article_id")))),
                table(COMMENT, List.of(col("id", INT, false), col("article_id", INT, false), col("body", TEXT, false)),
                        List.of(rel("article", Kind.OBJECT, ARTICLE, Map.of("article_id", "id")))),
                table(PROFILE, List.of(col("id", UUID, false), col("author_id", INT, true), col("settings", JSONB, true),
                                col("score", NUMERIC, true), col("visits", BIGINT, true), col("handle", VARCHAR, true),
                                col("created_at", TIMESTAMPTZ, true)),
                        List.of(rel("author", Kind.OBJECT, AUTHOR, Map.of("author_id", "id"))))));
    }

    static ResolvedTable table(QualifiedTable name, List<ResolvedColumn> columns, List<ResolvedRelationship> relationships) {
        return new ResolvedTable(name, false, columns, List.of("id"),
                List.of(new PgTable.PgConstraint(name.name() + "_pkey", List.of("id"))), relationships, null);
    }

    static ResolvedColumn col(String name, PgType type, boolean nullable) {
        return new ResolvedColumn(name, type, nullable, name.equals("id"), false, null);
    }

    static ResolvedRelationship rel(String name, Kind kind, QualifiedTable remote, Map<String, String> mapping) {
        return new ResolvedRelationship(name, kind, remote, mapping, null);
    }
}
