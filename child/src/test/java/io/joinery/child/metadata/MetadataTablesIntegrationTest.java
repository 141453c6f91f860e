package io.joinery.child.metadata;

import static io.joinery.child.metadata.StoreFixture.assertError;
import static io.joinery.child.metadata.StoreFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pg_track_table / pg_untrack_table / relationships against a real database (SPEC §2.1). */
class MetadataTablesIntegrationTest {
    static final String SCHEMA = """
            CREATE TABLE author (id serial PRIMARY KEY, name text);
            CREATE TABLE article (id serial PRIMARY KEY, author_id integer REFERENCES author(id), title text);
            CREATE TABLE author_details (author_id integer PRIMARY KEY REFERENCES author(id), bio text);
            CREATE VIEW author_names AS SELECT id, name FROM author;
            CREATE SCHEMA other;
            CREATE TABLE other.book (isbn text, edition int, author_id int REFERENCES author(id), PRIMARY KEY (isbn, edition));
            CREATE TABLE other_book (id int);
            CREATE TABLE other.review (id serial PRIMARY KEY, isbn text, edition int,
                                       FOREIGN KEY (isbn, edition) REFERENCES other.book (isbn, edition));
            """;

    StoreFixture f;

    @BeforeEach
    void setUp() {
        f = StoreFixture.fresh(SCHEMA);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    void track(String table) {
        assertThat(f.metadata("{'type': 'pg_track_table', 'args': {'table': " + table + "}}"))
                .isEqualTo(json("{'message': 'success'}"));
    }

    @Test
    void trackTable_addsTableToModel_andBumpsVersions() {
        ChildSnapshot before = f.store.current();
        assertThat(before.resourceVersion()).isEqualTo(1);
        track("'author'");
        track("{'schema': 'other', 'name': 'book'}");
        ChildSnapshot after = f.store.current();
        assertThat(after.resourceVersion()).isEqualTo(3);
        assertThat(after.version()).isEqualTo(before.version() + 2);
        assertThat(after.model().tables().keySet()).containsExactly(
                new QualifiedTable("other", "book"), QualifiedTable.publicTable("author"));
        ResolvedTable author = after.model().table(QualifiedTable.publicTable("author")).orElseThrow();
        assertThat(author.columns()).extracting(c -> c.name()).containsExactly("id", "name");
        assertThat(author.primaryKey()).containsExactly("id");
        assertThat(after.isConsistent()).isTrue();
    }

    @Test
    void trackTable_legacyNameAndLegacyArgsShape() {
        assertThat(f.metadata("{'type': 'track_table', 'args': {'schema': 'public', 'name': 'author'}}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(f.store.current().metadata().isTracked(QualifiedTable.publicTable("author"))).isTrue();
    }

    @Test
    void trackView_isAllowed() {
        track("'author_names'");
        assertThat(f.store.current().model().table(QualifiedTable.publicTable("author_names")).orElseThrow().isView())
                .isTrue();
    }

    @Test
    void trackTable_twice_alreadyTracked() {
        track("'author'");
        assertError(f.metadataError("{'type': 'pg_track_table', 'args': {'table': 'author'}}"),
                400, "already-tracked", "$.args", "view/table already tracked: \"author\"");
        assertError(f.metadataError("{'type': 'pg_track_table', 'args': {'table': {'schema': 'public', 'name': 'author'}}}"),
                400, "already-tracked", "$.args", "view/table already tracked: \"author\"");
    }

    @Test
    void trackTable_missing_invalidConfigurationWithInternalList_andNothingChanges() {
        long rv = f.store.current().resourceVersion();
        JoineryException e = f.metadataError("{'type': 'pg_track_table', 'args': {'table': 'foo'}}");
        assertError(e, 400, "invalid-configuration", "$.args",
                "Inconsistent object: no such table/view exists in source: \"foo\"");
        assertThat(e.internal()).isEqualTo(json("""
                [{'type': 'table', 'name': 'table public.foo in source default',
                  'definition': {'schema': 'public', 'name': 'foo'},
                  'reason': 'Inconsistent object: no such table/view exists in source: \\'foo\\''}]""".replace("\\'", "\\\"")));
        assertThat(f.store.current().resourceVersion()).isEqualTo(rv);
        assertError(f.metadataError("{'type': 'pg_track_table', 'args': {'table': {'schema': 'other', 'name': 'nope'}}}"),
                400, "invalid-configuration", "$.args",
                "Inconsistent object: no such table/view exists in source: \"other.nope\"");
    }

    @Test
    void trackTable_badArgs_parseFailedAndNotSupported() {
        assertError(f.metadataError("{'type': 'pg_track_table', 'args': {}}"),
                400, "parse-failed", "$.args", "key \"table\" not found");
        assertError(f.metadataError("{'type': 'pg_track_table', 'args': {'table': 3}}"),
                400, "parse-failed", "$.args.table",
                "expected a table name or an object with \"schema\" and \"name\", but encountered Number");
        assertError(f.metadataError("{'type': 'pg_track_table', 'args': {'table': 'author', 'source': 'other'}}"),
                400, "not-exists", "$.args", "source with name \"other\" does not exist");
        assertError(f.metadataError("{'type': 'pg_track_table', 'args': {'table': 'author', 'configuration': {'custom_name': 'x'}}}"),
                400, "not-supported", "$.args.configuration",
                "table configuration (custom_name, custom_root_fields, column_config) is not supported by Joinery");
        assertThat(f.metadata("{'type': 'pg_track_table', 'args': {'table': 'author', 'configuration': {}}}"))
                .isEqualTo(json("{'message': 'success'}"));
    }

    @Test
    void unknownCommand_andNonAdmin() {
        assertError(f.metadataError("{'type': 'pg_frobnicate', 'args': {}}"),
                400, "parse-failed", "$", "unknown metadata command \"pg_frobnicate\"");
        JoineryException denied = catchThrowableOfType(JoineryException.class, () -> f.store.metadata(
                json("{'type': 'export_metadata', 'args': {}}"),
                new SessionVariables(Map.of("x-hasura-role", "user"))).block());
        assertError(denied, 400, "access-denied", "$.args", "restricted access : admin only");
    }

    @Test
    void untrackTable_removesIt_andAgainIsAlreadyUntracked() {
        track("'author'");
        assertThat(f.metadata("{'type': 'pg_untrack_table', 'args': {'table': 'author'}}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(f.store.current().model().tables()).isEmpty();
        assertError(f.metadataError("{'type': 'pg_untrack_table', 'args': {'table': 'author'}}"),
                400, "already-untracked", "$.args", "view/table already untracked: \"author\"");
    }

    @Test
    void untrackTable_withDependents_dependencyErrorUnlessCascade() {
        track("'author'");
        track("'article'");
        f.metadata("{'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'articles',"
                + " 'using': {'foreign_key_constraint_on': {'table': 'article', 'column': 'author_id'}}}}");
        f.metadata("{'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author',"
                + " 'using': {'foreign_key_constraint_on': 'author_id'}}}");
        assertError(f.metadataError("{'type': 'pg_untrack_table', 'args': {'table': 'article'}}"),
                400, "dependency-error", "$.args",
                "cannot drop due to the following dependent objects: relationship author.articles");
        assertThat(f.metadata("{'type': 'pg_untrack_table', 'args': {'table': 'article', 'cascade': true}}"))
                .isEqualTo(json("{'message': 'success'}"));
        ChildSnapshot now = f.store.current();
        assertThat(now.metadata().table(QualifiedTable.publicTable("author")).orElseThrow().relationships()).isEmpty();
        assertThat(now.isConsistent()).isTrue();
    }

    @Test
    void relationships_everyUsingForm_resolveToColumnMappings() {
        track("'author'");
        track("'article'");
        track("'author_details'");
        track("'author_names'");
        track("{'schema': 'other', 'name': 'book'}");
        track("{'schema': 'other', 'name': 'review'}");
        String[] commands = {
            "{'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author', 'using': {'foreign_key_constraint_on': 'author_id'}}}",
            "{'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author2', 'using': {'foreign_key_constraint_on': ['author_id']}}}",
            "{'type': 'pg_create_object_relationship', 'args': {'table': 'author', 'name': 'details', 'using': {'foreign_key_constraint_on': {'table': 'author_details', 'columns': ['author_id']}}}}",
            "{'type': 'pg_create_object_relationship', 'args': {'table': 'author', 'name': 'details2', 'using': {'foreign_key_constraint_on': {'table': 'author_details', 'column': 'author_id'}}}}",
            "{'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author_name', 'comment': 'via view', 'using': {'manual_configuration': {'remote_table': 'author_names', 'column_mapping': {'author_id': 'id'}}}}}",
            "{'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'articles', 'using': {'foreign_key_constraint_on': {'table': 'article', 'columns': ['author_id']}}}}",
            "{'type': 'create_array_relationship', 'args': {'table': 'author', 'name': 'books', 'using': {'foreign_key_constraint_on': {'table': {'schema': 'other', 'name': 'book'}, 'column': 'author_id'}}}}",
            "{'type': 'pg_create_array_relationship', 'args': {'table': 'author_names', 'name': 'articles', 'using': {'manual_configuration': {'remote_table': {'schema': 'public', 'name': 'article'}, 'column_mapping': {'id': 'author_id'}}}}}",
            "{'type': 'pg_create_array_relationship', 'args': {'table': {'schema': 'other', 'name': 'book'}, 'name': 'reviews', 'using': {'foreign_key_constraint_on': {'table': {'schema': 'other', 'name': 'review'}, 'columns': ['edition', 'isbn']}}}}",
            "{'type': 'pg_create_object_relationship', 'args': {'table': {'schema': 'other', 'name': 'review'}, 'name': 'book', 'using': {'foreign_key_constraint_on': ['isbn', 'edition']}}}",
        };
        for (String command : commands) {
            assertThat(f.metadata(command)).as(command).isEqualTo(json("{'message': 'success'}"));
        }
        ChildSnapshot s = f.store.current();
        assertThat(s.isConsistent()).isTrue();
        assertRelationship(s, "public", "article", "author", ResolvedRelationship.Kind.OBJECT, "author", Map.of("author_id", "id"));
        assertRelationship(s, "public", "article", "author2", ResolvedRelationship.Kind.OBJECT, "author", Map.of("author_id", "id"));
        assertRelationship(s, "public", "author", "details", ResolvedRelationship.Kind.OBJECT, "author_details", Map.of("id", "author_id"));
        assertRelationship(s, "public", "author", "details2", ResolvedRelationship.Kind.OBJECT, "author_details", Map.of("id", "author_id"));
        assertRelationship(s, "public", "article", "author_name", ResolvedRelationship.Kind.OBJECT, "author_names", Map.of("author_id", "id"));
        assertRelationship(s, "public", "author", "articles", ResolvedRelationship.Kind.ARRAY, "article", Map.of("id", "author_id"));
        assertRelationship(s, "public", "author_names", "articles", ResolvedRelationship.Kind.ARRAY, "article", Map.of("id", "author_id"));
        ResolvedRelationship books = s.model().table(QualifiedTable.publicTable("author")).orElseThrow()
                .relationship("books").orElseThrow();
        assertThat(books.remoteTable()).isEqualTo(new QualifiedTable("other", "book"));
        ResolvedRelationship reviews = s.model().table(new QualifiedTable("other", "book")).orElseThrow()
                .relationship("reviews").orElseThrow();
        assertThat(reviews.columnMapping()).containsExactly(Map.entry("isbn", "isbn"), Map.entry("edition", "edition"));
        ResolvedRelationship book = s.model().table(new QualifiedTable("other", "review")).orElseThrow()
                .relationship("book").orElseThrow();
        assertThat(book.kind()).isEqualTo(ResolvedRelationship.Kind.OBJECT);
        assertThat(book.columnMapping()).containsExactly(Map.entry("isbn", "isbn"), Map.entry("edition", "edition"));
        assertThat(s.model().table(QualifiedTable.publicTable("article")).orElseThrow().relationship("author_name")
                .orElseThrow().comment()).isEqualTo("via view");
    }

    private static void assertRelationship(ChildSnapshot s, String schema, String table, String name,
                                           ResolvedRelationship.Kind kind, String remote, Map<String, String> mapping) {
        ResolvedRelationship r = s.model().table(new QualifiedTable(schema, table)).orElseThrow().relationship(name).orElseThrow();
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.remoteTable()).isEqualTo(QualifiedTable.publicTable(remote));
        assertThat(r.columnMapping()).isEqualTo(mapping);
    }

    @Test
    void createRelationship_failures() {
        track("'author'");
        track("'article'");
        assertError(f.metadataError("{'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'title',"
                        + " 'using': {'foreign_key_constraint_on': 'author_id'}}}"),
                400, "already-exists", "$.args", "column/relationship \"title\" of table \"article\" already exists");
        f.metadata("{'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author',"
                + " 'using': {'foreign_key_constraint_on': 'author_id'}}}");
        assertError(f.metadataError("{'type': 'pg_create_array_relationship', 'args': {'table': 'article', 'name': 'author',"
                        + " 'using': {'manual_configuration': {'remote_table': 'author', 'column_mapping': {'author_id': 'id'}}}}}"),
                400, "already-exists", "$.args", "column/relationship \"author\" of table \"article\" already exists");
        assertError(f.metadataError("{'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'x',"
                        + " 'using': {'foreign_key_constraint_on': 'title'}}}"),
                400, "invalid-configuration", "$.args",
                "Inconsistent object: no foreign key constraint exists on column(s) title of table \"article\"");
        assertError(f.metadataError("{'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'x',"
                        + " 'using': {'foreign_key_constraint_on': 'nope'}}}"),
                400, "invalid-configuration", "$.args", "Inconsistent object: column \"nope\" does not exist in table \"article\"");
        assertError(f.metadataError("{'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'x',"
                        + " 'using': {'foreign_key_constraint_on': {'table': 'author_details', 'column': 'author_id'}}}}"),
                400, "invalid-configuration", "$.args", "Inconsistent object: table \"author_details\" is not tracked");
        assertError(f.metadataError("{'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'x',"
                        + " 'using': {'foreign_key_constraint_on': {'table': 'article', 'column': 'title'}}}}"),
                400, "invalid-configuration", "$.args",
                "Inconsistent object: no foreign key constraint on column(s) title of table \"article\" references table \"author\"");
        assertError(f.metadataError("{'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'x',"
                        + " 'using': {'manual_configuration': {'remote_table': 'article', 'column_mapping': {'id': 'nope'}}}}}"),
                400, "invalid-configuration", "$.args", "Inconsistent object: column \"nope\" does not exist in table \"article\"");
        assertError(f.metadataError("{'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'x',"
                        + " 'using': {'foreign_key_constraint_on': 'id'}}}"),
                400, "parse-failed", "$.args.using.foreign_key_constraint_on",
                "expected an object with \"table\" and \"column\" or \"columns\", but encountered String");
        assertError(f.metadataError("{'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'x', 'using': {}}}"),
                400, "parse-failed", "$.args.using",
                "expected exactly one of \"foreign_key_constraint_on\" and \"manual_configuration\"");
        assertError(f.metadataError("{'type': 'pg_create_array_relationship', 'args': {'table': 'nope', 'name': 'x',"
                        + " 'using': {'foreign_key_constraint_on': {'table': 'article', 'column': 'author_id'}}}}"),
                400, "not-exists", "$.args.table", "table \"nope\" is not tracked");
        JoineryException e = f.metadataError("{'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'x',"
                + " 'using': {'foreign_key_constraint_on': {'table': 'article', 'column': 'title'}}}}");
        assertThat(e.internal().get(0).get("type").asText()).isEqualTo("array_relation");
        assertThat(e.internal().get(0).get("name").asText()).isEqualTo("array_relation x in table public.author in source default");
        assertThat(e.internal().get(0).get("definition")).isEqualTo(json("{'name': 'x', 'using': {'foreign_key_constraint_on':"
                + " {'column': 'title', 'table': {'schema': 'public', 'name': 'article'}}}, 'source': 'default',"
                + " 'table': {'schema': 'public', 'name': 'author'}}"));
        assertThat(f.store.current().metadata().table(QualifiedTable.publicTable("author")).orElseThrow().relationships())
                .isEmpty();
    }

    @Test
    void dropRelationship_andUnknownIsNotExists() {
        track("'author'");
        track("'article'");
        f.metadata("{'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author',"
                + " 'using': {'foreign_key_constraint_on': 'author_id'}}}");
        assertThat(f.metadata("{'type': 'pg_drop_relationship', 'args': {'table': 'article', 'relationship': 'author'}}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(f.store.current().model().table(QualifiedTable.publicTable("article")).orElseThrow().relationships())
                .isEmpty();
        assertError(f.metadataError("{'type': 'pg_drop_relationship', 'args': {'table': 'article', 'relationship': 'author'}}"),
                400, "not-exists", "$.args.relationship", "relationship \"author\" does not exist in table \"article\"");
        assertError(f.metadataError("{'type': 'drop_relationship', 'args': {'table': 'article'}}"),
                400, "parse-failed", "$.args", "key \"relationship\" not found");
    }

    @Test
    void bulk_allOrNothing_withNestedErrorPath() {
        JoineryException e = f.metadataError("""
                {'type': 'bulk', 'args': [
                  {'type': 'pg_track_table', 'args': {'table': 'author'}},
                  {'type': 'bulk', 'args': [
                    {'type': 'pg_track_table', 'args': {'table': 'article'}},
                    {'type': 'pg_track_table', 'args': {'table': 'article'}}]}]}""");
        assertError(e, 400, "already-tracked", "$.args[1].args[1].args", "view/table already tracked: \"article\"");
        assertThat(f.store.current().metadata().tables()).isEmpty();
        assertThat(f.store.current().resourceVersion()).isEqualTo(1);
        assertError(f.metadataError("{'type': 'bulk', 'args': [{'type': 'pg_track_table', 'args': {'table': 'author'}}, {'args': {}}]}"),
                400, "parse-failed", "$.args[1]", "key \"type\" not found");
        assertThat(f.metadata("""
                {'type': 'bulk', 'args': [
                  {'type': 'pg_track_table', 'args': {'table': 'author'}},
                  {'type': 'pg_track_table', 'args': {'table': 'article'}},
                  {'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'articles',
                     'using': {'foreign_key_constraint_on': {'table': 'article', 'columns': ['author_id']}}}}]}"""))
                .isEqualTo(json("[{'message': 'success'}, {'message': 'success'}, {'message': 'success'}]"));
        assertThat(f.store.current().resourceVersion()).isEqualTo(2);
        assertThat(f.store.current().model().tables()).hasSize(2);
    }

    @Test
    void bulk_errorInLaterCommandAfterRelationship_keepsNothing() {
        JoineryException e = f.metadataError("""
                {'type': 'bulk', 'args': [
                  {'type': 'pg_track_table', 'args': {'table': 'author'}},
                  {'type': 'pg_track_table', 'args': {'table': 'article'}},
                  {'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'articles',
                     'using': {'foreign_key_constraint_on': {'table': 'article', 'columns': ['author_id']}}}},
                  {'type': 'pg_track_table', 'args': {'table': 'ghost'}}]}""");
        assertError(e, 400, "invalid-configuration", "$.args[3].args",
                "Inconsistent object: no such table/view exists in source: \"ghost\"");
        assertThat(f.store.current().metadata()).isEqualTo(ChildMetadata.EMPTY);
        f.reopen();
        assertThat(f.store.current().metadata()).isEqualTo(ChildMetadata.EMPTY);
    }

    @Test
    void trackTable_graphqlNameClash_isInvalidConfiguration() {
        track("{'schema': 'other', 'name': 'book'}");
        assertError(f.metadataError("{'type': 'pg_track_table', 'args': {'table': 'other_book'}}"),
                400, "invalid-configuration", "$.args", "Inconsistent object: the GraphQL name \"other_book\" of table"
                        + " \"other_book\" is already used by table \"other.book\"");
    }

    @Test
    void resourceVersion_mismatchIsConflict() {
        track("'author'");
        JoineryException e = f.metadataError("{'type': 'pg_track_table', 'args': {'table': 'article'}, 'resource_version': 1}");
        assertError(e, 409, "conflict", "$", "metadata resource version referenced (1) did not match current version");
        assertThat(f.metadata("{'type': 'pg_track_table', 'args': {'table': 'article'}, 'resource_version': 2}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(f.store.current().resourceVersion()).isEqualTo(3);
    }
}
