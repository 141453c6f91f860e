package io.joinery.child.metadata;

import static io.joinery.child.metadata.StoreFixture.assertError;
import static io.joinery.child.metadata.StoreFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** export / replace / clear / reload / inconsistency commands and persistence (SPEC §1.3-§1.7). */
class MetadataExportReplaceIntegrationTest {
    static final String CONFIGURATION =
            "'configuration': {'connection_info': {'database_url': {'from_env': 'JOINERY_DATABASE_URL'}}}";
    /** SPEC §1.3's child example, tables part. */
    static final String SPEC_EXAMPLE = """
            {'version': 3, 'sources': [{'name': 'default', 'kind': 'postgres', 'tables': [
              {'table': {'schema': 'public', 'name': 'article'},
               'object_relationships': [{'name': 'author', 'using': {'foreign_key_constraint_on': 'author_id'}}]},
              {'table': {'schema': 'public', 'name': 'author'},
               'array_relationships': [{'name': 'articles', 'using': {'foreign_key_constraint_on':
                  {'column': 'author_id', 'table': {'schema': 'public', 'name': 'article'}}}}]}],
              CONFIG}]}""".replace("CONFIG", CONFIGURATION);

    StoreFixture f;

    @BeforeEach
    void setUp() {
        f = StoreFixture.fresh("""
                CREATE TABLE author (id serial PRIMARY KEY, name text);
                CREATE TABLE article (id serial PRIMARY KEY, author_id integer REFERENCES author(id), title text);
                CREATE TABLE author_details (author_id integer PRIMARY KEY REFERENCES author(id), bio text);
                CREATE VIEW author_names AS SELECT id, name FROM author;
                CREATE SCHEMA other;
                CREATE TABLE other.book (isbn text, edition int, author_id int REFERENCES author(id), PRIMARY KEY (isbn, edition));
                """);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static String canonical(String relaxed) {
        return Json.write(json(relaxed));
    }

    @Test
    void export_empty_hasDefaultSourceWithFixedConfiguration() {
        assertThat(f.export()).isEqualTo("{\"version\":3,\"sources\":[{\"name\":\"default\",\"kind\":\"postgres\","
                + "\"tables\":[],\"configuration\":{\"connection_info\":{\"database_url\":"
                + "{\"from_env\":\"JOINERY_DATABASE_URL\"}}}}]}");
        assertThat(Json.write(f.metadata("{'type': 'export_metadata', 'version': 2, 'args': {}}")))
                .isEqualTo("{\"resource_version\":1,\"metadata\":" + f.export() + "}");
    }

    @Test
    void export_afterCommands_matchesSpecExampleExactly() {
        f.metadata("""
                {'type': 'bulk', 'args': [
                  {'type': 'pg_track_table', 'args': {'table': 'author'}},
                  {'type': 'pg_track_table', 'args': {'table': 'article'}},
                  {'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'articles',
                     'using': {'foreign_key_constraint_on': {'table': 'article', 'columns': ['author_id']}}}},
                  {'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author',
                     'using': {'foreign_key_constraint_on': ['author_id']}}}]}""");
        assertThat(f.export()).isEqualTo(canonical(SPEC_EXAMPLE));
    }

    @Test
    void replace_v1_thenExport_isTheSameObject_andSorted() {
        String unsorted = """
                {'version': 3, 'sources': [{'name': 'default', 'kind': 'postgres',
                  'configuration': {'connection_info': {'database_url': 'postgres://ignored', 'pool_settings': {}}},
                  'tables': [
                  {'table': 'author', 'array_relationships': [
                     {'name': 'z_articles', 'using': {'foreign_key_constraint_on': {'table': 'article', 'column': 'author_id'}}},
                     {'name': 'a_books', 'comment': 'books', 'using': {'foreign_key_constraint_on': {'table': {'schema': 'other', 'name': 'book'}, 'columns': ['author_id']}}}],
                   'object_relationships': [{'name': 'details', 'using': {'manual_configuration': {'remote_table': 'author_details', 'column_mapping': {'id': 'author_id'}}}}]},
                  {'table': {'schema': 'other', 'name': 'book'}},
                  {'table': {'name': 'author_details'}},
                  {'table': {'schema': 'public', 'name': 'article'}}]}]}""";
        assertThat(f.metadata("{'type': 'replace_metadata', 'args': " + unsorted + "}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(f.export()).isEqualTo(canonical("""
                {'version': 3, 'sources': [{'name': 'default', 'kind': 'postgres', 'tables': [
                  {'table': {'schema': 'other', 'name': 'book'}},
                  {'table': {'schema': 'public', 'name': 'article'}},
                  {'table': {'schema': 'public', 'name': 'author'},
                   'object_relationships': [{'name': 'details', 'using': {'manual_configuration': {'remote_table': {'schema': 'public', 'name': 'author_details'}, 'column_mapping': {'id': 'author_id'}}}}],
                   'array_relationships': [
                     {'name': 'a_books', 'using': {'foreign_key_constraint_on': {'column': 'author_id', 'table': {'schema': 'other', 'name': 'book'}}}, 'comment': 'books'},
                     {'name': 'z_articles', 'using': {'foreign_key_constraint_on': {'column': 'author_id', 'table': {'schema': 'public', 'name': 'article'}}}}]},
                  {'table': {'schema': 'public', 'name': 'author_details'}}],
                  CONFIG}]}""".replace("CONFIG", CONFIGURATION)));
    }

    @Test
    void exportClearReplace_roundTripsByteIdentically() {
        f.metadata("""
                {'type': 'bulk', 'args': [
                  {'type': 'pg_track_table', 'args': {'table': 'author'}},
                  {'type': 'pg_track_table', 'args': {'table': 'article'}},
                  {'type': 'pg_track_table', 'args': {'table': 'author_names'}},
                  {'type': 'pg_track_table', 'args': {'table': {'schema': 'other', 'name': 'book'}}},
                  {'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'articles',
                     'using': {'foreign_key_constraint_on': {'table': 'article', 'columns': ['author_id']}}}},
                  {'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author', 'comment': 'who',
                     'using': {'foreign_key_constraint_on': 'author_id'}}},
                  {'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author_name',
                     'using': {'manual_configuration': {'remote_table': 'author_names', 'column_mapping': {'author_id': 'id'}}}}},
                  {'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'books',
                     'using': {'foreign_key_constraint_on': {'table': {'schema': 'other', 'name': 'book'}, 'column': 'author_id'}}}}]}""");
        String exported = f.export();
        assertThat(f.metadata("{'type': 'clear_metadata', 'args': {}}")).isEqualTo(json("{'message': 'success'}"));
        assertThat(f.store.current().model().tables()).isEmpty();
        assertThat(f.store.current().metadata()).isEqualTo(ChildMetadata.EMPTY);
        JsonNode replace = Json.object().put("type", "replace_metadata").set("args", Json.parseBody(exported));
        assertThat(f.store.metadata(replace, io.joinery.core.http.SessionVariables.admin()).block())
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(f.export()).isEqualTo(exported);
        assertThat(f.reopen().current().model().tables()).hasSize(4);
        assertThat(f.export()).isEqualTo(exported);
    }

    @Test
    void replace_v2_respondsWithConsistency() {
        assertThat(f.metadata("{'type': 'replace_metadata', 'version': 2, 'args': {'allow_inconsistent_metadata': false,"
                + " 'metadata': " + SPEC_EXAMPLE + "}}"))
                .isEqualTo(json("{'is_consistent': true, 'inconsistent_objects': []}"));
        assertThat(f.export()).isEqualTo(canonical(SPEC_EXAMPLE));
        // version inferred from the `metadata` key
        assertThat(f.metadata("{'type': 'replace_metadata', 'args': {'metadata': {'version': 3, 'sources': []}}}"))
                .isEqualTo(json("{'is_consistent': true, 'inconsistent_objects': []}"));
        assertThat(f.store.current().metadata()).isEqualTo(ChildMetadata.EMPTY);
    }

    @Test
    void replace_inconsistent_refusedUnlessAllowed() {
        String metadata = "{'version': 3, 'sources': [{'name': 'default', 'kind': 'postgres', 'tables': ["
                + "{'table': 'author'}, {'table': 'ghost'}]}]}";
        JoineryException e = f.metadataError("{'type': 'replace_metadata', 'args': " + metadata + "}");
        assertError(e, 400, "unexpected", "$.args", "cannot continue due to inconsistent metadata");
        assertThat(e.internal()).isEqualTo(json("[{'type': 'table', 'name': 'table public.ghost in source default',"
                + " 'definition': {'schema': 'public', 'name': 'ghost'},"
                + " 'reason': 'Inconsistent object: no such table/view exists in source: \\\\'ghost\\\\''}]"
                .replace("\\\\'", "\\\"")));
        assertThat(f.store.current().metadata().tables()).isEmpty();
        assertError(f.metadataError("{'type': 'replace_metadata', 'args': {'metadata': " + metadata + "}}"),
                400, "unexpected", "$.args", "cannot continue due to inconsistent metadata");

        JsonNode response = f.metadata("{'type': 'replace_metadata', 'args': {'allow_inconsistent_metadata': true,"
                + " 'metadata': " + metadata + "}}");
        assertThat(response.get("is_consistent").asBoolean()).isFalse();
        assertThat(response.get("inconsistent_objects")).hasSize(1);
        assertThat(f.store.current().model().tables().keySet()).containsExactly(QualifiedTable.publicTable("author"));
        assertThat(f.metadata("{'type': 'get_inconsistent_metadata', 'args': {}}"))
                .isEqualTo(json("{'is_consistent': false, 'inconsistent_objects': " + Json.write(e.internal()).replace('"', '\'')
                        .replace("\\'", "\\\"") + "}"));
        assertThat(f.export()).contains("ghost");
        assertThat(f.metadata("{'type': 'drop_inconsistent_metadata', 'args': {}}")).isEqualTo(json("{'message': 'success'}"));
        assertThat(f.metadata("{'type': 'get_inconsistent_metadata', 'args': {}}"))
                .isEqualTo(json("{'is_consistent': true, 'inconsistent_objects': []}"));
        assertThat(f.export()).doesNotContain("ghost").contains("author");
    }

    @Test
    void replace_unknownKeys_notSupported_unlessAllowInconsistent() {
        assertError(f.metadataError("{'type': 'replace_metadata', 'args': {'version': 3, 'sources': [],"
                        + " 'cron_triggers': [{'name': 'nightly'}]}}"),
                400, "not-supported", "$.args.cron_triggers", "metadata key \"cron_triggers\" is not supported by Joinery");
        assertError(f.metadataError("{'type': 'replace_metadata', 'args': {'version': 3, 'sources': [{'name': 'default',"
                        + " 'kind': 'postgres', 'tables': [{'table': 'author', 'event_triggers': [{'name': 'audit'}]}]}]}}"),
                400, "not-supported", "$.args.sources[0].tables[0].event_triggers",
                "table key \"event_triggers\" is not supported by Joinery");
        assertError(f.metadataError("{'type': 'replace_metadata', 'args': {'version': 3, 'sources': [{'name': 'default',"
                        + " 'kind': 'postgres', 'tables': [], 'functions': [{'function': 'f'}]}]}}"),
                400, "not-supported", "$.args.sources[0].functions", "source key \"functions\" is not supported by Joinery");
        assertError(f.metadataError("{'type': 'replace_metadata', 'args': {'version': 3, 'sources': [{'name': 'other',"
                        + " 'kind': 'postgres', 'tables': []}]}}"),
                400, "not-supported", "$.args.sources[0].name",
                "source \"other\" is not supported: the child serves one source, \"default\"");
        assertThat(f.store.current().resourceVersion()).isEqualTo(1);

        // asynchronous actions are supported (issue 7): replaced and exported as they are
        assertThat(f.metadata("{'type': 'replace_metadata', 'args': {'metadata': {'version': 3, 'sources': [],"
                        + " 'actions': [{'name': 'place_order', 'definition': {'handler': 'http://h', 'output_type': 'Int',"
                        + " 'kind': 'asynchronous'}}]}}}")).isEqualTo(json("{'is_consistent': true, 'inconsistent_objects': []}"));
        assertThat(f.export()).contains("\"kind\":\"asynchronous\"");

        // empty values are ignored
        assertThat(f.metadata("{'type': 'replace_metadata', 'args': {'version': 3, 'sources': [{'name': 'default',"
                + " 'kind': 'postgres', 'tables': [{'table': 'author', 'select_permissions': [], 'configuration': {}}],"
                + " 'functions': []}], 'actions': [], 'custom_types': {}, 'remote_schemas': []}}"))
                .isEqualTo(json("{'message': 'success'}"));

        JsonNode response = f.metadata("{'type': 'replace_metadata', 'args': {'allow_inconsistent_metadata': true,"
                + " 'metadata': {'version': 3, 'sources': [{'name': 'default', 'kind': 'postgres',"
                + " 'tables': [{'table': 'author', 'event_triggers': [{'name': 'audit'}]}]}],"
                + " 'cron_triggers': [{'name': 'nightly'}]}}}");
        assertThat(response.get("is_consistent").asBoolean()).isFalse();
        assertThat(response.get("inconsistent_objects")).extracting(o -> o.get("name").asText()).containsExactly(
                "cron_triggers", "event_triggers in table public.author in source default");
        assertThat(response.get("inconsistent_objects").get(0).get("reason").asText())
                .isEqualTo("Inconsistent object: metadata key \"cron_triggers\" is not supported by Joinery");
        assertThat(f.store.current().model().tables()).hasSize(1);
        String exported = f.export();
        assertThat(exported).contains("\"event_triggers\":[{\"name\":\"audit\"}]")
                .endsWith(",\"cron_triggers\":[{\"name\":\"nightly\"}]}");
        // survives a restart, still listed
        assertThat(f.reopen().current().inconsistencies()).hasSize(2);
        assertThat(f.export()).isEqualTo(exported);
    }

    @Test
    void reloadMetadata_reportsConsistency_andPicksUpNewTables() {
        f.metadata("{'type': 'replace_metadata', 'args': {'allow_inconsistent_metadata': true, 'metadata':"
                + " {'version': 3, 'sources': [{'name': 'default', 'tables': [{'table': 'later'}]}]}}}");
        assertThat(f.metadata("{'type': 'reload_metadata', 'args': {'reload_remote_schemas': true}}"))
                .isEqualTo(json("{'message': 'success', 'is_consistent': false, 'inconsistent_objects': [{'type': 'table',"
                        + " 'name': 'table public.later in source default', 'definition': {'schema': 'public', 'name': 'later'},"
                        + " 'reason': 'Inconsistent object: no such table/view exists in source: \\\\'later\\\\''}]}"
                        .replace("\\\\'", "\\\"")));
        f.runSql("CREATE TABLE later (id int)");
        long version = f.store.current().version();
        assertThat(f.metadata("{'type': 'reload_metadata', 'args': {}}"))
                .isEqualTo(json("{'message': 'success', 'is_consistent': true}"));
        assertThat(f.store.current().version()).isGreaterThan(version);
        assertThat(f.store.current().model().tables()).containsKey(QualifiedTable.publicTable("later"));
    }

    @Test
    void trackTable_createdOutsideRunSql_isFoundWithoutReload() {
        f.runSql("CREATE TABLE fresh_table (id int)");
        assertThat(f.metadata("{'type': 'pg_track_table', 'args': {'table': 'fresh_table'}}"))
                .isEqualTo(json("{'message': 'success'}"));
    }

    @Test
    void metadataSurvivesReopen_andFileMetadataReplacesStored() {
        f.metadata("{'type': 'pg_track_table', 'args': {'table': 'author'}}");
        MetadataStore reopened = f.reopen();
        assertThat(reopened.current().resourceVersion()).isEqualTo(2);
        assertThat(reopened.current().model().tables()).containsKey(QualifiedTable.publicTable("author"));

        MetadataStore fromFile = f.open(Optional.of(json(SPEC_EXAMPLE)));
        assertThat(fromFile.current().resourceVersion()).isEqualTo(3);
        assertThat(fromFile.current().model().tables()).hasSize(2);
        // the same file again changes nothing
        assertThat(f.open(Optional.of(json(SPEC_EXAMPLE))).current().resourceVersion()).isEqualTo(3);
        // a v2 export is accepted as a file; inconsistent objects in a file are kept, not fatal
        MetadataStore v2 = f.open(Optional.of(json("{'resource_version': 9, 'metadata': {'version': 3, 'sources':"
                + " [{'name': 'default', 'tables': [{'table': 'ghost'}]}]}}")));
        assertThat(v2.current().inconsistencies()).hasSize(1);
        assertThat(f.reopen().current().metadata().tables()).extracting(t -> t.table().name()).containsExactly("ghost");
    }

    @Test
    void clearMetadata_keepsDefaultSource_andBumpsResourceVersion() {
        f.metadata("{'type': 'pg_track_table', 'args': {'table': 'author'}}");
        assertThat(f.metadata("{'type': 'clear_metadata', 'args': {}}")).isEqualTo(json("{'message': 'success'}"));
        assertThat(f.store.current().resourceVersion()).isEqualTo(3);
        assertThat(f.export()).contains("\"name\":\"default\"").contains("\"tables\":[]");
    }
}
