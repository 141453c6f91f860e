package io.joinery.gateway.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The two test remotes: an "orders" service and a "users" service, with small fixed data. */
public final class Remotes {
    public static final String ORDERS_SDL = """
            type Query {
              order(id: Int!): Order
              orders(limit: Int): [Order!]!
              node(id: ID!): Node
              broken: String
            }
            type Mutation {
              logOrder(msg: String!): String
              createOrder(total: Int!, lines: [LineInput!]): Order
            }
            interface Node { id: ID! }
            type Order implements Node { id: ID!  total: Int!  status: Status  lines: [Line!]! }
            type Line { sku: String!  qty: Int! }
            enum Status { OPEN PAID }
            input LineInput { sku: String!  qty: Int! }
            """;

    public static final String USERS_SDL = """
            type Query {
              user(id: Int!): User
              users: [User!]!
            }
            type Mutation { logUser(msg: String!): String }
            type User { id: Int!  name: String!  email: String }
            """;

    private Remotes() {}

    /**
     * A gateway with both remotes added, "orders" then "users", each with extra definition keys
     * (JSON object members, or null); their mutations append to {@code log}.
     */
    public static GatewayFixture.Builder ordersAndUsers(List<String> log, String ordersDefinition,
                                                        String usersDefinition) {
        return GatewayFixture.builder()
                .remote("orders", () -> orders(log), ordersDefinition)
                .remote("users", () -> users(log), usersDefinition);
    }

    static Map<String, Object> order(int id) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("__typename", "Order");
        order.put("id", String.valueOf(id));
        order.put("total", id * 100);
        order.put("status", id % 2 == 0 ? "PAID" : "OPEN");
        order.put("lines", List.of(Map.of("sku", "A-" + id, "qty", id)));
        return order;
    }

    public static TestUpstream orders(List<String> log) {
        return ordersBuilder(log).start();
    }

    public static TestUpstream.Builder ordersBuilder(List<String> log) {
        return TestUpstream.builder("orders", ORDERS_SDL)
                .field("Query", "order", env -> order(env.<Integer>getArgument("id")))
                .field("Query", "orders", env -> {
                    Integer limit = env.getArgument("limit");
                    return List.of(order(1), order(2), order(3)).subList(0, limit == null ? 3 : Math.min(3, limit));
                })
                .field("Query", "node", env -> order(Integer.parseInt(env.getArgument("id"))))
                .field("Query", "broken", env -> {
                    throw new IllegalStateException("broken on purpose");
                })
                .field("Mutation", "logOrder", env -> {
                    log.add("orders:" + env.getArgument("msg"));
                    return "orders:" + env.getArgument("msg");
                })
                .field("Mutation", "createOrder", env -> {
                    log.add("orders:create");
                    return order(env.<Integer>getArgument("total") / 100);
                });
    }

    public static TestUpstream users(List<String> log) {
        return usersBuilder(log).start();
    }

    public static TestUpstream.Builder usersBuilder(List<String> log) {
        return TestUpstream.builder("users", USERS_SDL)
                .field("Query", "user", env -> user(env.<Integer>getArgument("id")))
                .field("Query", "users", env -> List.of(user(1), user(2)))
                .field("Mutation", "logUser", env -> {
                    log.add("users:" + env.getArgument("msg"));
                    return "users:" + env.getArgument("msg");
                });
    }

    static Map<String, Object> user(int id) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", id);
        user.put("name", id == 1 ? "Ada" : "Grace");
        user.put("email", null);
        return user;
    }
}
