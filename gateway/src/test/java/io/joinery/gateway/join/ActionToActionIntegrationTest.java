package io.joinery.gateway.join;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.joinery.gateway.testing.GatewayHarness.addRemote;
import static io.joinery.gateway.testing.JoinRemotes.relationship;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.testing.TestDatabase;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.JoinRemotes;
import io.joinery.gateway.testing.TestBlockHound;
import io.joinery.gateway.testing.TestUpstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the REAL child (its actions call WireMock handlers) behind the gateway, reached
 * like any remote schema with its admin secret as a configured header (SPEC §5.4): a
 * self-referential relationship from one action's output type to a second action of the same
 * child (Action-to-Action), and a child action's output joined to another remote schema.
 */
class ActionToActionIntegrationTest {
    private static final String CHILD_SECRET = "child-secret";

    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static ChildApp child;

    @TempDir
    Path dir;
    private TestUpstream crm;
    private GatewayHarness gateway;

    @BeforeAll
    static void startChild() {
        TestBlockHound.install();
        ChildConfig config = new ChildConfig(0, "127.0.0.1", Optional.of(CHILD_SECRET), Optional.empty(),
                Path.of("unused"), Optional.empty(), "*", 8);
        child = ChildApp.start(config, TestDatabase.fresh(), Optional.empty()).awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopChild() {
        child.close();
    }

    @BeforeEach
    void start() {
        String base = "http://127.0.0.1:" + handler.getPort();
        crm = JoinRemotes.crm();
        gateway = GatewayHarness.start(dir, Map.of("CHILD_SECRET", CHILD_SECRET), Optional.empty());
        String childUrl = "http://127.0.0.1:" + child.port();
        childMetadata("""
                {"type": "replace_metadata", "args": {"version": 3, "sources": [], "custom_types": {
                   "objects": [
                     {"name": "OrderResult", "fields": [{"name": "order_id", "type": "Int!"},
                                                       {"name": "customer_id", "type": "Int"}]},
                     {"name": "Customer", "fields": [{"name": "id", "type": "Int!"}, {"name": "name", "type": "String!"}]}]},
                 "actions": [
                   {"name": "get_order", "definition": {"handler": "%1$s/get-order", "output_type": "OrderResult",
                      "type": "query", "kind": "synchronous", "arguments": [{"name": "id", "type": "Int!"}]}},
                   {"name": "list_orders", "definition": {"handler": "%1$s/list-orders", "output_type": "[OrderResult!]!",
                      "type": "query", "kind": "synchronous"}},
                   {"name": "get_customer", "definition": {"handler": "%1$s/get-customer", "output_type": "Customer",
                      "type": "query", "kind": "synchronous", "arguments": [{"name": "id", "type": "Int!"}]}}]}}"""
                .formatted(base));
        gateway.metadataOk("""
                {"type": "add_remote_schema", "args": {"name": "child", "definition": {"url": "%s/v1/graphql",
                  "headers": [{"name": "X-Hasura-Admin-Secret", "value_from_env": "CHILD_SECRET"}]}}}"""
                .formatted(childUrl));
        // both remotes have a `Customer`: the crm's is renamed in the gateway; relationships keep original names
        gateway.metadataOk(addRemote("crm", crm.url(), "\"customization\": {\"type_names\": {\"prefix\": \"Crm_\"}}"));
        gateway.metadataOk(relationship("child", "OrderResult", "customer", "child", "[\"customer_id\"]",
                "{\"get_customer\":{\"arguments\":{\"id\":\"$customer_id\"}}}"));
        gateway.metadataOk(relationship("child", "OrderResult", "crm_customer", "crm", "[\"customer_id\"]",
                "{\"customer\":{\"arguments\":{\"id\":\"$customer_id\"}}}"));
        gateway.metadataOk(relationship("crm", "Customer", "region", "crm", "[\"regionCode\"]",
                "{\"region\":{\"arguments\":{\"code\":\"$regionCode\"}}}"));
        handler.resetAll();
        for (int id : new int[] {5, 6, 7}) {
            handler.stubFor(post("/get-customer").withRequestBody(matchingJsonPath("$.input.id", equalTo(String.valueOf(id))))
                    .willReturn(okJson("{\"id\": " + id + ", \"name\": \"Customer " + id + "\"}")));
        }
        handler.stubFor(post("/get-order").withRequestBody(matchingJsonPath("$.input.id", equalTo("1")))
                .willReturn(okJson("{\"order_id\": 1, \"customer_id\": 7}")));
        StringBuilder orders = new StringBuilder("[");
        for (int i = 1; i <= 50; i++) {
            orders.append(i == 1 ? "" : ",").append("{\"order_id\": ").append(i).append(", \"customer_id\": ")
                    .append(i % 10 == 0 ? "null" : String.valueOf(5 + i % 3)).append('}');
        }
        handler.stubFor(post("/list-orders").willReturn(okJson(orders.append(']').toString())));
    }

    /** Applies a metadata command to the child directly (its admin secret). */
    private void childMetadata(String command) {
        JsonNode reply = reactor.netty.http.client.HttpClient.create()
                .headers(h -> h.set("Content-Type", "application/json").set("X-Hasura-Admin-Secret", CHILD_SECRET))
                .post().uri("http://127.0.0.1:" + child.port() + "/v1/metadata")
                .send(reactor.netty.ByteBufFlux.fromString(reactor.core.publisher.Mono.just(command)))
                .responseSingle((response, body) -> body.asString().map(text -> {
                    assertThat(response.status().code()).as(text).isEqualTo(200);
                    return io.joinery.core.json.Json.parseBody(text);
                }))
                .block(Duration.ofSeconds(30));
        assertThat(reply).isNotNull();
    }

    @AfterEach
    void stop() {
        gateway.close();
        crm.close();
    }

    @Test
    void actionToAction_selfReferentialRelationshipOnTheChild() {
        JsonNode response = gateway.graphql("{ get_order(id: 1) { order_id customer { name } } }");

        assertThat(response.toString())
                .isEqualTo("{\"data\":{\"get_order\":{\"order_id\":1,\"customer\":{\"name\":\"Customer 7\"}}}}");
        handler.verify(1, postRequestedFor(urlEqualTo("/get-order")));
        handler.verify(1, postRequestedFor(urlEqualTo("/get-customer")));
    }

    @Test
    void actionToAction_fiftyOrders_threeCustomers_oneHandlerCallPerDistinctId() {
        JsonNode response = gateway.graphql("{ list_orders { order_id buyer: customer { id name } } }");

        JsonNode orders = response.at("/data/list_orders");
        assertThat(orders).as(response.toString()).hasSize(50);
        assertThat(orders.get(0).toString()).isEqualTo("{\"order_id\":1,\"buyer\":{\"id\":6,\"name\":\"Customer 6\"}}");
        assertThat(orders.get(9).toString()).isEqualTo("{\"order_id\":10,\"buyer\":null}");
        assertThat(response.has("errors")).isFalse();
        handler.verify(1, postRequestedFor(urlEqualTo("/list-orders")));
        handler.verify(3, postRequestedFor(urlEqualTo("/get-customer")));
    }

    @Test
    void actionOutput_joinedToAnotherRemoteSchema_andOnToItsOwnRelationship() {
        JsonNode response = gateway.graphql(
                "{ get_order(id: 1) { order_id crm_customer { name region { name } } customer { name } } }");

        assertThat(response.toString()).isEqualTo("{\"data\":{\"get_order\":{\"order_id\":1,"
                + "\"crm_customer\":{\"name\":\"C7\",\"region\":{\"name\":\"Region R1\"}},"
                + "\"customer\":{\"name\":\"Customer 7\"}}}}");
        assertThat(crm.requests()).hasSize(2);
        handler.verify(1, postRequestedFor(urlEqualTo("/get-order")));
        handler.verify(1, postRequestedFor(urlEqualTo("/get-customer")));
    }
}
