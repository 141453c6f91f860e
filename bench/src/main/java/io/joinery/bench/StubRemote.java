package io.joinery.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.ExecutionId;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One remote GraphQL schema of the upstream stub: graphql-java over an SDL with generated data.
 * Every distinct request body is executed once; its answer bytes are remembered (up to
 * {@link #MAX_CACHED} bodies), so under load the stub costs a map lookup per request and the
 * measured tier, not the stub, is the bottleneck.
 */
public final class StubRemote {
    static final int MAX_CACHED = 4_096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final GraphQL graphql;
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    private StubRemote(String name, GraphQL graphql) {
        this.name = name;
        this.graphql = graphql;
    }

    /** "shop": `orders(count, keys)`, order i has customerId `(i - 1) % keys + 1`. */
    public static StubRemote shop() {
        DataFetcher<List<Map<String, Object>>> orders = env -> {
            int count = env.getArgument("count");
            int keys = env.getArgument("keys");
            List<Map<String, Object>> out = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                Map<String, Object> order = new LinkedHashMap<>();
                order.put("id", i);
                order.put("customerId", (i - 1) % Math.max(1, keys) + 1);
                order.put("total", i * 12.5);
                order.put("status", i % 3 == 0 ? "SHIPPED" : "OPEN");
                order.put("note", i % 4 == 0 ? null : "order number " + i);
                out.add(order);
            }
            return out;
        };
        return of("shop", RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type.dataFetcher("orders", orders)).build());
    }

    /** "crm": `customer(id)`. */
    public static StubRemote crm() {
        DataFetcher<Map<String, Object>> customer = env -> {
            int id = env.getArgument("id");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("name", "Customer " + id);
            out.put("email", "customer" + id + "@example.com");
            out.put("tier", id % 5 == 0 ? "GOLD" : "STANDARD");
            return out;
        };
        return of("crm", RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type.dataFetcher("customer", customer)).build());
    }

    private static StubRemote of(String name, RuntimeWiring wiring) {
        String sdl = resource(name + ".graphql");
        GraphQL graphql = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl),
                        wiring))
                .executionIdProvider((query, operation, context) -> ExecutionId.from("bench-stub"))
                .build();
        return new StubRemote(name, graphql);
    }

    /**
     * The gateway metadata for the stub: remote schemas "shop" and "crm", and the relationship
     * Order.customer (shop) -> customer(id: $customerId) (crm).
     */
    public static ObjectNode gatewayMetadata(String shopUrl, String crmUrl) {
        ObjectNode metadata = JSON.createObjectNode().put("version", 3);
        ArrayNode remotes = metadata.putArray("remote_schemas");
        ObjectNode shop = remotes.addObject().put("name", "shop");
        shop.putObject("definition").put("url", shopUrl).put("timeout_seconds", 60);
        ObjectNode toCrm = shop.putArray("remote_relationships").addObject().put("type_name", "Order")
                .putArray("relationships").addObject().put("name", "customer")
                .putObject("definition").putObject("to_remote_schema").put("remote_schema", "crm");
        toCrm.putArray("lhs_fields").add("customerId");
        toCrm.putObject("remote_field").putObject("customer").putObject("arguments").put("id", "$customerId");
        ObjectNode crm = remotes.addObject().put("name", "crm");
        crm.putObject("definition").put("url", crmUrl).put("timeout_seconds", 60);
        return metadata;
    }

    public String name() {
        return name;
    }

    long requests() {
        return requests.get();
    }

    /** The answer to one GraphQL-over-HTTP request body (JSON bytes). */
    public byte[] answer(String body) {
        requests.incrementAndGet();
        byte[] known = answers.get(body);
        if (known != null) {
            return known;
        }
        byte[] answer = execute(body);
        if (answers.size() < MAX_CACHED) {
            answers.put(body, answer);
        }
        return answer;
    }

    private byte[] execute(String body) {
        try {
            JsonNode request = JSON.readTree(body);
            ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(request.path("query").asText());
            JsonNode variables = request.get("variables");
            if (variables != null && variables.isObject()) {
                input.variables(JSON.convertValue(variables, Map.class));
            }
            if (request.hasNonNull("operationName")) {
                input.operationName(request.get("operationName").asText());
            }
            return JSON.writeValueAsBytes(graphql.execute(input.build()).toSpecification());
        } catch (JsonProcessingException e) {
            return ("{\"errors\":[{\"message\":\"bench stub: body is not JSON\"}]}").getBytes(StandardCharsets.UTF_8);
        }
    }

    public static String resource(String name) {
        try (InputStream in = StubRemote.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/joinery/bench/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
