package io.joinery.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.joinery.gateway.testing.GatewayHarness.addRemote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.GatewayHarness.Reply;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway's metadata commands and their error cases (SPEC §1, §4.1). */
class MetadataApiIntegrationTest {
    @RegisterExtension
    static WireMockExtension wiremock = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final List<String> log = TestUpstream.sharedLog();
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder()
            .upstream("orders", () -> Remotes.orders(log))
            .upstream("users", () -> Remotes.users(log))
            .envUrl("USERS_URL", "users").env("SECRET", "s3cr3t")
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream orders = fixture.upstream("orders");
    private final TestUpstream users = fixture.upstream("users");

    private static void assertError(Reply reply, int status, String code, String path, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        JsonNode body = reply.json();
        assertThat(body.get("code").asText()).as(reply.body()).isEqualTo(code);
        assertThat(body.get("path").asText()).as(reply.body()).isEqualTo(path);
        if (message != null) {
            assertThat(body.get("error").asText()).isEqualTo(message);
        }
    }

    private JsonNode export() {
        return gateway.metadataOk("{\"type\":\"export_metadata\",\"args\":{}}");
    }

    @Test
    void addExportUpdateRemove_roundTrip() {
        assertThat(gateway.metadataOk(addRemote("orders", orders.url(), """
                "timeout_seconds": 30, "forward_client_headers": true,
                "headers": [{"name": "X-Api-Key", "value_from_env": "SECRET"}, {"name": "X-Static", "value": "v"}],
                "customization": {"root_fields_namespace": "shop", "type_names": {"prefix": "S_"}}""")).toString())
                .isEqualTo("{\"message\":\"success\"}");
        gateway.metadataOk("{\"type\":\"add_remote_schema\",\"args\":{\"name\":\"users\",\"comment\":\"people\","
                + "\"definition\":{\"url_from_env\":\"USERS_URL\"}}}");

        assertThat(export().toString()).isEqualTo("{\"version\":3,\"sources\":[],\"remote_schemas\":["
                + "{\"name\":\"orders\",\"definition\":{\"url\":\"" + orders.url() + "\",\"timeout_seconds\":30,"
                + "\"customization\":{\"root_fields_namespace\":\"shop\",\"type_names\":{\"prefix\":\"S_\"}},"
                + "\"headers\":[{\"name\":\"X-Api-Key\",\"value_from_env\":\"SECRET\"},{\"name\":\"X-Static\",\"value\":\"v\"}],"
                + "\"forward_client_headers\":true}},"
                + "{\"name\":\"users\",\"definition\":{\"url_from_env\":\"USERS_URL\"},\"comment\":\"people\"}]}");
        JsonNode v2 = gateway.metadataOk("{\"type\":\"export_metadata\",\"version\":2,\"args\":{}}");
        assertThat(v2.get("resource_version").asLong()).isEqualTo(3);
        assertThat(v2.get("metadata")).isEqualTo(export());

        gateway.metadataOk("{\"type\":\"update_remote_schema\",\"args\":{\"name\":\"orders\",\"definition\":{\"url\":\""
                + orders.url() + "\"}}}");
        assertThat(gateway.graphql("{ order(id: 1) { __typename } }").toString())
                .isEqualTo("{\"data\":{\"order\":{\"__typename\":\"Order\"}}}");

        gateway.metadataOk("{\"type\":\"remove_remote_schema\",\"args\":{\"name\":\"orders\"}}");
        assertThat(export().get("remote_schemas")).hasSize(1);
        assertThat(gateway.graphql("{ order(id: 1) { id } }").at("/errors/0/extensions/code").asText())
                .isEqualTo("validation-failed");

        gateway.metadataOk("{\"type\":\"reload_remote_schema\",\"args\":{\"name\":\"users\"}}");
        gateway.metadataOk("{\"type\":\"clear_metadata\",\"args\":{}}");
        assertThat(export().toString()).isEqualTo("{\"version\":3,\"sources\":[]}");
    }

    @Test
    void replaceMetadata_v1_and_v2() {
        String metadata = "{\"version\":3,\"sources\":[],\"remote_schemas\":[{\"name\":\"users\",\"definition\":{\"url\":\""
                + users.url() + "\"}}]}";
        assertThat(gateway.metadataOk("{\"type\":\"replace_metadata\",\"args\":" + metadata + "}").toString())
                .isEqualTo("{\"message\":\"success\"}");
        assertThat(export().toString()).isEqualTo(metadata);

        JsonNode v2 = gateway.metadataOk("{\"type\":\"replace_metadata\",\"version\":2,\"args\":{"
                + "\"allow_inconsistent_metadata\":true,\"metadata\":{\"version\":3,\"sources\":[],"
                + "\"cron_triggers\":[{\"name\":\"nightly\"}],\"remote_schemas\":[{\"name\":\"down\",\"definition\":"
                + "{\"url\":\"http://127.0.0.1:" + TestUpstream.freePort() + "/graphql\"}}]}}}");
        assertThat(v2.get("is_consistent").asBoolean()).isFalse();
        assertThat(v2.get("inconsistent_objects")).extracting(o -> o.get("type").asText())
                .containsExactly("remote_schema", "not_supported");
        assertThat(gateway.get("/healthz").body()).isEqualTo("WARN: inconsistent objects in schema");

        gateway.metadataOk("{\"type\":\"drop_inconsistent_metadata\",\"args\":{}}");
        assertThat(export().toString()).isEqualTo("{\"version\":3,\"sources\":[]}");
        assertThat(gateway.get("/healthz").body()).isEqualTo("OK");
    }

    @Test
    void replaceMetadata_refusesUnsupportedAndInconsistent() {
        assertError(gateway.metadata("{\"type\":\"replace_metadata\",\"args\":{\"version\":3,\"sources\":[],"
                + "\"query_collections\":[{\"name\":\"q\"}]}}"), 400, "not-supported", "$.args", null);
        Reply down = gateway.metadata("{\"type\":\"replace_metadata\",\"args\":{\"version\":3,\"sources\":[],"
                + "\"remote_schemas\":[{\"name\":\"down\",\"definition\":{\"url\":\"http://127.0.0.1:"
                + TestUpstream.freePort() + "/graphql\"}}]}}");
        assertError(down, 400, "unexpected", "$.args", "cannot continue due to inconsistent metadata");
        assertThat(down.json().at("/internal/0/name").asText()).isEqualTo("remote_schema down");
        assertThat(export().toString()).isEqualTo("{\"version\":3,\"sources\":[]}");
    }

    @Test
    void malformedRequests() {
        assertError(gateway.metadata("{not json"), 400, "invalid-json", "$", null);
        assertError(gateway.metadata("{\"type\":\"frobnicate\",\"args\":{}}"), 400, "parse-failed", "$",
                "unknown metadata command \"frobnicate\"");
        assertError(gateway.metadata("{\"type\":\"add_remote_schema\"}"), 400, "parse-failed", "$", null);
        assertError(gateway.metadata("{\"type\":\"add_remote_schema\",\"args\":{\"name\":\"x\"}}"),
                400, "parse-failed", "$.args", "key \"definition\" not found");
        assertError(gateway.metadata("{\"type\":\"add_remote_schema\",\"args\":{\"name\":\"x\",\"definition\":{}}}"),
                400, "parse-failed", "$.args.definition", "expecting exactly one of \"url\" and \"url_from_env\"");
        assertError(gateway.metadata("{\"type\":\"add_remote_schema\",\"args\":{\"name\":\"x\",\"definition\":"
                + "{\"url\":\"http://a\",\"headers\":[{\"name\":\"h\"}]}}}"), 400, "parse-failed",
                "$.args.definition.headers[0]", null);
        assertError(gateway.metadata("{\"type\":\"add_remote_schema\",\"args\":{\"name\":\"x\",\"definition\":"
                + "{\"url\":\"http://a\",\"timeout_seconds\":\"soon\"}}}"), 400, "parse-failed",
                "$.args.definition.timeout_seconds", null);
        assertError(gateway.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}",
                Map.of("X-Hasura-Role", "user")), 400, "access-denied", "$.args", "restricted access : admin only");
        assertThat(export().toString()).isEqualTo("{\"version\":3,\"sources\":[]}");
    }

    @Test
    void addRemote_refusedWhenUnusable() {
        String unreachable = "http://127.0.0.1:" + TestUpstream.freePort() + "/graphql";
        Reply down = gateway.metadata(addRemote("down", unreachable, null));
        assertError(down, 400, "remote-schema-error", "$.args",
                "HTTP exception occurred while sending the request to \"" + unreachable + "\"");
        assertThat(down.json().at("/internal/type").asText()).isEqualTo("http_exception");

        wiremock.stubFor(post("/no-schema").willReturn(okJson("{\"data\": {\"nothing\": 1}}")));
        wiremock.stubFor(post("/html").willReturn(ok("<html>hello</html>")));
        wiremock.stubFor(post("/errors").willReturn(aResponse().withStatus(400)
                .withBody("{\"errors\": [{\"message\": \"introspection disabled\"}]}")));
        assertError(gateway.metadata(addRemote("x", wiremock.baseUrl() + "/no-schema", null)), 400,
                "remote-schema-error", "$.args", "invalid introspection result from remote schema \"x\" at \""
                        + wiremock.baseUrl() + "/no-schema\": \"data.__schema\" not found in the introspection result");
        assertThat(gateway.metadata(addRemote("x", wiremock.baseUrl() + "/html", null)).json().get("error").asText())
                .contains("the response is not valid JSON (HTTP status 200)");
        assertThat(gateway.metadata(addRemote("x", wiremock.baseUrl() + "/errors", null)).json().get("error").asText())
                .contains("introspection disabled");
        wiremock.verify(3, postRequestedFor(urlPathMatching("/.*"))
                .withHeader("x-hasura-role", equalTo("admin"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.query", containing("__schema"))));
        assertError(gateway.metadata("{\"type\":\"add_remote_schema\",\"args\":{\"name\":\"x\",\"definition\":"
                + "{\"url_from_env\":\"NOPE\"}}}"), 400, "invalid-configuration", "$.args",
                "Inconsistent object: environment variable \"NOPE\" is not set");
        assertError(gateway.metadata(addRemote("bad", "ftp://example", null)), 400, "invalid-configuration", "$.args", null);
        assertThat(export().toString()).isEqualTo("{\"version\":3,\"sources\":[]}");
    }

    @Test
    void duplicatesAndUnknownNames() {
        gateway.metadataOk(addRemote("users", users.url(), null));
        assertError(gateway.metadata(addRemote("users", users.url(), null)), 400, "already-exists", "$.args",
                "remote schema with name \"users\" already exists");
        assertError(gateway.metadata("{\"type\":\"update_remote_schema\",\"args\":{\"name\":\"x\",\"definition\":"
                + "{\"url\":\"" + users.url() + "\"}}}"), 400, "not-exists", "$.args",
                "remote schema with name \"x\" doesn't exist");
        assertError(gateway.metadata("{\"type\":\"remove_remote_schema\",\"args\":{\"name\":\"x\"}}"), 400,
                "not-exists", "$.args", "no such remote schema");
        assertError(gateway.metadata("{\"type\":\"reload_remote_schema\",\"args\":{\"name\":\"x\"}}"), 400,
                "not-exists", "$.args", "remote schema with name \"x\" does not exist");
    }

    @Test
    void rootFieldClash_namesBothRemotes() {
        gateway.metadataOk(addRemote("users", users.url(), null));
        TestUpstream other = TestUpstream.builder("other", "type Query { user(id: Int!): String }").start();
        try {
            Reply clash = gateway.metadata(addRemote("other", other.url(), null));
            assertError(clash, 400, "invalid-configuration", "$.args",
                    "Inconsistent object: Duplicate remote field 'user' in remote schemas \"users\" and \"other\"");
            assertThat(clash.json().at("/internal/0/name").asText()).isEqualTo("remote_schema other");
        } finally {
            other.close();
        }
    }

    @Test
    void typeClash_namesBothRemotes_identicalTypesMerge() {
        gateway.metadataOk(addRemote("users", users.url(), null));
        TestUpstream same = TestUpstream.builder("same",
                "type Query { someone: User }  type User { id: Int!  name: String!  email: String }")
                .field("Query", "someone", env -> Map.of("id", 9, "name", "Linus")).start();
        TestUpstream different = TestUpstream.builder("different", "type Query { other: User }  type User { id: ID }")
                .start();
        try {
            gateway.metadataOk(addRemote("same", same.url(), null));
            assertThat(gateway.graphql("{ someone { name } user(id: 1) { name } }").toString())
                    .isEqualTo("{\"data\":{\"someone\":{\"name\":\"Linus\"},\"user\":{\"name\":\"Ada\"}}}");
            assertError(gateway.metadata(addRemote("different", different.url(), null)), 400, "invalid-configuration",
                    "$.args", "Inconsistent object: Found conflicting definitions for \"User\" in remote schemas "
                            + "\"same\" and \"different\"");
            gateway.metadataOk(addRemote("different", different.url(),
                    "\"customization\": {\"type_names\": {\"suffix\": \"_other\"}}"));
            assertThat(gateway.graphql("{ other { __typename id } }").toString())
                    .isEqualTo("{\"data\":{\"other\":null}}");
        } finally {
            same.close();
            different.close();
        }
    }

    @Test
    void customizationMappingNotDistinct_refused() {
        assertError(gateway.metadata(addRemote("orders", orders.url(),
                "\"customization\": {\"type_names\": {\"mapping\": {\"Line\": \"Order\"}}}")), 400,
                "invalid-configuration", "$.args", "Inconsistent object: Type name mappings are not distinct; "
                        + "the following types appear more than once: \"Order\"");
    }

    @Test
    void bulk_allOrNothing_withNestedErrorPath() {
        Reply failed = gateway.metadata("{\"type\":\"bulk\",\"args\":[" + addRemote("users", users.url(), null) + ","
                + addRemote("users", users.url(), null) + "]}");

        assertError(failed, 400, "already-exists", "$.args[1].args", null);
        assertThat(export().toString()).isEqualTo("{\"version\":3,\"sources\":[]}");

        JsonNode ok = gateway.metadataOk("{\"type\":\"bulk\",\"args\":[" + addRemote("users", users.url(), null) + ","
                + addRemote("orders", orders.url(), null) + ",{\"type\":\"export_metadata\",\"args\":{}}]}");
        assertThat(ok).hasSize(3);
        assertThat(ok.get(2).get("remote_schemas")).hasSize(2);
    }

    @Test
    void concurrentChanges_areSerialized_noneLost() {
        List<String> commands = java.util.stream.IntStream.range(0, 6).mapToObj(i -> addRemote("users" + i, users.url(),
                "\"customization\": {\"root_fields_namespace\": \"u" + i + "\", \"type_names\": {\"prefix\": \"U" + i + "_\"}}"))
                .toList();

        List<Integer> statuses = reactor.core.publisher.Flux.fromIterable(commands)
                .flatMap(command -> reactor.core.publisher.Mono.fromCallable(() -> gateway.metadata(command).status())
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 6)
                .collectList().block();

        assertThat(statuses).containsOnly(200).hasSize(6);
        JsonNode v2 = gateway.metadataOk("{\"type\":\"export_metadata\",\"version\":2,\"args\":{}}");
        assertThat(v2.at("/metadata/remote_schemas")).hasSize(6);
        assertThat(v2.get("resource_version").asLong()).isEqualTo(7);
        assertThat(gateway.graphql("{ u0 { user(id: 1) { name } } u5 { users { id } } }").toString())
                .isEqualTo("{\"data\":{\"u0\":{\"user\":{\"name\":\"Ada\"}},\"u5\":{\"users\":[{\"id\":1},{\"id\":2}]}}}");
    }

    @Test
    void resourceVersionMismatch_isConflict() {
        JsonNode v2 = gateway.metadataOk("{\"type\":\"export_metadata\",\"version\":2,\"args\":{}}");
        long version = v2.get("resource_version").asLong();

        assertError(gateway.metadata("{\"type\":\"clear_metadata\",\"args\":{},\"resource_version\":" + (version + 5) + "}"),
                409, "conflict", "$", "metadata resource version referenced (" + (version + 5)
                        + ") did not match current version");
        gateway.metadataOk("{\"type\":\"clear_metadata\",\"args\":{},\"resource_version\":" + version + "}");
    }
}
