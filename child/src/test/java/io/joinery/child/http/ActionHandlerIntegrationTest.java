package io.joinery.child.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.core.http.JoineryVersion;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Handler calls through the real server (SPEC §3.4, §3.5, §3.7): what is sent, and every failure mode. */
class ActionHandlerIntegrationTest {
    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static ChildTestServer child;
    static TestHttp http;

    static final String PLACE_ORDER = """
            mutation Place($lines: [LineInput!]) {
              place_order(author_id: 1, lines: $lines, note: null) { order_id } }""";

    @BeforeAll
    static void start() {
        String base = "http://127.0.0.1:" + handler.getPort();
        child = ChildTestServer.started("CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL);", """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "set_custom_types", "args": {
                     "input_objects": [{"name": "LineInput", "fields": [{"name": "sku", "type": "String!"},
                                                                       {"name": "qty", "type": "Int!"}]}],
                     "objects": [{"name": "OrderResult", "fields": [{"name": "order_id", "type": "Int!"},
                                                                   {"name": "author_id", "type": "Int"}],
                                  "relationships": [{"name": "author", "type": "object", "remote_table": "author",
                                                     "field_mapping": {"author_id": "id"}}]}]}},
                  {"type": "create_action", "args": {"name": "place_order", "definition": {
                     "handler": "%1$s/place-order", "output_type": "OrderResult",
                     "arguments": [{"name": "author_id", "type": "Int!"}, {"name": "lines", "type": "[LineInput!]"},
                                   {"name": "note", "type": "String"}, {"name": "extra", "type": "String"}],
                     "headers": [{"name": "X-Handler-Secret", "value_from_env": "PATH"},
                                 {"name": "X-Source", "value": "joinery"}],
                     "forward_client_headers": true}}},
                  {"type": "create_action", "args": {"name": "get_order", "definition": {
                     "handler": "%1$s/get-order", "output_type": "OrderResult", "type": "query",
                     "arguments": [{"name": "id", "type": "Int!"}]}}},
                  {"type": "create_action", "args": {"name": "slow", "definition": {
                     "handler": "%1$s/slow", "output_type": "String", "type": "query", "timeout": 1}}},
                  {"type": "create_action", "args": {"name": "refused", "definition": {
                     "handler": "http://127.0.0.1:1/nothing", "output_type": "String", "type": "query"}}},
                  {"type": "create_action_permission", "args": {"action": "get_order", "role": "user"}}
                ]}""".formatted(base));
        http = child.http;
        assertThat(http.runSql("INSERT INTO author (name) VALUES ('Ada');").status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @BeforeEach
    void reset() {
        handler.resetAll();
    }

    private static TestHttp.Response graphql(String query) {
        return http.graphql(query, null, Map.of());
    }

    private static TestHttp.Response asUser(String query) {
        return http.graphql(query, null, Map.of("X-Hasura-Role", "user"));
    }

    @Test
    void placeOrder_sendsExactPayloadAndHeaders() {
        handler.stubFor(post("/place-order").willReturn(okJson("{\"order_id\": 9, \"author_id\": 1}")));
        TestHttp.Response response = http.graphql(PLACE_ORDER, "{\"lines\": [{\"sku\": \"A-1\", \"qty\": 2}]}",
                Map.of("X-Hasura-User-Id", "42", "X-Client-Trace", "abc", "User-Agent", "test-client/1"));
        assertThat(response.json()).as(response.body())
                .isEqualTo(Json.parseBody("{\"data\": {\"place_order\": {\"order_id\": 9}}}"));
        com.fasterxml.jackson.databind.node.ObjectNode expected = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.parseBody("""
                {"action": {"name": "place_order"}, "input": {"author_id": 1, "lines": [{"sku": "A-1", "qty": 2}],
                 "note": null}, "session_variables": {"x-hasura-user-id": "42", "x-hasura-role": "admin"}}""");
        expected.put("request_query", PLACE_ORDER);
        String expectedBody = Json.write(expected);
        handler.verify(1, postRequestedFor(urlEqualTo("/place-order"))
                .withRequestBody(equalToJson(expectedBody))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("User-Agent", equalTo(JoineryVersion.userAgent()))
                .withHeader("X-Handler-Secret", equalTo(System.getenv("PATH")))
                .withHeader("X-Source", equalTo("joinery"))
                .withHeader("X-Client-Trace", equalTo("abc"))
                .withHeader("X-Forwarded-User-Agent", equalTo("test-client/1"))
                .withHeader("X-Hasura-User-Id", absent())
                .withHeader("X-Hasura-Role", absent()));
    }

    @Test
    void twoAliases_twoHandlerCalls() {
        handler.stubFor(post("/get-order").willReturn(okJson("{\"order_id\": 1}")));
        TestHttp.Response response = graphql("{ a: get_order(id: 1) { order_id } b: get_order(id: 2) { id: order_id } }");
        assertThat(response.json()).as(response.body()).isEqualTo(Json.parseBody(
                "{\"data\": {\"a\": {\"order_id\": 1}, \"b\": {\"id\": 1}}}"));
        handler.verify(2, postRequestedFor(urlEqualTo("/get-order")));
    }

    @Test
    void queryActionFields_callTheirHandlersConcurrently() {
        handler.stubFor(post("/get-order").willReturn(okJson("{\"order_id\": 1}").withFixedDelay(1500)));
        long start = System.nanoTime();
        TestHttp.Response response = graphql("{ a: get_order(id: 1) { order_id } b: get_order(id: 2) { order_id } }");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.json().has("data")).as(response.body()).isTrue();
        assertThat(millis).isLessThan(2900);
    }

    @Test
    void setCookie_reachesTheClient() {
        handler.stubFor(post("/get-order").willReturn(okJson("{\"order_id\": 1}")
                .withHeader("Set-Cookie", "session=abc; Path=/", "theme=dark")));
        TestHttp.Response response = graphql("{ get_order(id: 1) { order_id } }");
        assertThat(response.headers().getAll("Set-Cookie")).containsExactly("session=abc; Path=/", "theme=dark");
    }

    @Test
    void clientError_withCode() {
        handler.stubFor(post("/get-order").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"out of stock\", \"code\": \"no-stock\"}")));
        assertThat(graphql("{ get_order(id: 1) { order_id } }").json()).isEqualTo(Json.parseBody("""
                {"errors": [{"message": "out of stock", "extensions": {"path": "$", "code": "no-stock"}}]}"""));
    }

    @Test
    void clientError_withExtensions_passedExactly() {
        handler.stubFor(post("/get-order").willReturn(aResponse().withStatus(422).withBody(
                "{\"message\": \"bad sku\", \"code\": \"ignored\", \"extensions\": {\"code\": \"bad-sku\", \"sku\": \"A-9\"}}")));
        assertThat(graphql("{ get_order(id: 1) { order_id } }").json()).isEqualTo(Json.parseBody("""
                {"errors": [{"message": "bad sku", "extensions": {"code": "bad-sku", "sku": "A-9"}}]}"""));
    }

    @Test
    void serverError_internalForAdminOnly() {
        handler.stubFor(post("/get-order").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"down\": true}")));
        JsonNode admin = graphql("{ get_order(id: 1) { order_id } }").json();
        assertThat(admin.has("data")).isFalse();
        JsonNode error = admin.at("/errors/0");
        assertThat(error.get("message").asText()).isEqualTo("internal error");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("unexpected");
        assertThat(error.at("/extensions/path").asText()).isEqualTo("$");
        assertThat(error.at("/extensions/internal/error").asText())
                .isEqualTo("expecting 2xx or 4xx status code, but found 503");
        assertThat(error.at("/extensions/internal/request/url").asText())
                .isEqualTo("http://127.0.0.1:" + handler.getPort() + "/get-order");
        assertThat(error.at("/extensions/internal/request/body/input")).isEqualTo(Json.parseBody("{\"id\": 1}"));
        assertThat(error.at("/extensions/internal/response/status").asInt()).isEqualTo(503);
        assertThat(error.at("/extensions/internal/response/body")).isEqualTo(Json.parseBody("{\"down\": true}"));

        JsonNode user = asUser("{ get_order(id: 1) { order_id } }").json();
        assertThat(user).isEqualTo(Json.parseBody("""
                {"errors": [{"message": "internal error", "extensions": {"path": "$", "code": "unexpected"}}]}"""));
    }

    @Test
    void notJson_isErrorJ() {
        handler.stubFor(post("/get-order").willReturn(aResponse().withStatus(200).withBody("hello")));
        JsonNode error = graphql("{ get_order(id: 1) { order_id } }").json().at("/errors/0");
        assertThat(error.get("message").asText()).isEqualTo("not a valid json response from webhook");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("unexpected");
        assertThat(error.at("/extensions/internal/error").asText()).startsWith("invalid json: ");
        assertThat(error.at("/extensions/internal/response/body").asText()).isEqualTo("hello");
    }

    @Test
    void timeout_isErrorT() {
        handler.stubFor(post("/slow").willReturn(okJson("\"late\"").withFixedDelay(3000)));
        JsonNode body = graphql("{ slow }").json();
        assertThat(body.has("data")).as(body.toString()).isFalse();
        JsonNode error = body.at("/errors/0");
        assertThat(error.get("message").asText()).isEqualTo("http exception when calling webhook");
        assertThat(error.at("/extensions/internal/error")).isEqualTo(Json.parseBody(
                "{\"type\": \"http_exception\", \"message\": \"Response timeout\"}"));
        assertThat(error.at("/extensions/internal/response").isNull()).isTrue();
    }

    @Test
    void connectionRefused_isErrorT() {
        JsonNode error = graphql("{ refused }").json().at("/errors/0");
        assertThat(error.get("message").asText()).isEqualTo("http exception when calling webhook");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("unexpected");
        assertThat(error.at("/extensions/internal/error/type").asText()).isEqualTo("http_exception");
    }

    @Test
    void missingNonNullField_isErrorV() {
        handler.stubFor(post("/get-order").willReturn(okJson("{\"author_id\": 7}")));
        JsonNode error = graphql("{ get_order(id: 1) { order_id } }").json().at("/errors/0");
        assertThat(error.get("message").asText()).isEqualTo("field \"order_id\" expected in webhook response, but not found");
        assertThat(error.at("/extensions/internal/error").asText()).isEqualTo("unexpected response");
        assertThat(error.at("/extensions/internal/response/body")).isEqualTo(Json.parseBody("{\"author_id\": 7}"));
    }

    @Test
    void scalarOutput_passesThrough() {
        handler.stubFor(post("/slow").willReturn(okJson("\"done\"")));
        assertThat(graphql("{ slow }").json()).isEqualTo(Json.parseBody("{\"data\": {\"slow\": \"done\"}}"));
    }

    @Test
    void user_seesOnlyPermittedActions_andNoTableRelationships() {
        handler.stubFor(post("/get-order").willReturn(okJson("{\"order_id\": 1, \"author_id\": 1}")));
        assertThat(asUser("{ get_order(id: 1) { order_id } }").json())
                .isEqualTo(Json.parseBody("{\"data\": {\"get_order\": {\"order_id\": 1}}}"));
        assertThat(asUser("{ slow }").json().at("/errors/0/message").asText())
                .isEqualTo("field 'slow' not found in type: 'query_root'");
        assertThat(asUser("{ get_order(id: 1) { author { name } } }").json().at("/errors/0/message").asText())
                .isEqualTo("field 'author' not found in type: 'OrderResult'");
        assertThat(asUser("mutation { place_order(author_id: 1) { order_id } }").json().at("/errors/0/extensions/code")
                .asText()).isEqualTo("validation-failed");
    }

    @Test
    void tableAndActionFields_inOneQuery() {
        handler.stubFor(post("/get-order").willReturn(okJson("{\"order_id\": 5, \"author_id\": 1}")));
        TestHttp.Response response = graphql(
                "{ author { name } get_order(id: 5) { order_id author { name } } __typename }");
        assertThat(response.json()).as(response.body()).isEqualTo(Json.parseBody("""
                {"data": {"author": [{"name": "Ada"}], "get_order": {"order_id": 5, "author": {"name": "Ada"}},
                          "__typename": "query_root"}}"""));
    }

    @Test
    void mutationActionFields_runInDocumentOrder() {
        handler.stubFor(post("/place-order").willReturn(okJson("{\"order_id\": 1}").withFixedDelay(700)));
        TestHttp.Response response = graphql("""
                mutation { a: place_order(author_id: 1) { order_id } b: place_order(author_id: 2) { order_id } }""");
        assertThat(response.json()).as(response.body()).isEqualTo(Json.parseBody(
                "{\"data\": {\"a\": {\"order_id\": 1}, \"b\": {\"order_id\": 1}}}"));
        var events = handler.getAllServeEvents();
        assertThat(events).hasSize(2);
        var first = events.get(1).getRequest();
        var second = events.get(0).getRequest();
        assertThat(Json.parseBody(first.getBodyAsString()).at("/input/author_id").asInt()).isEqualTo(1);
        assertThat(Json.parseBody(second.getBodyAsString()).at("/input/author_id").asInt()).isEqualTo(2);
        assertThat(second.getLoggedDate().getTime() - first.getLoggedDate().getTime()).isGreaterThanOrEqualTo(650);
    }
}
