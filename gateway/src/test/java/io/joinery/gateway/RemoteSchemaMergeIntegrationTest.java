package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two remotes merged into one endpoint, with customization (issue #5 "Done when", first item). */
class RemoteSchemaMergeIntegrationTest {
    private static final String ORDERS_CUSTOMIZATION = """
            "customization": {"type_names": {"prefix": "Ord_", "mapping": {"Line": "OrderLine"}},
              "field_names": [{"parent_type": "Order", "mapping": {"total": "amount"}},
                              {"parent_type": "Query", "prefix": "shop_"}]}""";

    private final List<String> log = TestUpstream.sharedLog();
    @RegisterExtension
    final GatewayFixture fixture = Remotes.ordersAndUsers(log, ORDERS_CUSTOMIZATION, null).start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream orders = fixture.upstream("orders");
    private final TestUpstream users = fixture.upstream("users");

    @Test
    void twoRemotes_oneEndpoint_customizedNamesBothWays() {
        JsonNode response = gateway.graphql("""
                { shop_order(id: 2) { __typename id amount status lines { __typename sku } }
                  user(id: 1) { __typename name } }""");

        assertThat(response.toString()).isEqualTo("""
                {"data":{"shop_order":{"__typename":"Ord_Order","id":"2","amount":200,"status":"PAID",\
                "lines":[{"__typename":"OrderLine","sku":"A-2"}]},"user":{"__typename":"User","name":"Ada"}}}""");
        assertThat(orders.requests()).singleElement().satisfies(r -> assertThat(r.query()).isEqualTo(
                "query { shop_order: order(id: 2) { __typename id amount: total status lines { __typename sku } } }"));
        assertThat(users.requests()).singleElement()
                .satisfies(r -> assertThat(r.query()).isEqualTo("query { user(id: 1) { __typename name } }"));
    }

    @Test
    void mergedSchema_hasRootTypesAndCustomizedTypes() {
        JsonNode response = gateway.graphql("""
                { __schema { queryType { name } mutationType { name } }
                  order: __type(name: "Ord_Order") { fields { name } }
                  plain: __type(name: "Order") { name } }""");

        assertThat(response.at("/data/__schema/queryType/name").asText()).isEqualTo("query_root");
        assertThat(response.at("/data/__schema/mutationType/name").asText()).isEqualTo("mutation_root");
        assertThat(response.at("/data/order/fields").findValuesAsText("name"))
                .containsExactly("id", "amount", "status", "lines");
        assertThat(response.at("/data/plain").isNull()).isTrue();
        assertThat(orders.requests()).isEmpty();
        assertThat(users.requests()).isEmpty();
    }

    @Test
    void variablesFragmentsAndAliases_passedThrough() {
        ObjectNode variables = Json.object().put("id", 3).put("limit", 2).put("uid", 2);
        JsonNode response = gateway.graphql("""
                query Q($id: Int!, $limit: Int, $uid: Int!, $unused: String) {
                  first: shop_order(id: $id) { ...OrderBits }
                  list: shop_orders(limit: $limit) { key: id ... on Ord_Order { amount } }
                  node: shop_node(id: "1") { id ... on Ord_Order { status } }
                  person: user(id: $uid) { ...on User { who: name } }
                }
                fragment OrderBits on Ord_Order { id total: amount lines { ...LineBits } }
                fragment LineBits on OrderLine { qty }""", variables, Map.of());

        assertThat(response.toString()).isEqualTo("""
                {"data":{"first":{"id":"3","total":300,"lines":[{"qty":3}]},\
                "list":[{"key":"1","amount":100},{"key":"2","amount":200}],\
                "node":{"id":"1","status":"OPEN"},"person":{"who":"Grace"}}}""");
        TestUpstream.Recorded toOrders = orders.requests().get(0);
        assertThat(toOrders.query()).isEqualTo("query Q($id: Int!, $limit: Int) { "
                + "first: order(id: $id) { ... on Order { id total lines { ... on Line { qty } } } } "
                + "list: orders(limit: $limit) { key: id ... on Order { amount: total } } "
                + "node(id: \"1\") { id ... on Order { status } } }");
        assertThat(toOrders.variables().toString()).isEqualTo("{\"id\":3,\"limit\":2}");
        assertThat(toOrders.operationName()).isEqualTo("Q");
        assertThat(users.requests().get(0).variables().toString()).isEqualTo("{\"uid\":2}");
    }

    @Test
    void query_sendsExactlyOneRequestPerRemote() {
        JsonNode response = gateway.graphql("""
                { a: shop_order(id: 1) { id } b: shop_order(id: 2) { id } c: shop_orders { id }
                  u1: user(id: 1) { name } u2: users { id } }""");

        assertThat(response.has("errors")).isFalse();
        assertThat(response.at("/data/b/id").asText()).isEqualTo("2");
        assertThat(response.at("/data/u2").size()).isEqualTo(2);
        assertThat(orders.requests()).hasSize(1);
        assertThat(users.requests()).hasSize(1);
    }

    @Test
    void requestsToDifferentRemotes_runConcurrently() {
        // each remote answers only once the other has received its request: sequential fetching would time out
        orders.holdAnswersUntil(users.firstRequestArrived().timeout(java.time.Duration.ofSeconds(3)));
        users.holdAnswersUntil(orders.firstRequestArrived().timeout(java.time.Duration.ofSeconds(3)));

        JsonNode response = gateway.graphql("{ shop_order(id: 1) { id } user(id: 1) { name } }");

        assertThat(response.toString()).isEqualTo("{\"data\":{\"shop_order\":{\"id\":\"1\"},\"user\":{\"name\":\"Ada\"}}}");
    }

    @Test
    void mutationFieldsAcrossRemotes_runInDocumentOrder() {
        JsonNode response = gateway.graphql("""
                mutation { a: logOrder(msg: "1") b: logOrder(msg: "2") c: logUser(msg: "3")
                           d: logOrder(msg: "4") e: logUser(msg: "5") }""");

        assertThat(response.toString()).isEqualTo("""
                {"data":{"a":"orders:1","b":"orders:2","c":"users:3","d":"orders:4","e":"users:5"}}""");
        assertThat(log).containsExactly("orders:1", "orders:2", "users:3", "orders:4", "users:5");
        assertThat(orders.requests()).extracting(TestUpstream.Recorded::query).containsExactly(
                "mutation { a: logOrder(msg: \"1\") b: logOrder(msg: \"2\") }",
                "mutation { d: logOrder(msg: \"4\") }");
        assertThat(users.requests()).hasSize(2);
    }

    @Test
    void typenameAtRoot_andMixedIntrospection_answeredLocally() {
        JsonNode response = gateway.graphql("{ __typename user(id: 2) { name } t: __type(name: \"User\") { name } }");

        assertThat(response.toString()).isEqualTo(
                "{\"data\":{\"__typename\":\"query_root\",\"user\":{\"name\":\"Grace\"},\"t\":{\"name\":\"User\"}}}");
        assertThat(orders.requests()).isEmpty();
    }
}
