package io.joinery.gateway.join;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.JoinRemotes;
import io.joinery.gateway.testing.TestUpstream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batching is behaviour (SPEC §0.2, §5.3): the number of upstream requests depends on the depth of
 * joins, never on the number of rows; duplicate keys are fetched once; rows of several root fields
 * share one join request.
 */
class JoinBatchingIntegrationTest {
    @RegisterExtension
    final GatewayFixture fixture = JoinRemotes.shopAndCrm(null).then(JoinRemotes::relate).start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream shop = fixture.upstream("shop");
    private final TestUpstream crm = fixture.upstream("crm");

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    @Test
    void joinOver500Rows_costsExactlyTwoRequests() {
        JsonNode response = gateway.graphql("{ orders(count: 500) { id customer { id name } } }");

        assertThat(response.has("errors")).as(response.toString()).isTrue(); // customer 3 is locked
        JsonNode orders = response.at("/data/orders");
        assertThat(orders).hasSize(500);
        for (JsonNode order : orders) {
            int id = order.get("id").asInt();
            JsonNode customer = order.get("customer");
            if (id % 10 == 0 || id % 7 + 1 == 3) {
                assertThat(customer.isNull()).as("order %d", id).isTrue();
            } else {
                assertThat(customer.toString()).isEqualTo("{\"id\":" + (id % 7 + 1) + ",\"name\":\"C" + (id % 7 + 1) + "\"}");
            }
            assertThat(order.size()).as("hidden join fields are stripped").isEqualTo(2);
        }
        assertThat(shop.requests()).hasSize(1);
        assertThat(crm.requests()).hasSize(1);
    }

    @Test
    void duplicateKeys_fetchedOnce_nullKeys_notFetched() {
        JsonNode response = gateway.graphql("{ orders(count: 70) { customer { name } } }");

        assertThat(response.at("/data/orders/0/customer/name").asText()).isEqualTo("C2");
        assertThat(response.at("/data/orders/9/customer").isNull()).isTrue();
        assertThat(crm.requests()).hasSize(1);
        String query = crm.requests().get(0).query();
        assertThat(count(query, "customer(")).as(query).isEqualTo(7);
        assertThat(query).contains("f0: customer(id: 2)").contains("f6: customer(id: 1)");
        assertThat(query).doesNotContain("null");
    }

    @Test
    void twoNestedLevels_costThreeRequests() {
        JsonNode response = gateway.graphql(
                "{ orders(count: 100) { id customer { name region { name } lastOrder { total } } } }");

        assertThat(response.at("/data/orders/0/customer").toString())
                .isEqualTo("{\"name\":\"C2\",\"region\":{\"name\":\"Region R0\"},\"lastOrder\":{\"total\":2000}}");
        assertThat(shop.requests()).as("root + lastOrder join").hasSize(2);
        assertThat(crm.requests()).as("customer join + region join").hasSize(2);
        assertThat(crm.requests().get(1).query()).contains("region(code: \"R0\")").contains("region(code: \"R1\")");
        assertThat(count(crm.requests().get(1).query(), "region(")).isEqualTo(2);
    }

    @Test
    void nestedLevels_onlyCustomerAndRegion_threeRequestsInAll() {
        gateway.graphql("{ orders(count: 100) { customer { region { code } } } }");

        assertThat(shop.requests().size() + crm.requests().size()).isEqualTo(3);
    }

    @Test
    void sameRelationshipSelectedTwiceOnOneObject_selectionsAreMerged() {
        JsonNode response = gateway.graphql("""
                { order(id: 1) { customer { name } ...F } }
                fragment F on Order { customer { id region { code } } }""");

        assertThat(response.get("data").toString()).as(response.toString())
                .isEqualTo("{\"order\":{\"customer\":{\"name\":\"C2\",\"id\":2,\"region\":{\"code\":\"R0\"}}}}");
    }

    @Test
    void rowsOfTwoRootFields_shareOneJoinRequest() {
        JsonNode response = gateway.graphql(
                "{ a: orders(count: 2) { customer { name } } b: order(id: 12) { customer { name } } }");

        assertThat(response.get("data").toString()).isEqualTo("{\"a\":[{\"customer\":{\"name\":\"C2\"}},"
                + "{\"customer\":{\"name\":\"C3\"}}],\"b\":{\"customer\":{\"name\":\"C6\"}}}".replace(
                        "{\"customer\":{\"name\":\"C3\"}}", "{\"customer\":null}"));
        assertThat(shop.requests()).hasSize(1);
        assertThat(crm.requests()).hasSize(1);
    }

    @Test
    void aliasesFragmentsVariablesDirectivesAndTypename_onAndUnderRelationship() {
        com.fasterxml.jackson.databind.node.ObjectNode variables = io.joinery.core.json.Json.object();
        variables.put("hi", "Hello");
        variables.put("withRegion", false);
        JsonNode response = gateway.graphql("""
                query Q($hi: String, $withRegion: Boolean!) {
                  orders(count: 2) {
                    ...O
                    buyer: customer(greeting: $hi) { __typename who: name greeting region @include(if: $withRegion) { name } }
                  }
                }
                fragment O on Order { total customer { ... on Customer { name } } }
                """, variables, java.util.Map.of("x-hasura-role", "user"));

        assertThat(response.toString()).isEqualTo("{\"data\":{\"orders\":["
                + "{\"total\":10,\"customer\":{\"name\":\"C2\"},\"buyer\":{\"__typename\":\"Customer\",\"who\":\"C2\",\"greeting\":\"Hello C2\"}},"
                + "{\"total\":20,\"customer\":null,\"buyer\":null}]},"
                + "\"errors\":[{\"message\":\"Exception while fetching data (/f1) : customer 3 is locked\","
                + "\"path\":[\"orders\",1,\"customer\"],\"extensions\":{\"code\":\"remote-schema-error\"}},"
                + "{\"message\":\"Exception while fetching data (/f3) : customer 3 is locked\","
                + "\"path\":[\"orders\",1,\"buyer\"],\"extensions\":{\"code\":\"remote-schema-error\"}}]}");
        assertThat(crm.requests()).as("two joins (different selections), same level, one request each").hasSize(2);
    }

    @Test
    void skippedRelationship_noRequest() {
        JsonNode response = gateway.graphql("{ orders(count: 3) { id customer @skip(if: true) { name } } }");

        assertThat(response.toString()).isEqualTo("{\"data\":{\"orders\":[{\"id\":1},{\"id\":2},{\"id\":3}]}}");
        assertThat(crm.requests()).isEmpty();
    }

    @Test
    void nestedRemoteFieldPath_withListArgument() {
        gateway.metadataOk(JoinRemotes.relationship("shop", "Order", "accountCustomer", "crm", "[\"customerId\"]",
                "{\"account\":{\"arguments\":{\"tenant\":\"acme\"},\"field\":{\"lookup\":{\"arguments\":{\"id\":\"$customerId\"}}}}}"));
        crm.clearRequests();

        JsonNode response = gateway.graphql("{ order(id: 1) { accountCustomer { name } } }");

        assertThat(response.toString()).isEqualTo("{\"data\":{\"order\":{\"accountCustomer\":{\"name\":\"C2\"}}}}");
        assertThat(crm.requests().get(0).query())
                .isEqualTo("query { f0: account(tenant: \"acme\") { lookup(id: 2) { name } } }");
    }

    @Test
    void abstractTypes_joinOnlyObjectsOfTheRelationshipsType() {
        JsonNode response = gateway.graphql("""
                { nodes { __typename id ... on Order { customer { name } } ... on Coupon { customer: owner { name } } } }""");

        assertThat(response.toString()).isEqualTo("{\"data\":{\"nodes\":["
                + "{\"__typename\":\"Order\",\"id\":1,\"customer\":{\"name\":\"C2\"}},"
                + "{\"__typename\":\"Coupon\",\"id\":2,\"customer\":{\"name\":\"Shop\"}},"
                + "{\"__typename\":\"Order\",\"id\":4,\"customer\":{\"name\":\"C5\"}}]}}");
        assertThat(crm.requests()).hasSize(1);
    }

    @Test
    void mutationRoot_joinRunsAfterTheMutation() {
        JsonNode response = gateway.graphql("mutation { placeOrder(id: 5) { id customer { name } } }");

        assertThat(response.toString())
                .isEqualTo("{\"data\":{\"placeOrder\":{\"id\":5,\"customer\":{\"name\":\"C6\"}}}}");
        assertThat(crm.requests()).singleElement().satisfies(r -> assertThat(r.query()).startsWith("query {"));
    }

    @Test
    void templateValuesInsideLists_singletonListArgument() {
        gateway.metadataOk(JoinRemotes.relationship("shop", "Order", "accountCustomers", "crm", "[\"customerId\"]",
                "{\"account\":{\"arguments\":{\"tenant\":\"acme\"},\"field\":{\"customers\":{\"arguments\":"
                        + "{\"ids\":[\"$customerId\"]}}}}}"));
        crm.clearRequests();

        JsonNode response = gateway.graphql("{ orders(count: 2) { accountCustomers { id } } }", null,
                java.util.Map.of("x-hasura-role", "user"));

        // customer 3's list fails as a whole upstream (path [f1, customers]): the client path drops the path field
        assertThat(response.toString()).isEqualTo("{\"data\":{\"orders\":[{\"accountCustomers\":[{\"id\":2}]},"
                + "{\"accountCustomers\":null}]},\"errors\":[{\"message\":\"Exception while fetching data (/f1/customers) :"
                + " customer 3 is locked\",\"path\":[\"orders\",1,\"accountCustomers\"],"
                + "\"extensions\":{\"code\":\"remote-schema-error\"}}]}");
        assertThat(crm.requests().get(0).query()).isEqualTo("query { f0: account(tenant: \"acme\") { customers(ids: [2]) { id } }"
                + " f1: account(tenant: \"acme\") { customers(ids: [3]) { id } } }");
    }

    @Test
    void objectTypedLhsField_passedAsAnObjectLiteral() {
        gateway.metadataOk(JoinRemotes.relationship("shop", "Order", "shippingRegion", "crm", "[\"shipping\"]",
                "{\"regionOf\":{\"arguments\":{\"address\":\"$shipping\"}}}"));
        crm.clearRequests();
        shop.clearRequests();

        JsonNode response = gateway.graphql("{ order(id: 3) { shippingRegion { name } } }");

        assertThat(response.toString()).isEqualTo(
                "{\"data\":{\"order\":{\"shippingRegion\":{\"name\":\"Region R1 via City 3 [t3]\"}}}}");
        assertThat(shop.requests().get(0).query()).contains("shipping_join_column: shipping { regionCode city tags }");
        assertThat(crm.requests().get(0).query())
                .isEqualTo("query { f0: regionOf(address: {regionCode: \"R1\", city: \"City 3\", tags: [\"t3\"]}) { name } }");
    }

    @Test
    void independentJoinsOfOneLevel_runConcurrently() {
        gateway.metadataOk(JoinRemotes.relationship("shop", "Order", "accountCustomer", "crm", "[\"customerId\"]",
                "{\"account\":{\"arguments\":{\"tenant\":\"acme\"},\"field\":{\"lookup\":{\"arguments\":"
                        + "{\"id\":\"$customerId\"}}}}}"));
        crm.clearRequests();
        // crm answers nothing until both join requests have arrived: sequential joins would never finish
        crm.holdAnswersUntil(reactor.core.publisher.Flux.interval(java.time.Duration.ofMillis(10))
                .filter(tick -> crm.requests().size() >= 2).next()
                .timeout(java.time.Duration.ofSeconds(3)));

        JsonNode response = gateway.graphql("{ order(id: 1) { customer { name } accountCustomer { name } } }");

        assertThat(response.toString()).isEqualTo(
                "{\"data\":{\"order\":{\"customer\":{\"name\":\"C2\"},\"accountCustomer\":{\"name\":\"C2\"}}}}");
        assertThat(crm.requests()).hasSize(2);
    }

    @Test
    void enumLhsValue_toAnEnumArgument_isAnEnumLiteral() {
        gateway.metadataOk(JoinRemotes.relationship("shop", "Order", "queue", "crm", "[\"priority\"]",
                "{\"queue\":{\"arguments\":{\"priority\":\"$priority\"}}}"));
        crm.clearRequests();

        JsonNode response = gateway.graphql("{ orders(count: 3) { priority queue { name } } }");

        assertThat(response.toString()).isEqualTo("{\"data\":{\"orders\":[{\"priority\":\"LOW\",\"queue\":{\"name\":\"queue-LOW\"}},"
                + "{\"priority\":\"LOW\",\"queue\":{\"name\":\"queue-LOW\"}},"
                + "{\"priority\":\"HIGH\",\"queue\":{\"name\":\"queue-HIGH\"}}]}}");
        assertThat(crm.requests()).singleElement().satisfies(r -> assertThat(r.query())
                .isEqualTo("query { f0: queue(priority: LOW) { name } f1: queue(priority: HIGH) { name } }"));
    }
}
