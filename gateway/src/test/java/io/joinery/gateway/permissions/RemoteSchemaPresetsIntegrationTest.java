package io.joinery.gateway.permissions;

import static io.joinery.gateway.permissions.RemoteSchemaPermissionsMetadataIntegrationTest.add;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * `@preset` in remote schema permissions (SPEC §10.4): the argument leaves the role's schema and
 * its value is always sent, static or from the session; what the upstream receives is checked.
 */
class RemoteSchemaPresetsIntegrationTest {
    static final String BUYER_ORDERS = """
            type Query {
              orders(limit: Int @preset(value: 1)): [Order!]!
              order(id: Int! @preset(value: "x-hasura-user-id")): Order
            }
            type Order { id: ID!  total: Int! }
            """;
    static final String BUYER_USERS = """
            type Query { user(id: Int! @preset(value: "X-Hasura-User-Id")): User }
            type User { id: Int!  name: String! }
            type Mutation { logUser(msg: String! @preset(value: "x-hasura-note", static: true)): String }
            """;

    private final List<String> log = TestUpstream.sharedLog();
    @RegisterExtension
    final GatewayFixture fixture = Remotes.ordersAndUsers(log, null, null)
            .env("JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS", "true")
            .then(g -> {
                g.metadataOk(add("orders", "buyer", BUYER_ORDERS));
                g.metadataOk(add("users", "buyer", BUYER_USERS));
            })
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream orders = fixture.upstream("orders");
    private final TestUpstream users = fixture.upstream("users");

    private JsonNode asBuyer(String query, String userId) {
        return gateway.graphql(query, null, userId == null ? Map.of("X-Hasura-Role", "buyer")
                : Map.of("X-Hasura-Role", "buyer", "X-Hasura-User-Id", userId));
    }

    @Test
    void staticAndSessionPresets_areSentUpstream() {
        JsonNode answer = asBuyer("{ orders { id } order { id total } user { name } }", "2");

        assertThat(answer.toString()).isEqualTo("{\"data\":{\"orders\":[{\"id\":\"1\"}],"
                + "\"order\":{\"id\":\"2\",\"total\":200},\"user\":{\"name\":\"Grace\"}}}");
        TestUpstream.Recorded toOrders = orders.requests().get(0);
        assertThat(toOrders.query()).isEqualTo(
                "query($x_hasura_user_id: Int!) { orders(limit: 1) { id } order(id: $x_hasura_user_id) { id total } }");
        assertThat(toOrders.variables().toString()).isEqualTo("{\"x_hasura_user_id\":2}");
        TestUpstream.Recorded toUsers = users.requests().get(0);
        assertThat(toUsers.query()).isEqualTo("query($x_hasura_user_id: Int!) { user(id: $x_hasura_user_id) { name } }");
        assertThat(toUsers.variables().toString()).isEqualTo("{\"x_hasura_user_id\":2}");
    }

    @Test
    void aClientVariableOfTheSameName_isKept_andThePresetVariableRenamed() {
        com.fasterxml.jackson.databind.node.ObjectNode variables = io.joinery.core.json.Json.object();
        variables.put("x_hasura_user_id", true);
        JsonNode answer = gateway.graphql("query Q($x_hasura_user_id: Boolean!) { order @include(if: $x_hasura_user_id) { id } }",
                variables, Map.of("X-Hasura-Role", "buyer", "X-Hasura-User-Id", "3"));

        assertThat(answer.toString()).isEqualTo("{\"data\":{\"order\":{\"id\":\"3\"}}}");
        TestUpstream.Recorded toOrders = orders.requests().get(0);
        assertThat(toOrders.query()).isEqualTo("query Q($x_hasura_user_id: Boolean!, $x_hasura_user_id_2: Int!) { "
                + "order(id: $x_hasura_user_id_2) @include(if: $x_hasura_user_id) { id } }");
        assertThat(toOrders.variables().toString()).isEqualTo("{\"x_hasura_user_id\":true,\"x_hasura_user_id_2\":3}");
    }

    @Test
    void staticPreset_keepsAnXHasuraString_literally() {
        JsonNode answer = asBuyer("mutation { logUser }", null);

        assertThat(answer.toString()).isEqualTo("{\"data\":{\"logUser\":\"users:x-hasura-note\"}}");
        assertThat(users.requests().get(0).query()).isEqualTo("mutation { logUser(msg: \"x-hasura-note\") }");
        assertThat(log).containsExactly("users:x-hasura-note");
    }

    @Test
    void presetArguments_cannotBePassedByTheRole() {
        for (String query : List.of("{ orders(limit: 3) { id } }", "{ order(id: 1) { id } }",
                "mutation { logUser(msg: \"mine\") }")) {
            JsonNode answer = asBuyer(query, "2");
            assertThat(answer.has("data")).as(answer.toString()).isFalse();
            assertThat(answer.get("errors").get(0).get("extensions").get("code").asText()).isEqualTo("validation-failed");
        }
        JsonNode schema = asBuyer("{ __type(name: \"query_root\") { fields { name args { name } } } }", "2");
        assertThat(schema.get("data").get("__type").get("fields").findValues("args"))
                .allSatisfy(args -> assertThat(args).isEmpty());
        assertThat(orders.requests()).isEmpty();
        assertThat(users.requests()).isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    void missingSessionVariable_isNotFound_andNothingIsSent() {
        JsonNode answer = asBuyer("{ orders { id } order { id } }", null);

        assertThat(answer.has("data")).as(answer.toString()).isFalse();
        assertThat(answer.get("errors").get(0).get("message").asText())
                .isEqualTo("\"x-hasura-user-id\" session variable expected, but not found");
        assertThat(answer.get("errors").get(0).get("extensions").get("code").asText()).isEqualTo("not-found");
        assertThat(orders.requests()).isEmpty();
    }

    @Test
    void sessionVariableOfTheWrongType_isACoercionError() {
        JsonNode answer = asBuyer("{ order { id } }", "abc");

        assertThat(answer.get("errors").get(0).get("message").asText())
                .isEqualTo("\"abc\" cannot be coerced into an Int value");
        assertThat(answer.get("errors").get(0).get("extensions").get("code").asText()).isEqualTo("coercion-error");
        assertThat(orders.requests()).isEmpty();
    }

    @Test
    void admin_hasNoPresets_andPassesTheArguments() {
        JsonNode answer = gateway.graphql("{ orders(limit: 2) { id } }");

        assertThat(answer.get("data").get("orders")).hasSize(2);
        assertThat(orders.requests().get(0).query()).isEqualTo("query { orders(limit: 2) { id } }");
    }
}
