package io.joinery.core.limits;

import java.util.Objects;

/**
 * What both servers' metadata says about how roles may use the GraphQL API: Hasura's API limits
 * (`api_limits`, SPEC §11.1) and introspection options (`graphql_schema_introspection`, SPEC
 * §10.3). Each server's metadata holds one; {@link ApiPolicyJson} reads and writes both keys.
 */
public record ApiPolicy(ApiLimits limits, IntrospectionOptions introspection) {
    public static final ApiPolicy NONE = new ApiPolicy(ApiLimits.NONE, IntrospectionOptions.NONE);

    public ApiPolicy {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(introspection, "introspection");
    }

    public ApiPolicy withLimits(ApiLimits next) {
        return new ApiPolicy(next, introspection);
    }

    public ApiPolicy withIntrospection(IntrospectionOptions next) {
        return new ApiPolicy(limits, next);
    }
}
