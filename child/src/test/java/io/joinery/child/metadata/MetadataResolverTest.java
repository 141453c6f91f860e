package io.joinery.child.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.db.PgCatalog;
import io.joinery.child.db.PgColumn;
import io.joinery.child.db.PgForeignKey;
import io.joinery.child.db.PgTable;
import io.joinery.child.db.PgType;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.core.metadata.InconsistentObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolution of metadata against a hand-built catalog: no database. */
class MetadataResolverTest {
    static final QualifiedTable AUTHOR = QualifiedTable.publicTable("author");
    static final QualifiedTable ARTICLE = QualifiedTable.publicTable("article");
    static final PgType INT = new PgType("int4", "integer", 'N');
    static final MetadataResolver RESOLVER = new MetadataResolver(System::getenv, ChildSchemaBuilder::check);

    static PgTable table(QualifiedTable name, List<PgForeignKey> fks, String... columns) {
        List<PgColumn> cols = Arrays.stream(columns).map(c -> new PgColumn(c, 1, INT, true, false, false, null)).toList();
        return new PgTable(name, false, cols, List.of(columns[0]), List.of(), fks, null);
    }

    static final PgCatalog CATALOG = PgCatalog.of(List.of(
            table(AUTHOR, List.of(), "id", "name"),
            table(ARTICLE, List.of(new PgForeignKey("article_author_id_fkey", ARTICLE, AUTHOR, Map.of("author_id", "id"))),
                    "id", "author_id", "title")));

    static RelationshipDef rel(String name, RelationshipDef.Kind kind, RelationshipUsing using) {
        return new RelationshipDef(name, kind, using, null);
    }

    @Test
    void allFormsResolve_andMapThisTableToRemote() {
        ChildMetadata metadata = ChildMetadata.EMPTY.withTables(List.of(
                new TrackedTable(AUTHOR, List.of(
                        rel("articles", RelationshipDef.Kind.ARRAY, new RelationshipUsing.ForeignKeyOnRemote(ARTICLE, List.of("author_id"))),
                        rel("first_article", RelationshipDef.Kind.OBJECT, new RelationshipUsing.Manual(ARTICLE, Map.of("id", "author_id")))),
                        Map.of()),
                new TrackedTable(ARTICLE, List.of(
                        rel("author", RelationshipDef.Kind.OBJECT, new RelationshipUsing.ForeignKeyOnColumns(List.of("author_id")))),
                        Map.of())));
        Resolution resolution = RESOLVER.resolve(metadata, CATALOG);
        assertThat(resolution.inconsistencies()).isEmpty();
        ResolvedRelationship articles = resolution.model().table(AUTHOR).orElseThrow().relationship("articles").orElseThrow();
        assertThat(articles.kind()).isEqualTo(ResolvedRelationship.Kind.ARRAY);
        assertThat(articles.remoteTable()).isEqualTo(ARTICLE);
        assertThat(articles.columnMapping()).containsExactly(Map.entry("id", "author_id"));
        ResolvedRelationship author = resolution.model().table(ARTICLE).orElseThrow().relationship("author").orElseThrow();
        assertThat(author.columnMapping()).containsExactly(Map.entry("author_id", "id"));
        assertThat(author.remoteTable()).isEqualTo(AUTHOR);
    }

    @Test
    void missingTable_makesItAndRelationshipsToItInconsistent() {
        ChildMetadata metadata = ChildMetadata.EMPTY.withTables(List.of(
                new TrackedTable(AUTHOR, List.of(rel("posts", RelationshipDef.Kind.ARRAY,
                        new RelationshipUsing.Manual(QualifiedTable.publicTable("post"), Map.of("id", "author_id")))), Map.of()),
                TrackedTable.of(QualifiedTable.publicTable("post"))));
        Resolution resolution = RESOLVER.resolve(metadata, CATALOG);
        assertThat(resolution.inconsistencies()).extracting(InconsistentObject::type, InconsistentObject::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("table", "Inconsistent object: no such table/view exists in source: \"post\""),
                        org.assertj.core.groups.Tuple.tuple("array_relation", "Inconsistent object: no such table/view exists in source: \"post\""));
        assertThat(resolution.model().tables().keySet()).containsExactly(AUTHOR);
        assertThat(resolution.model().table(AUTHOR).orElseThrow().relationships()).isEmpty();
    }

    @Test
    void relationshipNamedLikeAColumn_isInconsistent() {
        ChildMetadata metadata = ChildMetadata.EMPTY.withTables(List.of(
                TrackedTable.of(AUTHOR),
                new TrackedTable(ARTICLE, List.of(rel("title", RelationshipDef.Kind.OBJECT,
                        new RelationshipUsing.ForeignKeyOnColumns(List.of("author_id")))), Map.of())));
        assertThat(RESOLVER.resolve(metadata, CATALOG).inconsistencies()).singleElement()
                .satisfies(o -> assertThat(o.reasonText())
                        .isEqualTo("column/relationship \"title\" of table \"article\" already exists"));
    }

    @Test
    void newSince_comparesByTypeAndName() {
        ChildMetadata one = ChildMetadata.EMPTY.withTables(List.of(TrackedTable.of(QualifiedTable.publicTable("x"))));
        ChildMetadata two = one.withTable(TrackedTable.of(QualifiedTable.publicTable("y")));
        Resolution before = RESOLVER.resolve(one, CATALOG);
        Resolution after = RESOLVER.resolve(two, CATALOG);
        assertThat(after.newSince(before)).extracting(InconsistentObject::name)
                .containsExactly("table public.y in source default");
    }
}
