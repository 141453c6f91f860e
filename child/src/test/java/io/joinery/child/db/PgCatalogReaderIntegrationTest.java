package io.joinery.child.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgCatalogReaderIntegrationTest {
    static Database db;
    static PgCatalog catalog;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        db.runSqlExecutor().run("""
                CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, email varchar(200) UNIQUE,
                                     tags text[], rating numeric(4,2) DEFAULT 0);
                COMMENT ON TABLE author IS 'people who write';
                COMMENT ON COLUMN author.name IS 'full name';
                CREATE TABLE article (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                      author_id integer REFERENCES author(id), title text,
                                      title_length integer GENERATED ALWAYS AS (length(title)) STORED);
                CREATE TABLE author_details (author_id integer PRIMARY KEY REFERENCES author(id), bio text);
                CREATE SCHEMA "Other";
                CREATE TYPE "Other".mood AS ENUM ('happy', 'sad');
                CREATE TABLE "Other".edition (book_id integer, number integer, mood "Other".mood,
                                              article_id integer,
                                              PRIMARY KEY (number, book_id),
                                              CONSTRAINT edition_article FOREIGN KEY (article_id) REFERENCES article(id));
                CREATE TABLE "Other".printing (book_id integer, number integer, copies bigint,
                                               CONSTRAINT printing_edition FOREIGN KEY (book_id, number)
                                                 REFERENCES "Other".edition (book_id, number));
                CREATE VIEW author_names AS SELECT id, name FROM author;
                CREATE SCHEMA joinery_catalog;
                CREATE TABLE joinery_catalog.hidden (x int);
                """, false).block();
        catalog = new PgCatalogReader(db.sqlRunner()).read().block();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void readsTablesViewsAndNonPublicSchemas_skippingJoinerysOwnSchema() {
        assertThat(catalog.tables().keySet()).containsExactly(
                new QualifiedTable("Other", "edition"), new QualifiedTable("Other", "printing"),
                QualifiedTable.publicTable("article"), QualifiedTable.publicTable("author"),
                QualifiedTable.publicTable("author_details"), QualifiedTable.publicTable("author_names"));
        assertThat(catalog.table(QualifiedTable.publicTable("author_names")).orElseThrow().isView()).isTrue();
        assertThat(catalog.table(QualifiedTable.publicTable("author")).orElseThrow().isView()).isFalse();
    }

    @Test
    void columns_haveTypesNullabilityDefaultsAndComments() {
        PgTable author = catalog.table(QualifiedTable.publicTable("author")).orElseThrow();
        assertThat(author.comment()).isEqualTo("people who write");
        assertThat(author.columns()).extracting(PgColumn::name).containsExactly("id", "name", "email", "tags", "rating");
        PgColumn id = author.column("id").orElseThrow();
        assertThat(id.type()).isEqualTo(new PgType("int4", "integer", 'N'));
        assertThat(id.nullable()).isFalse();
        assertThat(id.hasDefault()).isTrue();
        assertThat(id.isGenerated()).isFalse();
        PgColumn name = author.column("name").orElseThrow();
        assertThat(name.comment()).isEqualTo("full name");
        assertThat(name.type()).isEqualTo(new PgType("text", "text", 'S'));
        assertThat(author.column("email").orElseThrow().type().sqlName()).isEqualTo("character varying(200)");
        assertThat(author.column("email").orElseThrow().nullable()).isTrue();
        assertThat(author.column("tags").orElseThrow().type()).isEqualTo(new PgType("_text", "text[]", 'A'));
        assertThat(author.column("rating").orElseThrow().type().sqlName()).isEqualTo("numeric(4,2)");
        assertThat(author.column("rating").orElseThrow().hasDefault()).isTrue();
        PgColumn mood = catalog.table(new QualifiedTable("Other", "edition")).orElseThrow().column("mood").orElseThrow();
        assertThat(mood.type()).isEqualTo(new PgType("mood", "\"Other\".mood", 'E'));
    }

    @Test
    void identityAlwaysAndGeneratedColumns_areGenerated() {
        PgTable article = catalog.table(QualifiedTable.publicTable("article")).orElseThrow();
        assertThat(article.column("id").orElseThrow().isGenerated()).isTrue();
        assertThat(article.column("id").orElseThrow().hasDefault()).isTrue();
        assertThat(article.column("title_length").orElseThrow().isGenerated()).isTrue();
        assertThat(article.column("title").orElseThrow().isGenerated()).isFalse();
    }

    @Test
    void keys_primaryUniqueAndCompositeInKeyOrder() {
        PgTable author = catalog.table(QualifiedTable.publicTable("author")).orElseThrow();
        assertThat(author.primaryKey()).containsExactly("id");
        assertThat(author.uniqueConstraints()).containsExactly(
                new PgTable.PgConstraint("author_email_key", java.util.List.of("email")),
                new PgTable.PgConstraint("author_pkey", java.util.List.of("id")));
        PgTable edition = catalog.table(new QualifiedTable("Other", "edition")).orElseThrow();
        assertThat(edition.primaryKey()).containsExactly("number", "book_id");
        assertThat(catalog.table(QualifiedTable.publicTable("author_names")).orElseThrow().primaryKey()).isEmpty();
    }

    @Test
    void foreignKeys_outgoingWithColumnMappingAcrossSchemas() {
        QualifiedTable author = QualifiedTable.publicTable("author");
        QualifiedTable article = QualifiedTable.publicTable("article");
        assertThat(catalog.foreignKeys(article, author)).singleElement().satisfies(fk -> {
            assertThat(fk.name()).isEqualTo("article_author_id_fkey");
            assertThat(fk.table()).isEqualTo(article);
            assertThat(fk.columns()).containsExactly(Map.entry("author_id", "id"));
        });
        assertThat(catalog.foreignKeys(QualifiedTable.publicTable("author_details"), author)).hasSize(1);
        assertThat(catalog.foreignKeys(author, article)).isEmpty();
        QualifiedTable edition = new QualifiedTable("Other", "edition");
        assertThat(catalog.foreignKeys(edition, article)).singleElement()
                .satisfies(fk -> assertThat(fk.columns()).containsExactly(Map.entry("article_id", "id")));
        assertThat(catalog.foreignKeys(new QualifiedTable("Other", "printing"), edition)).singleElement()
                .satisfies(fk -> assertThat(fk.columns()).containsExactly(
                        Map.entry("book_id", "book_id"), Map.entry("number", "number")));
    }

    @Test
    void droppedColumnsAndLaterDdl_areSeenOnTheNextRead() {
        db.sqlRunner().execute(SqlStatement.of("CREATE TABLE probe (a int, b int, c int)")).block();
        db.sqlRunner().execute(SqlStatement.of("ALTER TABLE probe DROP COLUMN b")).block();
        PgCatalog again = new PgCatalogReader(db.sqlRunner()).read().block();
        assertThat(again.table(QualifiedTable.publicTable("probe")).orElseThrow().columns())
                .extracting(PgColumn::name, PgColumn::position)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("c", 3));
    }
}
