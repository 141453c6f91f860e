package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import io.joinery.core.observe.PrometheusText;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.GatewayHarness.Reply;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hasura's API limits and introspection options on the gateway (SPEC §10.3, §11.1): the metadata
 * commands (kept in the metadata file) and every limit through the real server. No admin secret:
 * `X-Hasura-Role` picks the role, and requests without it are admin.
 */
class ApiLimitsIntegrationTest {
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder()
            .remote("users", () -> Remotes.users(TestUpstream.sharedLog()), null)
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream users = fixture.upstream("users");

    static final String DEEP = "{ __schema { queryType { name } } }";
    static final Map<String, String> USER = Map.of("X-Hasura-Role", "user");
    static final String REFUSALS = "joinery_rate_limit_refusals_total";

    private Reply graphql(String query, Map<String, String> headers) {
        return gateway.post("/v1/graphql", Json.write(Json.object().put("query", query)), headers);
    }

    private static JsonNode onlyError(Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.has("data")).as(reply.body()).isFalse();
        assertThat(body.get("errors")).hasSize(1);
        return body.get("errors").get(0);
    }

    private JsonNode export() {
        return gateway.metadataOk("{\"type\": \"export_metadata\", \"args\": {}}");
    }

    @Test
    void limitsAndIntrospectionOptions_roundTripThroughTheMetadataFile() {
        String limits = """
                {"disabled": false,
                 "depth_limit": {"global": 5, "per_role": {"user": 3}},
                 "node_limit": {"global": 100, "per_role": {}},
                 "time_limit": {"global": 2.5, "per_role": {"user": 1}},
                 "batch_limit": {"global": 4, "per_role": {}},
                 "rate_limit": {"global": {"max_reqs_per_min": 100, "unique_params": "IP"},
                                "per_role": {"user": {"max_reqs_per_min": 10,
                                                      "unique_params": ["x-hasura-user-id"]}}}}""";
        gateway.metadataOk("{\"type\": \"set_api_limits\", \"args\": " + limits + "}");
        gateway.metadataOk("""
                {"type": "set_graphql_schema_introspection_options", "args": {"disabled_for_roles": ["guest"]}}""");
        JsonNode exported = export();
        assertThat(exported.get("api_limits")).isEqualTo(Json.parseBody(limits));
        assertThat(exported.get("graphql_schema_introspection"))
                .isEqualTo(Json.parseBody("{\"disabled_for_roles\": [\"guest\"]}"));
        gateway.restart();
        assertThat(export()).isEqualTo(exported);

        gateway.metadataOk("{\"type\": \"remove_api_limits\", \"args\": {}}");
        assertThat(export().has("api_limits")).isFalse();
        gateway.metadataOk("{\"type\": \"replace_metadata\", \"args\": " + Json.write(exported) + "}");
        assertThat(export()).isEqualTo(exported);
    }

    @Test
    void depthAndNodeLimits_perRole_andAdminIsExempt() {
        gateway.metadataOk("""
                {"type": "set_api_limits", "args": {"depth_limit": {"global": 2, "per_role": {"editor": 3}},
                 "node_limit": {"global": 3}}}""");
        JsonNode deep = onlyError(graphql(DEEP, USER));
        assertThat(deep.at("/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(deep.get("message").asText()).isEqualTo("depth limit exceeded: the operation has depth 3, the limit is 2");
        JsonNode wide = onlyError(graphql("{ users { id name email } }", USER));
        assertThat(wide.get("message").asText()).isEqualTo("node limit exceeded: the operation has 4 nodes, the limit is 3");
        assertThat(graphql("{ users { id name } }", USER).json().at("/data/users/0/name").asText()).isEqualTo("Ada");
        assertThat(graphql(DEEP, Map.of("X-Hasura-Role", "editor")).json().has("data")).isTrue();
        assertThat(graphql("{ users { id name email } }", Map.of()).json().has("data")).isTrue();
    }

    @Test
    void batchLimit_refusesTheWholeBatch() {
        gateway.metadataOk("{\"type\": \"set_api_limits\", \"args\": {\"batch_limit\": {\"global\": 1}}}");
        Reply refused = gateway.post("/v1/graphql", "[{\"query\": \"{ __typename }\"}, {\"query\": \"{ __typename }\"}]",
                USER);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().at("/errors/0/message").asText())
                .isEqualTo("batch limit exceeded: the request holds 2 operations, the limit is 1");
        assertThat(gateway.post("/v1/graphql", "[{\"query\": \"{ __typename }\"}]", USER).json()).hasSize(1);
    }

    @Test
    void timeLimit_cancelsASlowRemote_andTheGatewayKeepsServing() {
        gateway.metadataOk("{\"type\": \"set_api_limits\", \"args\": {\"time_limit\": {\"global\": 0.5}}}");
        users.delayAnswers(Duration.ofSeconds(5));
        JsonNode refused = onlyError(graphql("{ users { id } }", USER));
        assertThat(refused.at("/extensions/code").asText()).isEqualTo("timeout");
        assertThat(refused.get("message").asText()).isEqualTo("request time limit exceeded");
        users.behaveNormally();
        assertThat(graphql("{ users { id } }", USER).json().at("/data/users/0/id").asInt()).isEqualTo(1);
    }

    @Test
    void rateLimit_answers429WithRetryAfter_perIp_andAdminIsExempt() {
        gateway.metadataOk("""
                {"type": "set_api_limits", "args": {"rate_limit": {"global": {"max_reqs_per_min": 1,
                 "unique_params": "IP"}, "per_role": {"bulk": {"max_reqs_per_min": 5}}}}}""");
        assertThat(graphql("{ __typename }", USER).status()).isEqualTo(200);
        Reply refused = graphql("{ __typename }", USER);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().get("retry-after"))).isBetween(1L, 60L);
        assertThat(refused.json().at("/errors/0/extensions/code").asText()).isEqualTo("rate-limit-exceeded");
        // a role with its own value is another client
        assertThat(graphql("{ __typename }", Map.of("X-Hasura-Role", "bulk")).status()).isEqualTo(200);
        assertThat(graphql("{ __typename }", Map.of("X-Hasura-Role", "bulk")).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(graphql("{ __typename }", Map.of()).status()).isEqualTo(200);
        }
    }

    @Test
    void introspection_disabledForARole_isRefused_butTypenameStays() {
        gateway.metadataOk("""
                {"type": "set_graphql_schema_introspection_options", "args": {"disabled_for_roles": ["user"]}}""");
        JsonNode refused = onlyError(graphql("{ __type(name: \"User\") { name } }", USER));
        assertThat(refused.at("/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(refused.get("message").asText()).isEqualTo("introspection is disabled for role: \"user\"");
        assertThat(graphql("{ __typename users { id } }", USER).json().at("/data/__typename").asText())
                .isEqualTo("query_root");
        assertThat(graphql(DEEP, Map.of("X-Hasura-Role", "editor")).json().has("data")).isTrue();
        assertThat(graphql(DEEP, Map.of()).json().has("data")).isTrue();
    }

    @Test
    void everyRefusal_movesTheRefusalCounterOfItsLimit() {
        gateway.metadataOk("""
                {"type": "set_api_limits", "args": {"depth_limit": {"global": 2}, "batch_limit": {"global": 1},
                 "rate_limit": {"global": {"max_reqs_per_min": 3, "unique_params": "IP"}}}}""");
        PrometheusText before = metrics();
        assertThat(onlyError(graphql(DEEP, USER)).get("message").asText()).startsWith("depth limit exceeded");
        assertThat(gateway.post("/v1/graphql", "[{\"query\": \"{ __typename }\"}, {\"query\": \"{ __typename }\"}]",
                USER).json().at("/errors/0/message").asText()).startsWith("batch limit exceeded");
        assertThat(graphql("{ __typename }", USER).status()).isEqualTo(200);
        assertThat(graphql("{ __typename }", USER).status()).isEqualTo(429);
        PrometheusText after = metrics();
        for (String limit : new String[] {"depth_limit", "batch_limit", "rate_limit"}) {
            assertThat(after.value(REFUSALS, "limit", limit) - before.value(REFUSALS, "limit", limit)).as(limit)
                    .isEqualTo(1);
        }
    }

    /** The gateway's metrics (open: it has no admin secret). */
    private PrometheusText metrics() {
        Reply reply = gateway.get("/v1/metrics");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return PrometheusText.parse(reply.body());
    }
}
