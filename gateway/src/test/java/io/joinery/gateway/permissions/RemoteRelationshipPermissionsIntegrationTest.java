package io.joinery.gateway.permissions;

import static io.joinery.gateway.permissions.RemoteSchemaPermissionsMetadataIntegrationTest.add;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.JoinRemotes;
import io.joinery.gateway.testing.TestUpstream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Remote relationships under remote schema permissions (SPEC §10.4): `Order.customer` (shop → crm)
 * appears for a role only when it sees the type, its join field and the target field; the target
 * field's presets go into the join request.
 */
class RemoteRelationshipPermissionsIntegrationTest {
    private static final String SHOP_WITH_KEY = """
            type Query { orders(count: Int!): [Order!]! }
            type Order { id: Int!  customerId: Int  total: Int! }
            """;
    private static final String SHOP_WITHOUT_KEY = """
            type Query { orders(count: Int!): [Order!]! }
            type Order { id: Int!  total: Int! }
            """;
    private static final String CRM_WITH_PRESET = """
            type Query {
              customer(id: Int!, greeting: String @preset(value: "x-hasura-greeting")): Customer
              account(tenant: String! @preset(value: "x-hasura-greeting")): Account
            }
            type Account { lookup(id: Int! @preset(value: 4)): Customer  customers(ids: [Int!]! @preset(value: [1, 2])): [Customer] }
            type Customer { id: Int!  name: String!  greeting: String }
            """;

    @RegisterExtension
    final GatewayFixture fixture = JoinRemotes.shopAndCrm(null)
            .env("JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS", "true")
            .then(g -> {
                g.metadataOk(JoinRemotes.relationship("shop", "Order", "customer", "crm", "[\"customerId\"]",
                        "{\"customer\":{\"arguments\":{\"id\":\"$customerId\"}}}"));
                g.metadataOk(add("shop", "agent", SHOP_WITH_KEY));
                g.metadataOk(add("crm", "agent", CRM_WITH_PRESET));
                g.metadataOk(add("shop", "clerk", SHOP_WITHOUT_KEY));
                g.metadataOk(add("crm", "clerk", CRM_WITH_PRESET));
                g.metadataOk(add("shop", "viewer", SHOP_WITH_KEY));
            })
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream crm = fixture.upstream("crm");

    private JsonNode as(String role, String query) {
        return gateway.graphql(query, null, Map.of("X-Hasura-Role", role, "X-Hasura-Greeting", "Hello"));
    }

    private List<String> orderFields(String role) {
        List<String> out = new ArrayList<>();
        as(role, "{ __type(name: \"Order\") { fields { name } } }").get("data").get("__type").get("fields")
                .forEach(f -> out.add(f.get("name").asText()));
        return out;
    }

    @Test
    void relationship_isVisible_toARoleThatSeesBothSides_andTheJoinCarriesThePreset() {
        assertThat(orderFields("agent")).containsExactly("id", "customerId", "total", "customer");

        JsonNode answer = as("agent", "{ orders(count: 1) { id customer { name greeting } } }");

        assertThat(answer.toString()).isEqualTo("{\"data\":{\"orders\":[{\"id\":1,"
                + "\"customer\":{\"name\":\"C2\",\"greeting\":\"Hello C2\"}}]}}");
        TestUpstream.Recorded join = crm.requests().get(0);
        assertThat(join.query()).isEqualTo("query($x_hasura_greeting: String!) { "
                + "f0: customer(id: 2, greeting: $x_hasura_greeting) { name greeting } }");
        assertThat(join.variables().toString()).isEqualTo("{\"x_hasura_greeting\":\"Hello\"}");
    }

    @Test
    void presetsOfNestedFields_areWritten_whereverTheFieldIsSelected() {
        JsonNode answer = as("agent", "{ account { lookup { name } customers { id } } }");

        assertThat(answer.toString()).isEqualTo("{\"data\":{\"account\":{\"lookup\":{\"name\":\"C4\"},"
                + "\"customers\":[{\"id\":1},{\"id\":2}]}}}");
        assertThat(crm.requests().get(0).query()).isEqualTo("query($x_hasura_greeting: String!) { "
                + "account(tenant: $x_hasura_greeting) { lookup(id: 4) { name } customers(ids: [1, 2]) { id } } }");
    }

    @Test
    void relationshipField_hasNoPresetArgument_forTheRole() {
        JsonNode field = as("agent", "{ __type(name: \"Order\") { fields { name args { name } } } }");
        assertThat(field.get("data").get("__type").get("fields").get(3).get("args")).isEmpty();
        JsonNode refused = as("agent", "{ orders(count: 1) { customer(greeting: \"Hi\") { name } } }");
        assertThat(refused.has("data")).as(refused.toString()).isFalse();
        assertThat(crm.requests()).isEmpty();
    }

    @Test
    void relationship_isHidden_whenTheRoleCannotSeeItsJoinField() {
        assertThat(orderFields("clerk")).containsExactly("id", "total");
        JsonNode refused = as("clerk", "{ orders(count: 1) { id customer { name } } }");
        assertThat(refused.get("errors").get(0).get("message").asText())
                .isEqualTo("field 'customer' not found in type: 'Order'");
        assertThat(crm.requests()).isEmpty();
    }

    @Test
    void relationship_isHidden_whenTheRoleCannotSeeTheTarget() {
        assertThat(orderFields("viewer")).containsExactly("id", "customerId", "total");
        JsonNode refused = as("viewer", "{ orders(count: 1) { customer { name } } }");
        assertThat(refused.get("errors").get(0).get("message").asText())
                .isEqualTo("field 'customer' not found in type: 'Order'");
    }

    @Test
    void admin_joinsWithoutPresets() {
        JsonNode answer = gateway.graphql("{ orders(count: 1) { customer(greeting: \"Hi\") { greeting } } }");

        assertThat(answer.toString()).isEqualTo("{\"data\":{\"orders\":[{\"customer\":{\"greeting\":\"Hi C2\"}}]}}");
        assertThat(crm.requests().get(0).query()).isEqualTo("query { f0: customer(id: 2, greeting: \"Hi\") { greeting } }");
    }
}
