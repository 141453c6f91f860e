package io.joinery.child.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hasura's API limits and introspection options on the child (SPEC §10.3, §11.1): the metadata
 * commands and every limit through the real server. No admin secret: `X-Hasura-Role` picks the
 * role, and requests without it are admin.
 */
class ApiLimitsIntegrationTest {
    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static ChildTestServer child;
    static TestHttp http;

    static final String DEEP = "{ __schema { queryType { name } } }";
    static final Map<String, String> USER = Map.of("X-Hasura-Role", "user");

    @BeforeAll
    static void start() {
        child = ChildTestServer.started("CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL);", """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "create_action", "args": {"name": "slow", "definition": {
                     "handler": "http://127.0.0.1:%d/slow", "output_type": "String", "type": "query", "timeout": 60}}},
                  {"type": "create_action_permission", "args": {"action": "slow", "role": "user"}}
                ]}""".formatted(handler.getPort()));
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @AfterEach
    void removeLimits() {
        metadataOk("{\"type\": \"remove_api_limits\", \"args\": {}}");
        metadataOk("{\"type\": \"set_graphql_schema_introspection_options\", \"args\": {\"disabled_for_roles\": []}}");
        handler.resetAll();
    }

    @Test
    void limitsAndIntrospectionOptions_roundTripThroughMetadata() {
        String limits = """
                {"disabled": false,
                 "depth_limit": {"global": 5, "per_role": {"user": 3}},
                 "node_limit": {"global": 100, "per_role": {}},
                 "time_limit": {"global": 2.5, "per_role": {"user": 1}},
                 "batch_limit": {"global": 4, "per_role": {}},
                 "rate_limit": {"global": {"max_reqs_per_min": 100, "unique_params": "IP"},
                                "per_role": {"user": {"max_reqs_per_min": 10,
                                                      "unique_params": ["x-hasura-user-id"]}}}}""";
        metadataOk("{\"type\": \"set_api_limits\", \"args\": " + limits + "}");
        metadataOk("""
                {"type": "set_graphql_schema_introspection_options", "args": {"disabled_for_roles": ["guest", "user"]}}""");
        JsonNode exported = export();
        assertThat(exported.get("api_limits")).isEqualTo(Json.parseBody(limits));
        assertThat(exported.get("graphql_schema_introspection"))
                .isEqualTo(Json.parseBody("{\"disabled_for_roles\": [\"guest\", \"user\"]}"));

        metadataOk("{\"type\": \"remove_api_limits\", \"args\": {}}");
        JsonNode removed = export();
        assertThat(removed.has("api_limits")).isFalse();
        assertThat(removed.has("graphql_schema_introspection")).isTrue();

        // replace_metadata with the first export brings both back, and export is stable
        metadataOk("{\"type\": \"replace_metadata\", \"args\": " + Json.write(exported) + "}");
        assertThat(export()).isEqualTo(exported);
        // stored: the metadata as the database holds it is the same
        assertThat(child.app.store().current().metadata().policy().limits().depthLimit().orElseThrow().forRole("user"))
                .isEqualTo(3);
    }

    @Test
    void badLimits_areRefusedWithTheirPath() {
        TestHttp.Response refused = http.metadata("""
                {"type": "set_api_limits", "args": {"depth_limit": {"global": -1}}}""");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("parse-failed");
        assertThat(refused.json().get("path").asText()).isEqualTo("$.args.depth_limit.global");
        TestHttp.Response badParams = http.metadata("""
                {"type": "set_api_limits", "args": {"rate_limit": {"global": {"max_reqs_per_min": 1,
                 "unique_params": ["x-hasura-role"]}}}}""");
        assertThat(badParams.status()).isEqualTo(400);
        assertThat(badParams.json().get("error").asText())
                .isEqualTo("Not a valid value. Should be either: 'IP' or a list of Hasura session variables");
    }

    @Test
    void depthLimit_refusesDeeperOperations_withThePerRoleValue_andAdminIsExempt() {
        metadataOk("""
                {"type": "set_api_limits", "args": {"depth_limit": {"global": 2, "per_role": {"editor": 3}}}}""");
        JsonNode refused = onlyError(http.graphql(DEEP, null, USER));
        assertThat(refused.at("/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(refused.get("message").asText()).isEqualTo("depth limit exceeded: the operation has depth 3, the limit is 2");
        // a normal query right after
        assertThat(http.graphql("{ __typename }", null, USER).json().at("/data/__typename").asText()).isEqualTo("query_root");
        // the per-role override
        assertThat(http.graphql(DEEP, null, Map.of("X-Hasura-Role", "editor")).json().has("data")).isTrue();
        // admin: never limited
        assertThat(http.graphql(DEEP).json().at("/data/__schema/queryType/name").asText()).isEqualTo("query_root");
    }

    @Test
    void nodeLimit_countsFieldsWithFragmentsExpanded() {
        metadataOk("{\"type\": \"set_api_limits\", \"args\": {\"node_limit\": {\"global\": 3}}}");
        String four = "{ ...F a: __typename } fragment F on query_root { b: __typename c: __typename d: __typename }";
        JsonNode refused = onlyError(http.graphql(four, null, USER));
        assertThat(refused.at("/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(refused.get("message").asText()).isEqualTo("node limit exceeded: the operation has 4 nodes, the limit is 3");
        assertThat(http.graphql("{ a: __typename b: __typename c: __typename }", null, USER).json().has("data")).isTrue();
    }

    @Test
    void disabledLimits_areKept_butNotApplied() {
        metadataOk("{\"type\": \"set_api_limits\", \"args\": {\"disabled\": true, \"depth_limit\": {\"global\": 1}}}");
        assertThat(http.graphql(DEEP, null, USER).json().has("data")).isTrue();
        assertThat(export().at("/api_limits/depth_limit/global").asInt()).isEqualTo(1);
    }

    @Test
    void batchLimit_refusesTheWholeBatch_andAdminIsExempt() {
        metadataOk("{\"type\": \"set_api_limits\", \"args\": {\"batch_limit\": {\"global\": 2}}}");
        String three = "[{\"query\": \"{ __typename }\"}, {\"query\": \"{ __typename }\"}, {\"query\": \"{ __typename }\"}]";
        TestHttp.Response refused = http.post("/v1/graphql", three, USER);
        assertThat(refused.status()).isEqualTo(200);
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.at("/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(error.get("message").asText()).isEqualTo("batch limit exceeded: the request holds 3 operations, the limit is 2");
        assertThat(http.post("/v1/graphql", "[{\"query\": \"{ __typename }\"}, {\"query\": \"{ __typename }\"}]", USER)
                .json()).hasSize(2);
        assertThat(http.post("/v1/graphql", three, Map.of()).json()).hasSize(3);
    }

    @Test
    void timeLimit_cancelsASlowHandlerCall_andTheServerKeepsServing() {
        handler.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("\"late\"").withFixedDelay(5_000)));
        metadataOk("{\"type\": \"set_api_limits\", \"args\": {\"time_limit\": {\"global\": 0.5}}}");
        JsonNode refused = onlyError(http.graphql("{ slow }", null, USER));
        assertThat(refused.at("/extensions/code").asText()).isEqualTo("timeout");
        assertThat(refused.get("message").asText()).isEqualTo("request time limit exceeded");
        assertThat(http.graphql("{ __typename }", null, USER).json().at("/data/__typename").asText()).isEqualTo("query_root");
        assertThat(http.graphql("{ author { id } }").json().has("data")).isTrue();
    }

    @Test
    void rateLimit_answers429WithRetryAfter_perClient_andAdminIsExempt() {
        metadataOk("""
                {"type": "set_api_limits", "args": {"rate_limit": {"global": {"max_reqs_per_min": 2,
                 "unique_params": ["x-hasura-user-id"]}}}}""");
        Map<String, String> ada = Map.of("X-Hasura-Role", "rated", "X-Hasura-User-Id", "1");
        assertThat(http.graphql("{ __typename }", null, ada).status()).isEqualTo(200);
        assertThat(http.graphql("{ __typename }", null, ada).status()).isEqualTo(200);
        TestHttp.Response refused = http.graphql("{ __typename }", null, ada);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().get("Retry-After"))).isBetween(1L, 60L);
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.at("/extensions/code").asText()).isEqualTo("rate-limit-exceeded");
        // another user of the same role is another client
        assertThat(http.graphql("{ __typename }", null, Map.of("X-Hasura-Role", "rated", "X-Hasura-User-Id", "2"))
                .status()).isEqualTo(200);
        // admin is never limited
        for (int i = 0; i < 4; i++) {
            assertThat(http.graphql("{ __typename }").status()).isEqualTo(200);
        }
    }

    @Test
    void introspection_disabledForARole_isRefused_butTypenameStays() {
        metadataOk("""
                {"type": "set_graphql_schema_introspection_options", "args": {"disabled_for_roles": ["user"]}}""");
        JsonNode refused = onlyError(http.graphql(DEEP, null, USER));
        assertThat(refused.at("/extensions/code").asText()).isEqualTo("validation-failed");
        assertThat(refused.get("message").asText()).isEqualTo("introspection is disabled for role: \"user\"");
        assertThat(onlyError(http.graphql("{ ...F } fragment F on query_root { __type(name: \"author\") { name } }",
                null, USER)).get("message").asText()).isEqualTo("introspection is disabled for role: \"user\"");
        assertThat(http.graphql("{ __typename }", null, USER).json().at("/data/__typename").asText()).isEqualTo("query_root");
        assertThat(http.graphql(DEEP, null, Map.of("X-Hasura-Role", "editor")).json().has("data")).isTrue();
        assertThat(http.graphql(DEEP).json().has("data")).isTrue();
    }

    private static JsonNode export() {
        TestHttp.Response exported = http.metadata("{\"type\": \"export_metadata\", \"args\": {}}");
        assertThat(exported.status()).as(exported.body()).isEqualTo(200);
        return exported.json();
    }

    private static void metadataOk(String body) {
        TestHttp.Response response = http.metadata(body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode onlyError(TestHttp.Response response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.has("data")).as(response.body()).isFalse();
        assertThat(body.get("errors")).hasSize(1);
        return body.get("errors").get(0);
    }
}
