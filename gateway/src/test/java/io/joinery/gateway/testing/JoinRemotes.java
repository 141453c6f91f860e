package io.joinery.gateway.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two remotes for join tests: "shop" (orders) and "crm" (customers and regions), and the
 * relationships between them. Order n has customer `n % 7 + 1`, except every 10th order, which
 * has none; customer c lives in region `R(c % 2)`; customer 3's lookup fails (an upstream error
 * with a path).
 */
public final class JoinRemotes {
    public static final String SHOP_SDL = """
            type Query {
              orders(count: Int!): [Order!]!
              order(id: Int!): Order
              nodes: [Node!]!
            }
            type Mutation { placeOrder(id: Int!): Order }
            interface Node { id: Int! }
            type Order implements Node { id: Int!  customerId: Int  total: Int!  status: String  shipping: Shipping  priority: Priority }
            enum Priority { LOW HIGH }
            type Shipping { regionCode: String  city: String  tags: [String!] }
            type Coupon implements Node { id: Int!  code: String!  owner: Owner }
            type Owner { name: String! }
            """;

    public static final String CRM_SDL = """
            type Query {
              customer(id: Int!, greeting: String): Customer
              region(code: String!): Region
              account(tenant: String!): Account
              regionOf(address: AddressInput!): Region
              queue(priority: Priority!): Queue
            }
            enum Priority { LOW HIGH }
            type Queue { name: String! }
            input AddressInput { regionCode: String  city: String  tags: [String!] }
            type Account { customers(ids: [Int!]!): [Customer] lookup(id: Int!): Customer }
            type Customer { id: Int!  name: String!  regionCode: String  greeting: String  lastOrderId: Int  secret: String }
            type Region { code: String!  name: String! }
            """;

    private JoinRemotes() {}

    public static Map<String, Object> order(int id) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("__typename", "Order");
        order.put("id", id);
        order.put("customerId", id % 10 == 0 ? null : id % 7 + 1);
        order.put("total", id * 10);
        order.put("status", id % 2 == 0 ? "PAID" : "OPEN");
        order.put("priority", id % 3 == 0 ? "HIGH" : "LOW");
        order.put("shipping", Map.of("regionCode", "R" + (id % 2), "city", "City " + id, "tags", List.of("t" + id)));
        return order;
    }

    public static Map<String, Object> customer(int id, String greeting) {
        if (id == 3) {
            throw new IllegalStateException("customer 3 is locked");
        }
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", id);
        customer.put("name", "C" + id);
        customer.put("regionCode", "R" + (id % 2));
        customer.put("greeting", greeting == null ? null : greeting + " C" + id);
        customer.put("lastOrderId", id * 100);
        return customer;
    }

    /** A gateway with "shop" and "crm" added; {@code crmDefinition}: extra keys of crm's definition, or null. */
    public static GatewayFixture.Builder shopAndCrm(String crmDefinition) {
        return GatewayFixture.builder()
                .remote("shop", JoinRemotes::shop, null)
                .remote("crm", JoinRemotes::crm, crmDefinition);
    }

    public static TestUpstream shop() {
        return TestUpstream.builder("shop", SHOP_SDL)
                .field("Query", "orders", env -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (int i = 1; i <= env.<Integer>getArgument("count"); i++) {
                        out.add(order(i));
                    }
                    return out;
                })
                .field("Query", "order", env -> order(env.<Integer>getArgument("id")))
                .field("Query", "nodes", env -> List.of(order(1), Map.of("__typename", "Coupon", "id", 2, "code", "SAVE2",
                        "owner", Map.of("name", "Shop")),
                        order(4)))
                .field("Mutation", "placeOrder", env -> order(env.<Integer>getArgument("id")))
                .start();
    }

    public static TestUpstream crm() {
        return TestUpstream.builder("crm", CRM_SDL)
                .field("Query", "customer", env -> customer(env.<Integer>getArgument("id"), env.getArgument("greeting")))
                .field("Customer", "secret", env -> {
                    throw new IllegalStateException("secret is classified");
                })
                .field("Query", "region", env -> Map.of("code", env.getArgument("code"),
                        "name", "Region " + env.getArgument("code")))
                .field("Query", "regionOf", env -> {
                    Map<String, Object> address = env.getArgument("address");
                    return Map.of("code", address.get("regionCode"), "name", "Region " + address.get("regionCode")
                            + " via " + address.get("city") + " " + address.get("tags"));
                })
                .field("Query", "queue", env -> Map.of("name", "queue-" + env.getArgument("priority")))
                .field("Query", "account", env -> Map.of("tenant", env.getArgument("tenant")))
                .field("Account", "customers", env -> env.<List<Integer>>getArgument("ids").stream()
                        .map(id -> customer(id, null)).toList())
                .field("Account", "lookup", env -> customer(env.<Integer>getArgument("id"), null))
                .start();
    }

    /** `create_remote_schema_remote_relationship` JSON. */
    public static String relationship(String remote, String type, String name, String target, String lhsFields,
                                      String remoteField) {
        return "{\"type\":\"create_remote_schema_remote_relationship\",\"args\":{\"remote_schema\":\"" + remote
                + "\",\"type_name\":\"" + type + "\",\"name\":\"" + name + "\",\"definition\":{\"to_remote_schema\":"
                + "{\"remote_schema\":\"" + target + "\",\"lhs_fields\":" + lhsFields + ",\"remote_field\":"
                + remoteField + "}}}}";
    }

    /** Order.customer (shop → crm), Customer.region (crm → crm), Customer.lastOrder (crm → shop). */
    public static void relate(GatewayHarness gateway) {
        gateway.metadataOk(relationship("shop", "Order", "customer", "crm", "[\"customerId\"]",
                "{\"customer\":{\"arguments\":{\"id\":\"$customerId\"}}}"));
        gateway.metadataOk(relationship("crm", "Customer", "region", "crm", "[\"regionCode\"]",
                "{\"region\":{\"arguments\":{\"code\":\"$regionCode\"}}}"));
        gateway.metadataOk(relationship("crm", "Customer", "lastOrder", "shop", "[\"lastOrderId\"]",
                "{\"order\":{\"arguments\":{\"id\":\"$lastOrderId\"}}}"));
    }
}
