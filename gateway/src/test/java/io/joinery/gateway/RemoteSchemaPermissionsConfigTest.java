package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteSchemaPermissionsConfigTest {

    @Test
    void offByDefault_onWithEitherName_joineryNameFirst() {
        assertThat(RemoteSchemaPermissionsConfig.fromEnv(Map.<String, String>of()::get).enabled()).isFalse();
        assertThat(RemoteSchemaPermissionsConfig.fromEnv(
                Map.of("JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS", "true")::get).enabled()).isTrue();
        assertThat(RemoteSchemaPermissionsConfig.fromEnv(
                Map.of("HASURA_GRAPHQL_ENABLE_REMOTE_SCHEMA_PERMISSIONS", "TRUE")::get).enabled()).isTrue();
        assertThat(RemoteSchemaPermissionsConfig.fromEnv(Map.of("JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS", "false",
                "HASURA_GRAPHQL_ENABLE_REMOTE_SCHEMA_PERMISSIONS", "true")::get).enabled()).isFalse();
    }

    @Test
    void notABoolean_namesTheVariable() {
        assertThatThrownBy(() -> RemoteSchemaPermissionsConfig.fromEnv(
                Map.of("HASURA_GRAPHQL_ENABLE_REMOTE_SCHEMA_PERMISSIONS", "maybe")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HASURA_GRAPHQL_ENABLE_REMOTE_SCHEMA_PERMISSIONS must be true or false, got \"maybe\"");
    }
}
