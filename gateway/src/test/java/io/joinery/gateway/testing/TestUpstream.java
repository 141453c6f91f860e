package io.joinery.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.ExecutionId;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;
import io.joinery.core.json.Json;
import io.joinery.core.graphql.Variables;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An in-process GraphQL server on 127.0.0.1: graphql-java over an SDL with test data fetchers
 * (maps are read by property). Records every request; can be stopped and restarted on the same
 * port, and told to misbehave (delay, non-JSON, HTTP errors).
 */
public final class TestUpstream implements AutoCloseable {

    /** One request as the upstream received it; header names lower-cased. */
    public record Recorded(String query, JsonNode variables, String operationName, Map<String, String> headers) {
        public boolean isIntrospection() {
            return query.contains("__schema") && query.contains("IntrospectionQuery");
        }
    }

    /** A canned answer that replaces normal execution. */
    public record Canned(int status, String body, Duration delay) {}

    private final String name;
    private final GraphQL graphql;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<Canned> canned = new AtomicReference<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Mono<?>> gate = new AtomicReference<>(Mono.empty());
    private final reactor.core.publisher.Sinks.Empty<Void> firstRequest = reactor.core.publisher.Sinks.empty();
    private final List<io.netty.channel.Channel> connections = new CopyOnWriteArrayList<>();
    private io.joinery.core.upstream.KeepAliveCloser keepAliveCloser;
    private DisposableServer server;
    private int port;

    private TestUpstream(String name, GraphQLSchema schema) {
        this.name = name;
        // graphql-java's default execution ids come from SecureRandom, a blocking read on first use
        this.graphql = GraphQL.newGraphQL(schema)
                .executionIdProvider((query, operation, context) -> ExecutionId.from("test-upstream"))
                .build();
        // graphql-java reads its message bundles from the jar on first use: do that here, off the event loop
        graphql.execute("{ __typename }");
    }

    public static Builder builder(String name, String sdl) {
        return new Builder(name, sdl);
    }

    /** Usable before the first start when built for a fixed port. */
    public String url() {
        return "http://127.0.0.1:" + port + "/graphql";
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** Requests other than introspection, in arrival order. */
    public List<Recorded> requests() {
        return requests.stream().filter(r -> !r.isIntrospection()).toList();
    }

    public List<Recorded> allRequests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    public void answerWith(Canned answer) {
        canned.set(answer);
    }

    public void delayAnswers(Duration duration) {
        delay.set(duration);
    }

    /** Completes when the first non-introspection request has arrived. */
    public Mono<Void> firstRequestArrived() {
        return firstRequest.asMono();
    }

    /** Answers (non-introspection requests) only after {@code until} completes. */
    public void holdAnswersUntil(Mono<?> until) {
        gate.set(until);
    }

    public void behaveNormally() {
        gate.set(Mono.empty());
        canned.set(null);
        delay.set(Duration.ZERO);
    }

    /** Closes idle keep-alive connections as {@code closer} says (from the next start on). */
    public TestUpstream closeIdleConnections(io.joinery.core.upstream.KeepAliveCloser closer) {
        keepAliveCloser = closer;
        return this;
    }

    public TestUpstream start() {
        server = HttpServer.create().host("127.0.0.1").port(port)
                .doOnConnection(connection -> {
                    io.netty.channel.Channel channel = connection.channel();
                    // called again for each request of a keep-alive connection
                    if (!connections.contains(channel)) {
                        connections.add(channel);
                        channel.closeFuture().addListener(f -> connections.remove(channel));
                    }
                    if (keepAliveCloser != null) {
                        keepAliveCloser.install(connection);
                    }
                })
                .handle((request, response) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            request.requestHeaders().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
            return request.receive().aggregate().asString(StandardCharsets.UTF_8).flatMap(body -> {
                ObjectNode json = (ObjectNode) Json.parseBody(body);
                Recorded recorded = new Recorded(json.path("query").asText(), json.get("variables"),
                        json.hasNonNull("operationName") ? json.get("operationName").asText() : null, headers);
                requests.add(recorded);
                if (!recorded.isIntrospection()) {
                    firstRequest.tryEmitEmpty();
                }
                Canned answer = canned.get();
                if (answer != null && !recorded.isIntrospection()) {
                    return Mono.delay(answer.delay()).then(response.status(HttpResponseStatus.valueOf(answer.status()))
                            .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                            .sendString(Mono.just(answer.body())).then());
                }
                ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(recorded.query());
                if (json.get("variables") instanceof ObjectNode variables) {
                    input.variables(Variables.fromJson(variables));
                }
                if (recorded.operationName() != null) {
                    input.operationName(recorded.operationName());
                }
                ExecutionResult result = graphql.execute(input.build());
                String out = Json.write(result.toSpecification());
                Duration wait = recorded.isIntrospection() ? Duration.ZERO : delay.get();
                Mono<?> hold = recorded.isIntrospection() ? Mono.empty() : gate.get();
                return Mono.delay(wait).then(hold).then(response
                        .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .header(HttpHeaderNames.SET_COOKIE, name + "=seen")
                        .sendString(Mono.just(out)).then());
            });
        }).bindNow();
        port = server.port();
        return this;
    }

    /** Stops listening and drops open (keep-alive) connections, as a crashed server would. */
    public void stop() {
        connections.forEach(c -> c.close().syncUninterruptibly());
        if (server != null) {
            server.disposeNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public static final class Builder {
        private final String name;
        private final String sdl;
        private final Map<String, Map<String, DataFetcher<?>>> fetchers = new LinkedHashMap<>();

        private Builder(String name, String sdl) {
            this.name = name;
            this.sdl = sdl;
        }

        public Builder field(String type, String field, DataFetcher<?> fetcher) {
            fetchers.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(field, fetcher);
            return this;
        }

        /** Starts on an ephemeral port. */
        public TestUpstream start() {
            return build(0).start();
        }

        /** Builds without starting; {@link TestUpstream#start()} later binds {@code port}. */
        public TestUpstream build(int port) {
            TypeDefinitionRegistry registry = new SchemaParser().parse(sdl);
            RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
            fetchers.forEach((type, fields) -> wiring.type(TypeRuntimeWiring.newTypeWiring(type).dataFetchers(
                    Collections.unmodifiableMap(new LinkedHashMap<>(fields)))));
            registry.getTypes(graphql.language.InterfaceTypeDefinition.class).forEach(i ->
                    wiring.type(TypeRuntimeWiring.newTypeWiring(i.getName()).typeResolver(env -> env.getSchema()
                            .getObjectType((String) ((Map<?, ?>) env.getObject()).get("__typename")))));
            registry.getTypes(graphql.language.UnionTypeDefinition.class).forEach(u ->
                    wiring.type(TypeRuntimeWiring.newTypeWiring(u.getName()).typeResolver(env -> env.getSchema()
                            .getObjectType((String) ((Map<?, ?>) env.getObject()).get("__typename")))));
            GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(registry, wiring.build());
            TestUpstream upstream = new TestUpstream(name, schema);
            upstream.port = port;
            return upstream;
        }
    }

    /** A free port nobody listens on (bound, then released). */
    public static int freePort() {
        DisposableServer probe = HttpServer.create().host("127.0.0.1").port(0).handle((q, r) -> r.send()).bindNow();
        int port = probe.port();
        probe.disposeNow();
        return port;
    }

    /** A mutable list many upstreams append to, to check the order of side effects across remotes. */
    public static List<String> sharedLog() {
        return new CopyOnWriteArrayList<>(new ArrayList<>());
    }
}
