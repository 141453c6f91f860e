package io.joinery.gateway.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.GatewayHarness.Reply;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `add_remote_schema_permissions` / `drop_remote_schema_permissions` and `permissions` in metadata (SPEC §10.4). */
class RemoteSchemaPermissionsMetadataIntegrationTest {
    static final String USER_SDL = "type Query { user(id: Int!): User }  type User { id: Int!  name: String! }";

    @RegisterExtension
    final GatewayFixture fixture = Remotes.ordersAndUsers(TestUpstream.sharedLog(), null, null)
            .env("JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS", "true").start();
    private final GatewayHarness gateway = fixture.gateway();

    static String add(String remote, String role, String sdl) {
        return "{\"type\":\"add_remote_schema_permissions\",\"args\":{\"remote_schema\":\"" + remote + "\",\"role\":\""
                + role + "\",\"definition\":{\"schema\":" + Json.write(Json.MAPPER.getNodeFactory().textNode(sdl))
                + "},\"comment\":\"for " + role + "\"}}";
    }

    static String drop(String remote, String role) {
        return "{\"type\":\"drop_remote_schema_permissions\",\"args\":{\"remote_schema\":\"" + remote + "\",\"role\":\""
                + role + "\"}}";
    }

    private void assertError(String command, int status, String code, String path, String message) {
        Reply reply = gateway.metadata(command);
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("code").asText()).as(reply.body()).isEqualTo(code);
        assertThat(reply.json().get("path").asText()).isEqualTo(path);
        assertThat(reply.json().get("error").asText()).isEqualTo(message);
    }

    private JsonNode export() {
        return gateway.metadataOk("{\"type\":\"export_metadata\",\"args\":{}}");
    }

    @Test
    void add_isExported_andDrop_removesIt() {
        gateway.metadataOk(add("users", "user", USER_SDL));

        JsonNode users = export().get("remote_schemas").get(1);
        assertThat(users.get("name").asText()).isEqualTo("users");
        assertThat(users.get("permissions")).hasSize(1);
        assertThat(users.get("permissions").get(0).get("role").asText()).isEqualTo("user");
        assertThat(users.get("permissions").get(0).get("definition").get("schema").asText()).isEqualTo(USER_SDL);
        assertThat(users.get("permissions").get(0).get("comment").asText()).isEqualTo("for user");

        gateway.metadataOk(drop("users", "user"));
        assertThat(export().get("remote_schemas").get(1).has("permissions")).isFalse();
    }

    @Test
    void errors_unknownRemote_duplicate_admin_invalidSchema_unknownPermission() {
        assertError(add("nope", "user", USER_SDL), 400, "not-exists", "$.args", "remote schema \"nope\" doesn't exist");
        gateway.metadataOk(add("users", "user", USER_SDL));
        assertError(add("users", "user", USER_SDL), 400, "already-exists", "$.args",
                "permissions for role: \"user\" for remote schema:\"users\" already exists");
        assertError(add("users", "admin", USER_SDL), 400, "constraint-violation", "$.args",
                "cannot define permission for admin role");
        assertError(add("users", "guest", "type Query { user(id: Int!): User }  type User { id: Int!  phone: String }"),
                400, "validation-failed", "$.args", "validation for the given role-based schema failed because field"
                        + " \"phone\" does not exist in the \"Object\": \"User\"");
        Reply notSdl = gateway.metadata(add("users", "guest", "type Query {"));
        assertThat(notSdl.status()).isEqualTo(400);
        assertThat(notSdl.json().get("code").asText()).isEqualTo("parse-failed");
        assertThat(notSdl.json().get("path").asText()).isEqualTo("$.args.definition.schema");
        assertThat(notSdl.json().get("error").asText()).startsWith("parsing the schema document: ");
        assertError(drop("users", "guest"), 400, "not-exists", "$.args",
                "permissions for role: \"guest\" for remote schema:\"users\" doesn't exist");
        assertThat(export().get("remote_schemas").get(1).get("permissions")).hasSize(1);
    }

    @Test
    void replaceMetadata_roundTrips_andRemovingTheRemoteRemovesItsPermissions() {
        gateway.metadataOk(add("users", "user", USER_SDL));
        JsonNode exported = export();
        gateway.metadataOk("{\"type\":\"clear_metadata\",\"args\":{}}");
        gateway.metadataOk("{\"type\":\"replace_metadata\",\"args\":" + Json.write(exported) + "}");
        assertThat(export()).isEqualTo(exported);

        gateway.metadataOk("{\"type\":\"remove_remote_schema\",\"args\":{\"name\":\"users\"}}");
        assertThat(export().toString()).doesNotContain("permissions");
    }

    @Test
    void replaceMetadata_withAnInvalidPermission_isRefused_orKeptAsInconsistent() {
        JsonNode exported = export();
        ((com.fasterxml.jackson.databind.node.ObjectNode) exported.get("remote_schemas").get(1)).set("permissions",
                Json.parseBody("[{\"role\":\"user\",\"definition\":{\"schema\":\"type Query { nope: Int }\"}}]"));
        Reply refused = gateway.metadata("{\"type\":\"replace_metadata\",\"args\":" + Json.write(exported) + "}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);

        gateway.metadataOk("{\"type\":\"replace_metadata\",\"version\":2,\"args\":{\"allow_inconsistent_metadata\":true,"
                + "\"metadata\":" + Json.write(exported) + "}}");
        JsonNode inconsistent = gateway.metadataOk("{\"type\":\"get_inconsistent_metadata\",\"args\":{}}");
        JsonNode object = inconsistent.get("inconsistent_objects").get(0);
        assertThat(object.get("type").asText()).isEqualTo("remote_schema_permission");
        assertThat(object.get("name").asText())
                .isEqualTo("remote_schema_permission user permission in remote schema users");
        assertThat(object.get("reason").asText()).contains("field \"nope\" does not exist in the \"Object\": \"Query\"");

        gateway.metadataOk("{\"type\":\"drop_inconsistent_metadata\",\"args\":{}}");
        assertThat(export().toString()).doesNotContain("permissions");
        assertThat(export().get("remote_schemas")).hasSize(2);
    }

    @Test
    void hasuraVariableName_enablesThem_too() {
        try (GatewayFixture hasura = Remotes.ordersAndUsers(TestUpstream.sharedLog(), null, null)
                .env("HASURA_GRAPHQL_ENABLE_REMOTE_SCHEMA_PERMISSIONS", "true").start()) {
            hasura.gateway().metadataOk(add("users", "user", USER_SDL));
        }
        try (GatewayFixture off = Remotes.ordersAndUsers(TestUpstream.sharedLog(), null, null).start()) {
            Reply reply = off.gateway().metadata(add("users", "user", USER_SDL));
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).isEqualTo("constraint-violation");
            assertThat(reply.json().get("error").asText()).startsWith("remote schema permissions can only be added when"
                    + " remote schema permissions are enabled");
        }
    }
}
