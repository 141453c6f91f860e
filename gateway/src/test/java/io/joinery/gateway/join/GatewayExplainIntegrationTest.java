package io.joinery.gateway.join;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.GatewayHarness.Reply;
import io.joinery.gateway.testing.JoinRemotes;
import io.joinery.gateway.testing.TestUpstream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §13: `POST /v1/graphql/explain` on the gateway answers its plan (the root request per
 * remote, the join tree with relationship, path, target remote and key fields) without sending
 * anything upstream; admins only.
 */
class GatewayExplainIntegrationTest {
    @RegisterExtension
    final GatewayFixture fixture = JoinRemotes.shopAndCrm(null).then(JoinRemotes::relate).start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream shop = fixture.upstream("shop");
    private final TestUpstream crm = fixture.upstream("crm");

    private Reply explain(String query, String variables, Map<String, String> headers) {
        String body = "{\"query\": {\"query\": " + Json.write(query)
                + (variables == null ? "" : ", \"variables\": " + variables) + "}, \"user\": {\"x-hasura-role\": \"user\"}}";
        return gateway.post("/v1/graphql/explain", body, headers);
    }

    @Test
    void nestedJoins_answerTheRootRequestAndTheJoinTree_sendingNothingUpstream() {
        shop.clearRequests();
        crm.clearRequests();
        Reply reply = explain("query Orders($n: Int!) { orders(count: $n) { id customer { name region { name } } } }",
                "{\"n\": 500}", Map.of());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode plan = reply.json();
        assertThat(plan.get("operation").asText()).isEqualTo("query");
        assertThat(plan.get("roots")).hasSize(1);
        JsonNode root = plan.at("/roots/0");
        assertThat(root.get("remote").asText()).isEqualTo("shop");
        assertThat(root.get("query").asText()).startsWith("query Orders($n: Int!) { orders(count: $n) { id ")
                .contains("customerId");
        assertThat(root.get("variables")).containsExactly(Json.MAPPER.getNodeFactory().textNode("n"));

        JsonNode customer = plan.at("/joins/0");
        assertThat(customer.get("relationship").asText()).isEqualTo("shop.Order.customer");
        assertThat(customer.get("remote").asText()).isEqualTo("crm");
        assertThat(customer.get("paths").toString()).isEqualTo("[\"$.orders\"]");
        assertThat(customer.get("lhsFields").toString()).contains("\"customerId\"");
        assertThat(customer.get("request").asText()).contains("customer(id: <customerId>)");
        JsonNode region = customer.at("/children/0");
        assertThat(region.get("relationship").asText()).isEqualTo("crm.Customer.region");
        assertThat(region.get("remote").asText()).isEqualTo("crm");
        assertThat(region.get("lhsFields").toString()).contains("\"regionCode\"");
        assertThat(customer.get("children")).hasSize(1);

        assertThat(shop.requests()).as("nothing sent to shop").isEmpty();
        assertThat(crm.requests()).as("nothing sent to crm").isEmpty();
    }

    @Test
    void fieldsOfTwoRemotes_oneRootRequestEach() {
        JsonNode plan = explain("{ orders(count: 1) { id } customer(id: 1) { name } }", null, Map.of()).json();

        assertThat(plan.get("roots")).hasSize(2);
        assertThat(plan.at("/roots/0/remote").asText()).isEqualTo("shop");
        assertThat(plan.at("/roots/1/remote").asText()).isEqualTo("crm");
        assertThat(plan.at("/roots/1/query").asText()).isEqualTo("query { customer(id: 1) { name } }");
        assertThat(plan.has("joins")).isFalse();
    }

    @Test
    void invalidOperationsAndVariables_areTheErrorsGraphqlWouldGive_asApiErrors() {
        Reply unknown = explain("{ orders(count: 1) { nope } }", null, Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("validation-failed");

        Reply badVariable = explain("query Q($n: Int!) { orders(count: $n) { id } }", "{\"n\": \"many\"}", Map.of());
        assertThat(badVariable.status()).as(badVariable.body()).isEqualTo(400);
        assertThat(badVariable.json().get("code").asText()).isEqualTo("validation-failed");
    }

    @Test
    void onlyAdmins_mayExplain() {
        Reply denied = explain("{ orders(count: 1) { id } }", null, Map.of("X-Hasura-Role", "user"));

        assertThat(denied.status()).isEqualTo(400);
        assertThat(denied.body()).isEqualTo("{\"path\":\"$\",\"error\":\"You have to be an admin to access this endpoint\","
                + "\"code\":\"access-denied\"}");
    }
}
