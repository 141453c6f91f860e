package io.joinery.gateway.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.Test;

class RemoteRelationshipDefTest {
    private static JoineryException parseFails(String args) {
        try {
            GatewayCommandParser.parse(Json.parseBody(
                    "{\"type\":\"create_remote_schema_remote_relationship\",\"args\":" + args + "}"), ErrorPath.root());
        } catch (JoineryException e) {
            return e;
        }
        throw new AssertionError("parsed: " + args);
    }

    @Test
    void exportedRelationships_groupedByType_underTheirRemote_roundTrip() {
        String exported = "{\"version\":3,\"sources\":[],\"remote_schemas\":[{\"name\":\"child\",\"definition\":"
                + "{\"url\":\"http://child\"},\"remote_relationships\":[{\"type_name\":\"OrderResult\",\"relationships\":["
                + "{\"name\":\"customer\",\"definition\":{\"to_remote_schema\":{\"remote_schema\":\"child\","
                + "\"lhs_fields\":[\"customer_id\"],\"remote_field\":{\"get_customer\":{\"arguments\":{\"id\":\"$customer_id\"}}}}}},"
                + "{\"name\":\"orders\",\"definition\":{\"to_remote_schema\":{\"remote_schema\":\"child\",\"lhs_fields\":[],"
                + "\"remote_field\":{\"account\":{\"arguments\":{\"t\":\"a\"},\"field\":{\"orders\":{\"arguments\":"
                + "{\"where\":{\"ids\":[\"$x\"]}}}}}}}}}]}]}]}";

        GatewayMetadata metadata = GatewayMetadata.parse(Json.parseBody(exported), ErrorPath.args());

        assertThat(metadata.relationships()).hasSize(2);
        assertThat(metadata.relationships().get(1).remoteField()).extracting(RemoteRelationshipDef.PathLevel::field)
                .containsExactly("account", "orders");
        assertThat(metadata.toJson().toString()).isEqualTo(exported);
        assertThat(metadata.withoutRemoteSchema("child").relationships()).isEmpty();
        assertThat(metadata.withoutRelationship("child", "OrderResult", "customer").relationships())
                .extracting(RemoteRelationshipDef::name).containsExactly("orders");
    }

    @Test
    void commandParse_typeAlias_toSourceNotSupported_shapeErrorsWithPaths() {
        GatewayCommand command = GatewayCommandParser.parse(Json.parseBody("{\"type\":\"create_remote_schema_remote_relationship\","
                + "\"args\":{\"remote_schema\":\"a\",\"type\":\"T\",\"name\":\"r\",\"definition\":{\"to_remote_schema\":"
                + "{\"remote_schema\":\"b\",\"lhs_fields\":[\"id\"],\"remote_field\":{\"f\":{}}}}}}"), ErrorPath.root());
        assertThat(((GatewayCommand.CreateRemoteRelationship) command).def().typeName()).isEqualTo("T");

        JoineryException toSource = parseFails("{\"remote_schema\":\"a\",\"type_name\":\"T\",\"name\":\"r\","
                + "\"definition\":{\"to_source\":{\"source\":\"default\"}}}");
        assertThat(toSource.code().wire()).isEqualTo("not-supported");
        assertThat(toSource.path().toString()).isEqualTo("$.args.definition.to_source");

        JoineryException twoFields = parseFails("{\"remote_schema\":\"a\",\"type_name\":\"T\",\"name\":\"r\","
                + "\"definition\":{\"to_remote_schema\":{\"remote_schema\":\"b\",\"lhs_fields\":[],"
                + "\"remote_field\":{\"f\":{},\"g\":{}}}}}");
        assertThat(twoFields.code().wire()).isEqualTo("parse-failed");
        assertThat(twoFields.path().toString()).isEqualTo("$.args.definition.to_remote_schema.remote_field");

        assertThatThrownBy(() -> GatewayCommandParser.parse(Json.parseBody("{\"type\":\"delete_remote_schema_remote_relationship\","
                + "\"args\":{\"remote_schema\":\"a\",\"name\":\"r\"}}"), ErrorPath.root()))
                .isInstanceOf(JoineryException.class).hasMessage("key \"type_name\" not found");
    }
}
