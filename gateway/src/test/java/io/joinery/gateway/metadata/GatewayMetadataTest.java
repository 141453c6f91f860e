package io.joinery.gateway.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.Test;

class GatewayMetadataTest {
    @Test
    void parseThenExport_roundTrips_sortedByName_keysInSpecOrder() {
        String exported = "{\"version\":3,\"sources\":[],\"remote_schemas\":["
                + "{\"name\":\"a\",\"definition\":{\"url_from_env\":\"A_URL\",\"timeout_seconds\":5,"
                + "\"customization\":{\"root_fields_namespace\":\"ns\",\"type_names\":{\"prefix\":\"p\",\"mapping\":{\"X\":\"Y\"}},"
                + "\"field_names\":[{\"parent_type\":\"X\",\"suffix\":\"_s\"}]},"
                + "\"headers\":[{\"name\":\"h\",\"value\":\"v\"}],\"forward_client_headers\":true},\"comment\":\"c\"},"
                + "{\"name\":\"b\",\"definition\":{\"url\":\"http://b\"}}]}";
        String unsorted = "{\"version\":3,\"sources\":[],\"remote_schemas\":["
                + "{\"name\":\"b\",\"definition\":{\"url\":\"http://b\",\"forward_client_headers\":false}},"
                + "{\"comment\":\"c\",\"name\":\"a\",\"definition\":{\"forward_client_headers\":true,"
                + "\"headers\":[{\"value\":\"v\",\"name\":\"h\"}],\"timeout_seconds\":5,\"url_from_env\":\"A_URL\","
                + "\"customization\":{\"field_names\":[{\"suffix\":\"_s\",\"parent_type\":\"X\"}],"
                + "\"type_names\":{\"mapping\":{\"X\":\"Y\"},\"prefix\":\"p\"},\"root_fields_namespace\":\"ns\"}}}]}";

        assertThat(GatewayMetadata.parse(Json.parseBody(unsorted), ErrorPath.args()).toJson().toString()).isEqualTo(exported);
        assertThat(GatewayMetadata.parse(Json.parseBody(exported), ErrorPath.args()).toJson().toString()).isEqualTo(exported);
    }

    @Test
    void emptyUnsupportedSections_ignored_nonEmpty_rejectedByName() {
        assertThat(GatewayMetadata.parse(Json.parseBody("{\"version\":3,\"sources\":[],\"actions\":[],\"cron_triggers\":[]}"),
                ErrorPath.args()).remoteSchemas()).isEmpty();
        assertThatThrownBy(() -> GatewayMetadata.parse(Json.parseBody(
                "{\"version\":3,\"sources\":[],\"actions\":[{\"name\":\"x\"}],\"inherited_roles\":[{}]}"), ErrorPath.args()))
                .isInstanceOf(JoineryException.class)
                .hasMessage("the gateway does not support these metadata keys: actions, inherited_roles");
    }

    @Test
    void duplicateRemoteNames_rejectedWithPath() {
        assertThatThrownBy(() -> GatewayMetadata.parse(Json.parseBody("{\"remote_schemas\":["
                + "{\"name\":\"a\",\"definition\":{\"url\":\"http://a\"}},{\"name\":\"a\",\"definition\":{\"url\":\"http://b\"}}]}"),
                ErrorPath.args()))
                .isInstanceOf(JoineryException.class)
                .satisfies(e -> assertThat(((JoineryException) e).path().toString()).isEqualTo("$.args.remote_schemas[1]"));
    }
}
