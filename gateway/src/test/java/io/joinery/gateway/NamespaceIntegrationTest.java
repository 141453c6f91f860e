package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `root_fields_namespace` (SPEC §4.3): a remote's root fields under one field, both for queries and mutations. */
class NamespaceIntegrationTest {
    private final List<String> log = TestUpstream.sharedLog();
    @RegisterExtension
    final GatewayFixture fixture = Remotes.ordersAndUsers(log, """
            "customization": {"root_fields_namespace": "shop", "type_names": {"prefix": "Shop_"}}""",
            "\"timeout_seconds\": 1").start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream orders = fixture.upstream("orders");

    @Test
    void namespacedQuery_oneRequest_answerNestedUnderNamespace() {
        JsonNode response = gateway.graphql("""
                query($on: Boolean!) { shop { __typename o: order(id: 2) { __typename total } orders(limit: 1) { id } }
                  again: shop { order(id: 3) { id } }
                  maybe: shop @include(if: $on) { broken }
                  user(id: 1) { name } }""", Json.object().put("on", false), Map.of());

        assertThat(response.toString()).isEqualTo("{\"data\":{\"shop\":{\"__typename\":\"shop_query\","
                + "\"o\":{\"__typename\":\"Shop_Order\",\"total\":200},\"orders\":[{\"id\":\"1\"}]},"
                + "\"again\":{\"order\":{\"id\":\"3\"}},\"user\":{\"name\":\"Ada\"}}}");
        assertThat(orders.requests()).singleElement().satisfies(r -> assertThat(r.query()).isEqualTo(
                "query($on: Boolean!) { o: order(id: 2) { __typename total } orders(limit: 1) { id } "
                        + "again__order: order(id: 3) { id } ... @include(if: $on) { maybe__broken: broken } }"));
    }

    @Test
    void namespacedMutation_andFailureInsideNamespace() {
        JsonNode mutation = gateway.graphql("mutation { shop { a: logOrder(msg: \"x\") } logUser(msg: \"y\") }");
        assertThat(mutation.toString())
                .isEqualTo("{\"data\":{\"shop\":{\"a\":\"orders:x\"},\"logUser\":\"users:y\"}}");

        orders.delayAnswers(Duration.ZERO);
        orders.answerWith(new TestUpstream.Canned(500, "oops", Duration.ZERO));
        JsonNode failed = gateway.graphql("{ shop { order(id: 1) { id } } user(id: 2) { name } }");
        assertThat(failed.get("data").toString()).isEqualTo("{\"shop\":{\"order\":null},\"user\":{\"name\":\"Grace\"}}");
        assertThat(failed.at("/errors/0/path").toString()).isEqualTo("[\"shop\",\"order\"]");
    }
}
