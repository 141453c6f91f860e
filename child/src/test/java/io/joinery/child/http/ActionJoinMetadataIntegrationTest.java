package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `to_action` relationships as metadata (SPEC §12): what is refused, with which error, that a
 * refused command changes nothing, and export -> replace -> export.
 */
class ActionJoinMetadataIntegrationTest {
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started(ActionJoinFixture.SQL, ActionJoinFixture.metadata("http://127.0.0.1:1"));
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    private static String create(String type, String table, String name, String toAction) {
        return """
                {"type": "%s", "args": {"source": "default", "table": "%s", "name": "%s",
                  "definition": {"to_action": %s}}}""".formatted(type, table, name, toAction);
    }

    private static void assertRefused(String command, String code, String message) {
        JsonNode before = http.metadata("{\"type\": \"export_metadata\", \"args\": {}}").json();
        TestHttp.Response response = http.metadata(command);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(response.json().get("error").asText()).isEqualTo(message);
        assertThat(http.metadata("{\"type\": \"export_metadata\", \"args\": {}}").json()).isEqualTo(before);
    }

    @Test
    void unknownAction() {
        assertRefused(create("pg_create_remote_relationship", "author", "x",
                        "{\"action\": \"nope\", \"arguments\": {\"author_id\": \"$id\"}}"), "invalid-configuration",
                "Inconsistent object: the action \"nope\" of relationship \"x\" on table \"author\" does not exist");
    }

    @Test
    void unknownField() {
        assertRefused(create("pg_create_remote_relationship", "author", "x",
                        "{\"action\": \"authorStats\", \"arguments\": {\"author_id\": \"$author_id\"}}"),
                "invalid-configuration", "Inconsistent object: the field \"author_id\" of relationship \"x\" on "
                        + "table \"author\" does not exist");
    }

    @Test
    void fieldMissingFromExplicitLhsFields() {
        assertRefused(create("pg_create_remote_relationship", "author", "x",
                        "{\"action\": \"authorStats\", \"lhs_fields\": [\"name\"], \"arguments\": {\"author_id\": \"$id\"}}"),
                "invalid-configuration", "Inconsistent object: the field \"id\" used in the arguments of relationship "
                        + "\"x\" on table \"author\" is missing from its lhs_fields");
    }

    @Test
    void missingRequiredArgument() {
        assertRefused(create("pg_create_remote_relationship", "author", "x",
                        "{\"action\": \"authorStats\", \"lhs_fields\": [\"id\"], \"arguments\": {}}"),
                "invalid-configuration", "Inconsistent object: the required argument \"author_id\" of action "
                        + "\"authorStats\" is not given by relationship \"x\" on table \"author\"");
    }

    @Test
    void mutationTarget() {
        assertRefused(create("pg_create_remote_relationship", "author", "x",
                        "{\"action\": \"updateAuthor\", \"arguments\": {\"id\": \"$id\", \"name\": \"$name\"}}"),
                "invalid-configuration", "Inconsistent object: the action \"updateAuthor\" of relationship \"x\" on "
                        + "table \"author\" is a mutation; a relationship can only target a query action");
    }

    @Test
    void typeMismatch() {
        assertRefused(create("pg_create_remote_relationship", "author", "x",
                        "{\"action\": \"authorStats\", \"arguments\": {\"author_id\": \"$name\"}}"),
                "invalid-configuration", "Inconsistent object: the field \"name\" (String) does not fit the argument "
                        + "\"author_id\" (Int!) of action \"authorStats\" of relationship \"x\" on table \"author\"");
    }

    @Test
    void onACustomType_refusedBySetCustomTypes() {
        String types = ActionJoinFixture.TYPES.formatted(ActionJoinFixture.OUTPUT_STATS.replace("$author_id", "$nope"));
        assertRefused("{\"type\": \"set_custom_types\", \"args\": " + types + "}", "invalid-configuration",
                "Inconsistent object: the field \"nope\" of relationship \"stats\" on object type \"UpdateAuthorOutput\" "
                        + "does not exist");
    }

    @Test
    void existingName_updateOrDeleteUnknown() {
        assertRefused(create("pg_create_remote_relationship", "author", "stats",
                "{\"action\": \"authorStats\", \"arguments\": {\"author_id\": \"$id\"}}"), "already-exists",
                "remote relationship \"stats\" already exists on table \"author\"");
        assertRefused(create("pg_update_remote_relationship", "author", "nope",
                "{\"action\": \"authorStats\", \"arguments\": {\"author_id\": \"$id\"}}"), "not-exists",
                "remote relationship \"nope\" does not exist on table \"author\"");
        assertRefused("{\"type\": \"pg_delete_remote_relationship\", \"args\": {\"table\": \"author\", \"name\": \"nope\"}}",
                "not-exists", "remote relationship \"nope\" does not exist on table \"author\"");
    }

    @Test
    void droppingATargetAction_isRefused() {
        TestHttp.Response response = http.metadata("{\"type\": \"drop_action\", \"args\": {\"name\": \"slowStats\"}}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("cannot continue due to new inconsistent metadata");
    }

    @Test
    void createUpdateDelete_andExportReplaceExport() {
        assertThat(http.metadata(create("pg_create_remote_relationship", "article", "again",
                "{\"action\": \"authorStats\", \"arguments\": {\"author_id\": \"$author_id\"}}")).status()).isEqualTo(200);
        assertThat(http.metadata(create("pg_update_remote_relationship", "article", "again",
                "{\"action\": \"slowStats\", \"arguments\": {\"author_id\": \"$author_id\"}}")).status()).isEqualTo(200);
        JsonNode exported = http.metadata("{\"type\": \"export_metadata\", \"args\": {}}").json();
        JsonNode article = exported.at("/sources/0/tables/0");
        assertThat(article.at("/table/name").asText()).isEqualTo("article");
        assertThat(article.get("remote_relationships")).isEqualTo(Json.parseBody("""
                [{"name": "again", "definition": {"to_action": {"action": "slowStats", "lhs_fields": ["author_id"],
                                                                "arguments": {"author_id": "$author_id"}}}},
                 {"name": "authorStats", "definition": {"to_action": {"action": "authorStats", "lhs_fields": ["author_id"],
                                                                      "arguments": {"author_id": "$author_id"}}}}]"""));
        assertThat(exported.at("/custom_types/objects/1/relationships/1/definition/to_action/lhs_fields"))
                .isEqualTo(Json.parseBody("[\"author_id\"]"));
        TestHttp.Response replaced = http.metadata("{\"type\": \"replace_metadata\", \"args\": " + Json.write(exported) + "}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(http.metadata("{\"type\": \"export_metadata\", \"args\": {}}").json()).isEqualTo(exported);
        assertThat(http.metadata("{\"type\": \"pg_delete_remote_relationship\", \"args\": {\"table\": \"article\", "
                + "\"name\": \"again\"}}").status()).isEqualTo(200);
        assertThat(http.metadata("{\"type\": \"export_metadata\", \"args\": {}}").json()
                .at("/sources/0/tables/0/remote_relationships")).hasSize(1);
    }
}
