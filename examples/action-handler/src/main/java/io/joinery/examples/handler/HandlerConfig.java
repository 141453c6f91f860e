package io.joinery.examples.handler;

import java.util.Map;
import java.util.Optional;

/**
 * The handler's settings, read from the environment once.
 *
 * @param host             `HANDLER_HOST`, default 0.0.0.0
 * @param port             `HANDLER_PORT`, default 3000 (`0` picks a free one)
 * @param childGraphqlUrl  `CHILD_GRAPHQL_URL`: the child's GraphQL endpoint, default http://localhost:8081/v1/graphql
 * @param childAdminSecret `CHILD_ADMIN_SECRET`: sent as `X-Hasura-Admin-Secret` when set
 */
public record HandlerConfig(String host, int port, String childGraphqlUrl, Optional<String> childAdminSecret) {
    public static final String HOST = "HANDLER_HOST";
    public static final String PORT = "HANDLER_PORT";
    public static final String CHILD_GRAPHQL_URL = "CHILD_GRAPHQL_URL";
    public static final String CHILD_ADMIN_SECRET = "CHILD_ADMIN_SECRET";

    public static HandlerConfig fromEnvironment(Map<String, String> env) {
        String port = env.getOrDefault(PORT, "3000").trim();
        try {
            return new HandlerConfig(
                    env.getOrDefault(HOST, "0.0.0.0"),
                    Integer.parseInt(port),
                    env.getOrDefault(CHILD_GRAPHQL_URL, "http://localhost:8081/v1/graphql"),
                    Optional.ofNullable(env.get(CHILD_ADMIN_SECRET)).filter(secret -> !secret.isBlank()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT + " must be a whole number, got \"" + port + "\"");
        }
    }
}
