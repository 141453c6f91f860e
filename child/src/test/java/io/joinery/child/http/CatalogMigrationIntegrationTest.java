package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.Database;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Joinery's own tables live in `joinery_catalog`; a database set up by an earlier version, with
 * them in the schema `joinery`, is migrated at start-up and keeps its metadata, its
 * resource_version and its asynchronous action invocations (issue 11, item 4).
 */
class CatalogMigrationIntegrationTest {
    /** The layout of earlier versions, verbatim: everything in schema `joinery`. */
    static final String OLD_LAYOUT = """
            CREATE SCHEMA joinery;
            CREATE TABLE joinery.metadata (
              id integer PRIMARY KEY CHECK (id = 1),
              metadata text NOT NULL,
              resource_version bigint NOT NULL,
              updated_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE joinery.action_invocations (
              id uuid PRIMARY KEY,
              action_name text NOT NULL,
              input json NOT NULL,
              session_variables json NOT NULL,
              client_headers json NOT NULL,
              status text NOT NULL CHECK (status IN ('created', 'processing', 'completed', 'error')),
              output json,
              errors json,
              attempts integer NOT NULL DEFAULT 0,
              claimed_by uuid,
              created_at timestamptz NOT NULL DEFAULT now(),
              updated_at timestamptz NOT NULL DEFAULT now());
            CREATE INDEX action_invocations_pending ON joinery.action_invocations (created_at)
              WHERE status IN ('created', 'processing');
            """;

    static final String INVOCATION_ID = "6f1c2f0e-8d7a-4c35-9d43-2b1f6a7e9c01";

    /** Data an earlier version stored: a tracked table, an async action, one finished invocation. */
    static final String OLD_DATA = """
            CREATE TABLE public.author (id int PRIMARY KEY, name text);
            INSERT INTO public.author VALUES (1, 'Ada');
            INSERT INTO joinery.metadata (id, metadata, resource_version) VALUES (1, '{"version": 3, "sources": [
              {"name": "default", "kind": "postgres", "tables": [{"table": {"schema": "public", "name": "author"}}],
               "configuration": {"connection_info": {"database_url": {"from_env": "JOINERY_DATABASE_URL"}}}}],
             "actions": [{"name": "double_async", "definition": {"handler": "http://127.0.0.1:9/double",
               "output_type": "DoubleResult", "kind": "asynchronous", "type": "mutation",
               "arguments": [{"name": "n", "type": "Int!"}]}}],
             "custom_types": {"objects": [{"name": "DoubleResult",
               "fields": [{"name": "n", "type": "Int!"}, {"name": "doubled", "type": "Int!"}]}]}}', 7);
            INSERT INTO joinery.action_invocations (id, action_name, input, session_variables, client_headers,
              status, output, attempts)
            VALUES ('%s', 'double_async', '{"n": 2}', '{"x-hasura-role": "admin"}', '[]', 'completed',
              '{"n": 2, "doubled": 4}', 1);
            """.formatted(INVOCATION_ID);

    @RegisterExtension
    final OneChildPerTest child = new OneChildPerTest();

    private static Database prepareOldLayout(String extraSql) {
        Database database = TestDatabase.freshOwnedBy("joinery");
        database.runSqlExecutor().run(OLD_LAYOUT + OLD_DATA + extraSql, false).block();
        return database;
    }

    private static JsonNode query(TestHttp http, String sql) {
        TestHttp.Response response = http.runSql(sql);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("result");
    }

    private static void assertOldDataIsServed(TestHttp http, long resourceVersion) {
        JsonNode exported = http.metadata("{\"type\": \"export_metadata\", \"version\": 2, \"args\": {}}").json();
        assertThat(exported.get("resource_version").asLong()).isEqualTo(resourceVersion);
        assertThat(exported.at("/metadata/actions/0/name").asText()).isEqualTo("double_async");
        assertThat(http.graphql("{ author { name } }").json().at("/data/author/0/name").asText()).isEqualTo("Ada");
        TestHttp.Response result = http.graphql("{ r: double_async(id: \"" + INVOCATION_ID + "\") { id output { doubled } } }");
        assertThat(result.json().at("/data/r/output/doubled").asInt()).as(result.body()).isEqualTo(4);
    }

    @Test
    void oldLayoutWithData_isMovedToJoineryCatalog_andKeepsMetadataAndInvocations() {
        Database database = prepareOldLayout("");
        TestHttp http = child.start(database).http;

        assertOldDataIsServed(http, 7);
        assertThat(query(http, "SELECT count(*) FROM joinery_catalog.action_invocations").get(1).get(0).asText())
                .isEqualTo("1");
        assertThat(query(http, "SELECT to_regnamespace('joinery') IS NULL").get(1).get(0).asText())
                .as("the emptied schema `joinery` is dropped").isEqualTo("t");
        assertThat(query(http, "SELECT indexname FROM pg_indexes WHERE schemaname = 'joinery_catalog' "
                + "AND indexname = 'action_invocations_pending'")).hasSize(2);

        // later changes are stored in the new place, and a restart (nothing left to migrate) keeps them
        assertThat(http.runSql("CREATE TABLE article (id int PRIMARY KEY)").status()).isEqualTo(200);
        assertThat(http.metadata("{\"type\": \"pg_track_table\", \"args\": {\"table\": \"article\"}}").status())
                .isEqualTo(200);
        http = child.start(Database.connect(database.url(), 4)).http;
        assertOldDataIsServed(http, 8);
        assertThat(http.graphql("{ article { id } }").json().has("data")).isTrue();
        assertThat(query(http, "SELECT version FROM joinery_catalog.catalog_version").get(1).get(0).asText())
                .isEqualTo(Integer.toString(io.joinery.child.db.CatalogMigrations.LATEST));
    }

    @Test
    void oldSchemaHoldingUserTables_isKept_andItsTablesCanBeTracked() {
        Database database = prepareOldLayout("CREATE TABLE joinery.stray (id int PRIMARY KEY); "
                + "INSERT INTO joinery.stray VALUES (5);");
        TestHttp http = child.start(database).http;

        assertOldDataIsServed(http, 7);
        assertThat(query(http, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'joinery' "
                + "ORDER BY 1").toString()).isEqualTo("[[\"table_name\"],[\"stray\"]]");
        TestHttp.Response tracked = http.metadata("{\"type\": \"pg_track_table\", \"args\": "
                + "{\"table\": {\"schema\": \"joinery\", \"name\": \"stray\"}}}");
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        assertThat(http.graphql("{ joinery_stray { id } }").json().at("/data/joinery_stray/0/id").asInt()).isEqualTo(5);
    }
}
