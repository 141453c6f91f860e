package io.joinery.gateway;

import io.joinery.core.config.Environment;
import java.util.function.Function;

/**
 * `JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS` (Hasura: `HASURA_GRAPHQL_ENABLE_REMOTE_SCHEMA_PERMISSIONS`),
 * default false: every role sees every remote schema. When true, a role sees a remote schema only
 * through its permission (SPEC §10.4, docs/remote-schema-permissions.md).
 */
public record RemoteSchemaPermissionsConfig(boolean enabled) {
    public static final String VARIABLE = "JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS";

    /** @throws IllegalArgumentException naming the variable when it is not a boolean */
    public static RemoteSchemaPermissionsConfig fromEnv(Function<String, String> env) {
        return new RemoteSchemaPermissionsConfig(Environment.of(env).flag(VARIABLE, false));
    }
}
