package io.joinery.gateway;

import io.joinery.core.config.Environment;
import java.util.Locale;
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
        return Environment.of(env).setting(VARIABLE).map(setting -> {
            switch (setting.value().trim().toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "y", "1":
                    return new RemoteSchemaPermissionsConfig(true);
                case "false", "f", "no", "n", "0":
                    return new RemoteSchemaPermissionsConfig(false);
                default:
                    throw new IllegalArgumentException(setting.name() + " must be true or false, got \""
                            + setting.value() + "\"");
            }
        }).orElse(new RemoteSchemaPermissionsConfig(false));
    }
}
