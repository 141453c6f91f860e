package io.joinery.gateway.join;

import static io.joinery.gateway.testing.JoinRemotes.relationship;
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
 * The relationship commands of SPEC §5.1 (validation reasons, storage, export/replace round trip,
 * `update_remote_schema` keeping relationships, dependency errors) and the field of §5.2.
 */
class RemoteRelationshipMetadataIntegrationTest {
    private static final String CUSTOMER_FIELD = "{\"customer\":{\"arguments\":{\"id\":\"$customerId\"}}}";

    @RegisterExtension
    final GatewayFixture fixture = JoinRemotes.shopAndCrm(null).start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream crm = fixture.upstream("crm");

    private JsonNode export() {
        return gateway.metadataOk("{\"type\":\"export_metadata\",\"args\":{}}");
    }

    private void assertInvalid(String lhsFields, String remoteField, String reason) {
        assertInvalid(relationship("shop", "Order", "customer", "crm", lhsFields, remoteField), reason);
    }

    private void assertInvalid(String command, String reason) {
        Reply reply = gateway.metadata(command);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        JsonNode body = reply.json();
        assertThat(body.get("code").asText()).as(reply.body()).isEqualTo("invalid-configuration");
        assertThat(body.get("path").asText()).isEqualTo("$.args");
        assertThat(body.get("error").asText()).isEqualTo("Inconsistent object: " + reason);
        assertThat(export().toString()).doesNotContain("remote_relationships");
    }

    @Test
    void validation_reasonTexts() {
        assertInvalid(relationship("shop", "Nope", "customer", "crm", "[]", CUSTOMER_FIELD),
                "no type named \"Nope\" defined in remote schema \"shop\"");
        assertInvalid(relationship("shop", "Int", "customer", "crm", "[]", CUSTOMER_FIELD),
                "remote relationships on a remote schema can only be defined on object types");
        assertInvalid(relationship("shop", "Order", "customer", "nowhere", "[\"customerId\"]", CUSTOMER_FIELD),
                "remote schema with name \"nowhere\" not found");
        assertInvalid("[\"nope\"]", CUSTOMER_FIELD, "field with name \"nope\" is not provided by the lhs entity \"Order\""
                + " for defining a join condition, the allowed fields are \"id\", \"customerId\", \"total\", \"status\", \"shipping\" or \"priority\"");
        assertInvalid("[\"customerId\"]", "{\"custmer\":{\"arguments\":{\"id\":\"$customerId\"}}}",
                "remote field with name \"custmer\" and type \"Query\" not found");
        assertInvalid("[\"customerId\"]", "{\"customer\":{\"arguments\":{\"foo\":1}}}",
                "argument with name \"foo\" not found in remote schema");
        assertInvalid("[\"customerId\"]", "{\"customer\":{\"arguments\":{\"id\":\"$nope\"}}}",
                "variable \"nope\" is not found");
        assertInvalid("[\"customerId\"]", "{\"customer\":{\"arguments\":{\"id\":\"abc\"}}}",
                "expected type \"Int\" but got \"String\"");
        assertInvalid("[\"customerId\"]", "{\"customer\":{\"arguments\":{\"id\":null}}}", "null is not allowed here");
        assertInvalid("[\"customerId\"]", "{\"customer\":{\"arguments\":{\"id\":[1]}}}", "type \"Int\" is not a list type");
        assertInvalid("[\"customerId\"]",
                "{\"account\":{\"arguments\":{\"tenant\":\"a\"},\"field\":{\"customers\":{\"arguments\":{\"ids\":[1,2]}}}}}",
                "multiple elements in list value is not supported");
        assertInvalid("[\"customerId\"]",
                "{\"account\":{\"arguments\":{\"tenant\":\"a\"},\"field\":{\"nope\":{\"arguments\":{}}}}}",
                "remote field with name \"nope\" and type \"Account\" not found");
        assertInvalid(relationship("shop", "Order", "total", "crm", "[\"customerId\"]", CUSTOMER_FIELD),
                "field with name \"total\" already exists in type \"Order\" of remote schema \"shop\"");
    }

    @Test
    void toSource_notSupported_typeAlias_duplicates_unknowns() {
        Reply toSource = gateway.metadata("{\"type\":\"create_remote_schema_remote_relationship\",\"args\":{"
                + "\"remote_schema\":\"shop\",\"type_name\":\"Order\",\"name\":\"x\",\"definition\":{\"to_source\":"
                + "{\"source\":\"default\",\"table\":\"t\",\"relationship_type\":\"object\",\"field_mapping\":{}}}}}");
        assertThat(toSource.status()).isEqualTo(400);
        assertThat(toSource.json().get("code").asText()).isEqualTo("not-supported");

        gateway.metadataOk(relationship("shop", "Order", "customer", "crm", "[\"customerId\"]", CUSTOMER_FIELD)
                .replace("\"type_name\"", "\"type\""));
        Reply duplicate = gateway.metadata(relationship("shop", "Order", "customer", "crm", "[\"customerId\"]",
                CUSTOMER_FIELD));
        assertThat(duplicate.json().get("code").asText()).isEqualTo("already-exists");

        Reply update = gateway.metadata(relationship("shop", "Order", "nope", "crm", "[\"customerId\"]", CUSTOMER_FIELD)
                .replace("create_", "update_"));
        assertThat(update.status()).isEqualTo(400);
        assertThat(update.json().get("code").asText()).isEqualTo("not-exists");
        assertThat(update.json().get("error").asText())
                .isEqualTo("no relationship defined on remote schema \"shop\" with name \"nope\"");

        Reply delete = gateway.metadata("{\"type\":\"delete_remote_schema_remote_relationship\",\"args\":{"
                + "\"remote_schema\":\"shop\",\"type_name\":\"Order\",\"name\":\"nope\"}}");
        assertThat(delete.json().get("code").asText()).isEqualTo("not-exists");
    }

    @Test
    void field_nullableOutermost_withTheArgumentsLeftOpen_andDelete() {
        gateway.metadataOk(relationship("crm", "Customer", "orders", "shop", "[\"id\"]", "{\"orders\":{\"arguments\":{}}}"));
        gateway.metadataOk(relationship("shop", "Order", "customer", "crm", "[\"customerId\"]", CUSTOMER_FIELD));

        JsonNode type = gateway.graphql("{ __type(name: \"Customer\") { fields { name args { name type { kind ofType { name } } }"
                + " type { kind name ofType { kind ofType { name } } } } } }");
        JsonNode orders = null;
        for (JsonNode field : type.at("/data/__type/fields")) {
            if (field.get("name").asText().equals("orders")) {
                orders = field;
            }
        }
        assertThat(orders).isNotNull();
        assertThat(orders.get("type").toString()).as("[Order!]! becomes [Order!]")
                .isEqualTo("{\"kind\":\"LIST\",\"name\":null,\"ofType\":{\"kind\":\"NON_NULL\",\"ofType\":{\"name\":\"Order\"}}}");
        assertThat(orders.get("args").toString())
                .isEqualTo("[{\"name\":\"count\",\"type\":{\"kind\":\"NON_NULL\",\"ofType\":{\"name\":\"Int\"}}}]");
        JsonNode customer = gateway.graphql("{ __type(name: \"Order\") { fields { name args { name } } } }");
        assertThat(customer.at("/data/__type/fields").toString())
                .contains("{\"name\":\"customer\",\"args\":[{\"name\":\"greeting\"}]}");

        // the client supplies the open argument; the relationship field nests inside another one
        assertThat(gateway.graphql("{ order(id: 1) { customer { orders(count: 2) { id } } } }").toString())
                .isEqualTo("{\"data\":{\"order\":{\"customer\":{\"orders\":[{\"id\":1},{\"id\":2}]}}}}");

        gateway.metadataOk("{\"type\":\"delete_remote_schema_remote_relationship\",\"args\":{"
                + "\"remote_schema\":\"crm\",\"type_name\":\"Customer\",\"name\":\"orders\"}}");
        assertThat(gateway.graphql("{ order(id: 1) { customer { orders(count: 2) { id } } } }")
                .at("/errors/0/extensions/code").asText()).isEqualTo("validation-failed");
    }

    @Test
    void customizedTypeNames_fieldOnTheGatewayName_declaredInOriginalNames() {
        gateway.metadataOk("{\"type\":\"update_remote_schema\",\"args\":{\"name\":\"crm\",\"definition\":{\"url\":\""
                + crm.url() + "\",\"customization\":{\"type_names\":{\"prefix\":\"Crm_\"}}}}}");
        gateway.metadataOk(relationship("shop", "Order", "customer", "crm", "[\"customerId\"]", CUSTOMER_FIELD));
        gateway.metadataOk(relationship("crm", "Customer", "region", "crm", "[\"regionCode\"]",
                "{\"region\":{\"arguments\":{\"code\":\"$regionCode\"}}}"));

        JsonNode response = gateway.graphql("{ order(id: 1) { customer { __typename name region { __typename name } } } }");

        assertThat(response.toString()).isEqualTo("{\"data\":{\"order\":{\"customer\":{\"__typename\":\"Crm_Customer\","
                + "\"name\":\"C2\",\"region\":{\"__typename\":\"Crm_Region\",\"name\":\"Region R0\"}}}}}");
    }

    @Test
    void exportReplaceRoundTrip_storedUnderTheLhsRemote() {
        JoinRemotes.relate(gateway);
        JsonNode exported = export();
        JsonNode shopEntry = exported.at("/remote_schemas/1");
        assertThat(shopEntry.get("name").asText()).isEqualTo("shop");
        assertThat(shopEntry.get("remote_relationships").toString()).isEqualTo("[{\"type_name\":\"Order\","
                + "\"relationships\":[{\"name\":\"customer\",\"definition\":{\"to_remote_schema\":{\"remote_schema\":\"crm\","
                + "\"lhs_fields\":[\"customerId\"],\"remote_field\":{\"customer\":{\"arguments\":{\"id\":\"$customerId\"}}}}}}]}]");
        assertThat(exported.at("/remote_schemas/0/remote_relationships/0/relationships")).hasSize(2);

        gateway.metadataOk("{\"type\":\"clear_metadata\",\"args\":{}}");
        gateway.metadataOk("{\"type\":\"replace_metadata\",\"args\":" + Json.write(exported) + "}");

        assertThat(export()).isEqualTo(exported);
        assertThat(gateway.graphql("{ order(id: 1) { customer { region { name } } } }").toString())
                .isEqualTo("{\"data\":{\"order\":{\"customer\":{\"region\":{\"name\":\"Region R0\"}}}}}");
        gateway.restart();
        assertThat(export()).isEqualTo(exported);
    }

    @Test
    void updateRemoteSchema_keepsRelationships_brokenOnesBecomeInconsistent() {
        JoinRemotes.relate(gateway);
        try (TestUpstream crm2 = TestUpstream.builder("crm2", """
                type Query { customer(id: Int!): Customer }
                type Customer { id: Int!  name: String! }
                """).field("Query", "customer", env -> Map.of("id", 1, "name", "Solo")).start()) {
            gateway.metadataOk("{\"type\":\"update_remote_schema\",\"args\":{\"name\":\"crm\",\"definition\":{\"url\":\""
                    + crm2.url() + "\"}}}");

            JsonNode report = gateway.metadataOk("{\"type\":\"get_inconsistent_metadata\",\"args\":{}}");
            assertThat(report.get("is_consistent").asBoolean()).isFalse();
            assertThat(report.get("inconsistent_objects").toString())
                    .contains("\"type\":\"remote_schema_remote_relationship\"")
                    .contains("remote_schema_remote_relationship region of type Customer in remote schema crm")
                    .contains("field with name \\\"regionCode\\\" is not provided by the lhs entity \\\"Customer\\\"");
            assertThat(export().toString()).contains("\"name\":\"region\"").contains("\"name\":\"customer\"");
            assertThat(gateway.graphql("{ order(id: 1) { customer { name } } }").toString())
                    .isEqualTo("{\"data\":{\"order\":{\"customer\":{\"name\":\"Solo\"}}}}");

            gateway.metadataOk("{\"type\":\"update_remote_schema\",\"args\":{\"name\":\"crm\",\"definition\":{\"url\":\""
                    + crm.url() + "\"}}}");
            assertThat(gateway.metadataOk("{\"type\":\"get_inconsistent_metadata\",\"args\":{}}")
                    .get("is_consistent").asBoolean()).isTrue();
        }
    }

    @Test
    void removeRemoteSchema_targetedByAnotherSchema_isADependencyError() {
        JoinRemotes.relate(gateway);

        Reply reply = gateway.metadata("{\"type\":\"remove_remote_schema\",\"args\":{\"name\":\"crm\"}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("dependency-error");
        assertThat(reply.json().get("error").asText()).isEqualTo("cannot drop due to the following dependent objects: "
                + "remote_schema_remote_relationship customer of type Order in remote schema shop");

        gateway.metadataOk("{\"type\":\"delete_remote_schema_remote_relationship\",\"args\":{"
                + "\"remote_schema\":\"crm\",\"type_name\":\"Customer\",\"name\":\"lastOrder\"}}");
        gateway.metadataOk("{\"type\":\"remove_remote_schema\",\"args\":{\"name\":\"shop\"}}");
        // shop's own relationship went with it; crm's self-referential one stays
        assertThat(export().toString()).doesNotContain("\"customer\",\"definition\"").contains("\"name\":\"region\"");
        gateway.metadataOk("{\"type\":\"remove_remote_schema\",\"args\":{\"name\":\"crm\"}}");
        assertThat(export().toString()).isEqualTo("{\"version\":3,\"sources\":[]}");
    }
}
