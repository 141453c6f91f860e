package io.joinery.gateway.permissions;

import static io.joinery.gateway.permissions.RemoteSchemaPermissionsMetadataIntegrationTest.add;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What each role is served with remote schema permissions on (SPEC §10.4): a role sees exactly its
 * permitted subset (introspection and validation), a role without a permission sees no remote,
 * admin sees everything; with them off everyone sees everything.
 */
class RemoteSchemaPermissionsIntegrationTest {
    static final String READER_USERS = "type Query { user(id: Int!): User }  type User { id: Int!  name: String! }";

    @RegisterExtension
    final GatewayFixture fixture = Remotes.ordersAndUsers(TestUpstream.sharedLog(), null, null)
            .env("JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS", "true")
            .then(g -> g.metadataOk(add("users", "reader", READER_USERS)))
            .start();
    private final GatewayHarness gateway = fixture.gateway();

    static JsonNode as(GatewayHarness gateway, String role, String query) {
        return gateway.graphql(query, null, role == null ? Map.of() : Map.of("X-Hasura-Role", role));
    }

    static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.get("name").asText()));
        return out;
    }

    static List<String> rootFields(GatewayHarness gateway, String role) {
        return names(as(gateway, role, "{ __schema { queryType { fields { name } } } }")
                .get("data").get("__schema").get("queryType").get("fields"));
    }

    static void assertRefused(JsonNode answer, String message) {
        assertThat(answer.has("data")).as(answer.toString()).isFalse();
        assertThat(answer.get("errors").get(0).get("message").asText()).isEqualTo(message);
        assertThat(answer.get("errors").get(0).get("extensions").get("code").asText()).isEqualTo("validation-failed");
    }

    @Test
    void role_seesOnlyItsSubset_inIntrospection() {
        assertThat(rootFields(gateway, "reader")).containsExactly("user");
        JsonNode user = as(gateway, "reader", "{ __type(name: \"User\") { fields { name } } }");
        assertThat(names(user.get("data").get("__type").get("fields"))).containsExactly("id", "name");
        JsonNode order = as(gateway, "reader", "{ __type(name: \"Order\") { name } }");
        assertThat(order.get("data").get("__type").isNull()).isTrue();
    }

    @Test
    void role_isRefusedFieldsOutsideItsPermission_andNothingIsSent() {
        JsonNode ok = as(gateway, "reader", "{ user(id: 1) { id name } }");
        assertThat(ok.toString()).isEqualTo("{\"data\":{\"user\":{\"id\":1,\"name\":\"Ada\"}}}");
        fixture.upstream("users").clearRequests();

        assertRefused(as(gateway, "reader", "{ users { id } }"), "field 'users' not found in type: 'query_root'");
        assertRefused(as(gateway, "reader", "{ user(id: 1) { email } }"), "field 'email' not found in type: 'User'");
        assertRefused(as(gateway, "reader", "{ orders { id } }"), "field 'orders' not found in type: 'query_root'");
        assertThat(fixture.upstream("users").requests()).isEmpty();
        assertThat(fixture.upstream("orders").requests()).isEmpty();
    }

    @Test
    void roleWithoutPermission_seesNoRemoteSchema() {
        assertThat(rootFields(gateway, "guest")).containsExactly("no_queries_available");
        assertRefused(as(gateway, "guest", "{ user(id: 1) { id } }"), "field 'user' not found in type: 'query_root'");
        JsonNode mutation = as(gateway, "guest", "mutation { logUser(msg: \"x\") }");
        assertThat(mutation.get("errors")).as(mutation.toString()).isNotNull();
        assertThat(mutation.has("data")).isFalse();
    }

    @Test
    void admin_seesEverything() {
        assertThat(rootFields(gateway, null)).contains("order", "orders", "user", "users");
        assertThat(rootFields(gateway, "admin")).contains("order", "orders", "user", "users");
        assertThat(as(gateway, null, "{ user(id: 2) { email } }").toString())
                .isEqualTo("{\"data\":{\"user\":{\"email\":null}}}");
    }

    @Test
    void droppingThePermission_takesTheRemoteAwayFromTheRole() {
        assertThat(rootFields(gateway, "reader")).containsExactly("user");
        gateway.metadataOk(RemoteSchemaPermissionsMetadataIntegrationTest.drop("users", "reader"));
        assertThat(rootFields(gateway, "reader")).containsExactly("no_queries_available");
    }

    @Test
    void flagOff_everyRoleSeesEverything_evenWithPermissionsInMetadata() {
        JsonNode exported = gateway.metadataOk("{\"type\":\"export_metadata\",\"args\":{}}");
        try (GatewayFixture off = Remotes.ordersAndUsers(TestUpstream.sharedLog(), null, null).start()) {
            off.gateway().metadataOk("{\"type\":\"replace_metadata\",\"args\":" + Json.write(exported) + "}");
            assertThat(off.gateway().metadataOk("{\"type\":\"export_metadata\",\"args\":{}}").toString())
                    .contains("\"permissions\"");
            assertThat(rootFields(off.gateway(), "reader")).contains("order", "orders", "user", "users");
            assertThat(rootFields(off.gateway(), "guest")).contains("order", "orders", "user", "users");
            assertThat(as(off.gateway(), "reader", "{ user(id: 2) { email } }").toString())
                    .isEqualTo("{\"data\":{\"user\":{\"email\":null}}}");
        }
    }
}
