package io.joinery.gateway.join;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.JoinRemotes;
import io.joinery.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §0.1 for batched joins: an upstream error whose path starts at `fN` is repeated for every
 * client position that used `fN`; an error without a usable path, a transport failure or a timeout
 * nulls every field of that join with ONE error at its first occurrence; the rest of `data` stays.
 */
class JoinErrorsIntegrationTest {
    private static final Map<String, String> USER = Map.of("x-hasura-role", "user");

    @RegisterExtension
    final GatewayFixture fixture = JoinRemotes.shopAndCrm("\"timeout_seconds\": 1").then(JoinRemotes::relate).start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream crm = fixture.upstream("crm");

    private static List<String> paths(JsonNode response) {
        List<String> out = new ArrayList<>();
        response.get("errors").forEach(e -> out.add(e.get("path").toString()));
        return out;
    }

    @Test
    void upstreamErrorWithPath_repeatedForEveryClientPositionOfItsAlias() {
        JsonNode response = gateway.graphql("{ orders(count: 20) { id customer { name } } }", null, USER);

        // orders 2, 9 and 16 have customer 3, whose lookup fails: one alias, three client positions
        assertThat(paths(response)).containsExactly("[\"orders\",1,\"customer\"]", "[\"orders\",8,\"customer\"]",
                "[\"orders\",15,\"customer\"]");
        response.get("errors").forEach(e -> {
            assertThat(e.get("message").asText()).endsWith("customer 3 is locked");
            assertThat(e.at("/extensions/code").asText()).isEqualTo("remote-schema-error");
            assertThat(e.at("/extensions/internal").isMissingNode()).isTrue();
        });
        assertThat(response.at("/data/orders/1/customer").isNull()).isTrue();
        assertThat(response.at("/data/orders/0").toString()).isEqualTo("{\"id\":1,\"customer\":{\"name\":\"C2\"}}");
        assertThat(response.at("/data/orders/18").toString()).isEqualTo("{\"id\":19,\"customer\":{\"name\":\"C6\"}}");
        assertThat(crm.requests()).hasSize(1);
    }

    @Test
    void upstreamErrorDeeperInTheValue_keepsTheDataUnderTheAlias() {
        JsonNode response = gateway.graphql("{ order(id: 1) { buyer: customer { name secret } } }", null, USER);

        assertThat(response.get("data").toString())
                .isEqualTo("{\"order\":{\"buyer\":{\"name\":\"C2\",\"secret\":null}}}");
        assertThat(paths(response)).containsExactly("[\"order\",\"buyer\",\"secret\"]");
    }

    @Test
    void upstreamErrorWithoutPath_nullsTheJoin_oneErrorAtFirstOccurrence() {
        crm.answerWith(new TestUpstream.Canned(200, "{\"data\":null,\"errors\":[{\"message\":\"crm is read-only\"}]}",
                Duration.ZERO));

        JsonNode response = gateway.graphql("{ orders(count: 3) { id customer { name } } first: order(id: 4) { total } }",
                null, USER);

        assertThat(response.get("data").toString()).isEqualTo("{\"orders\":[{\"id\":1,\"customer\":null},"
                + "{\"id\":2,\"customer\":null},{\"id\":3,\"customer\":null}],\"first\":{\"total\":40}}");
        assertThat(response.get("errors").toString()).isEqualTo("[{\"message\":\"crm is read-only\","
                + "\"path\":[\"orders\",0,\"customer\"],\"extensions\":{\"code\":\"remote-schema-error\"}}]");
    }

    @Test
    void errorReadingAHiddenJoinKey_isReportedAtTheRelationship_neverAtTheHiddenField() {
        gateway.metadataOk(JoinRemotes.relationship("crm", "Customer", "bySecret", "crm", "[\"secret\"]",
                "{\"customer\":{\"arguments\":{\"id\":\"$secret\"}}}"));

        JsonNode response = gateway.graphql("{ customer(id: 2) { name bySecret { name } } }");

        assertThat(response.at("/data/customer/name").asText()).as(response.toString()).isEqualTo("C2");
        assertThat(response.at("/data/customer/bySecret").isNull()).isTrue();
        assertThat(paths(response)).as(response.toString()).containsExactly("[\"customer\",\"bySecret\"]");
        // the upstream message itself passes through unchanged (docs/compatibility.md)
        assertThat(response.at("/errors/0/path").toString()).doesNotContain("_join_column");
    }

    @Test
    void timeout_nullsTheJoin_oneError_restIntact() {
        crm.delayAnswers(Duration.ofMillis(1600));

        JsonNode response = gateway.graphql("{ orders(count: 3) { id total customer { name } } }");

        assertThat(response.get("data").toString()).isEqualTo("{\"orders\":[{\"id\":1,\"total\":10,\"customer\":null},"
                + "{\"id\":2,\"total\":20,\"customer\":null},{\"id\":3,\"total\":30,\"customer\":null}]}");
        assertThat(response.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("message").asText())
                    .isEqualTo("HTTP exception occurred while sending the request to \"" + crm.url() + "\"");
            assertThat(error.get("path").toString()).isEqualTo("[\"orders\",0,\"customer\"]");
            assertThat(error.at("/extensions/code").asText()).isEqualTo("remote-schema-error");
            assertThat(error.at("/extensions/internal/message").asText()).isEqualTo("Response timeout");
        });
    }

    @Test
    void upstreamErrorUnderANestedRemoteFieldPath_mapsPastThePathFields() {
        gateway.metadataOk(JoinRemotes.relationship("shop", "Order", "accountCustomer", "crm", "[\"customerId\"]",
                "{\"account\":{\"arguments\":{\"tenant\":\"acme\"},\"field\":{\"lookup\":{\"arguments\":"
                        + "{\"id\":\"$customerId\"}}}}}"));

        JsonNode response = gateway.graphql("{ order(id: 1) { total accountCustomer { name secret } } }", null, USER);

        assertThat(response.get("data").toString())
                .isEqualTo("{\"order\":{\"total\":10,\"accountCustomer\":{\"name\":\"C2\",\"secret\":null}}}");
        assertThat(paths(response)).containsExactly("[\"order\",\"accountCustomer\",\"secret\"]");
    }

    @Test
    void upstreamErrorOnAnIntermediatePathLevel_isReportedOnce() {
        gateway.metadataOk(JoinRemotes.relationship("shop", "Order", "customerName", "crm", "[\"customerId\"]",
                "{\"customer\":{\"arguments\":{\"id\":\"$customerId\"},\"field\":{\"name\":{\"arguments\":{}}}}}"));

        JsonNode response = gateway.graphql("{ order(id: 2) { total customerName } }", null, USER);

        assertThat(response.at("/data/order/customerName").isNull()).as(response.toString()).isTrue();
        assertThat(response.at("/data/order/total").isMissingNode()).isFalse();
        assertThat(paths(response)).as(response.toString()).containsExactly("[\"order\",\"customerName\"]");
    }
}
