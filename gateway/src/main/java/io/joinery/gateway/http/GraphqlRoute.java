package io.joinery.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.schema.GraphQLSchema;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.graphql.OperationPreparer;
import io.joinery.core.graphql.PreparedOperation;
import io.joinery.core.graphql.Variables;
import io.joinery.core.http.AdminSecretCheck;
import io.joinery.core.http.GraphqlRequest;
import io.joinery.core.http.HttpResponses;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.gateway.execute.ExecutionOutcome;
import io.joinery.gateway.execute.ExecutionRequest;
import io.joinery.gateway.execute.PlanExecutor;
import io.joinery.gateway.metadata.GatewaySnapshot;
import io.joinery.gateway.metadata.MetadataStore;
import io.joinery.gateway.plan.QueryPlan;
import io.joinery.gateway.plan.QueryPlanner;
import io.joinery.gateway.plan.RootEntry;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * `POST /v1/graphql` (SPEC §7): session → parse and validate (core) → plan (cached) → execute →
 * `{data, errors}`. Always HTTP 200. A JSON array of requests is answered with an array.
 */
public final class GraphqlRoute {
    private static final Logger LOG = LoggerFactory.getLogger(GraphqlRoute.class);

    /** The plan cache key (STYLE §4): a snapshot version stands for one metadata + schema state. */
    record PlanKey(long schemaVersion, String role, String query, String operationName) {}

    /** Introspection answers depend on the schema, the operation and its variables only. */
    record IntrospectionKey(PlanKey plan, String variables) {}

    /** What is written back: one response body (or an array of them) and cookies to set. */
    private record Answer(JsonNode body, List<String> setCookies) {
        static Answer of(ExecutionOutcome outcome) {
            return new Answer(outcome.body(), outcome.setCookies());
        }
    }

    /** A validated operation and its plan. */
    record CachedPlan(PreparedOperation operation, QueryPlan plan, boolean hasIntrospection) {}

    private final MetadataStore store;
    private final AdminSecretCheck secretCheck;
    private final PlanExecutor executor;
    private final QueryPlanner planner = new QueryPlanner();
    private final OperationPreparer preparer = new OperationPreparer(0);
    private final Cache<PlanKey, CachedPlan> plans;
    private final Cache<IntrospectionKey, Map<String, JsonNode>> introspections;

    public GraphqlRoute(MetadataStore store, AdminSecretCheck secretCheck, PlanExecutor executor, long cacheSize) {
        this.store = store;
        this.secretCheck = secretCheck;
        this.executor = executor;
        this.plans = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.introspections = Caffeine.newBuilder().maximumSize(Math.max(16, cacheSize / 10)).build();
    }

    /**
     * graphql-java reads its message bundles from its jar on first use (blocking I/O). Called once
     * at start-up, off the event loop, so no request pays for it on one.
     */
    public static void warmUp(GraphQLSchema schema) {
        OperationPreparer preparer = new OperationPreparer(1);
        PreparedOperation operation = preparer.prepare("warm-up", schema,
                "query W($on: Boolean = true) { __typename @include(if: $on) __schema { queryType { name } } }", null);
        OperationPreparer.normalize(schema, operation, Map.of());
        OperationPreparer.introspect(schema, operation, Map.of());
        try {
            preparer.prepare("warm-up-error", schema, "{ __typename(x: 1) }", null);
        } catch (JoineryException expected) {
            // the validation error path loads its bundle too
        }
    }

    public Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.requestHeaders().forEach(headers::add);
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> Mono.defer(() -> answer(body, request, headers)))
                .flatMap(outcome -> {
                    outcome.setCookies().forEach(cookie -> response.addHeader(HttpHeaderNames.SET_COOKIE, cookie));
                    return Mono.from(HttpResponses.json(response, 200, Json.write(outcome.body())));
                });
    }

    private Mono<Answer> answer(String body, HttpServerRequest request, List<Map.Entry<String, String>> headers) {
        SessionVariables session;
        try {
            session = secretCheck.resolve(request.requestHeaders());
        } catch (JoineryException e) {
            return Mono.just(Answer.of(errorOutcome(e, false)));
        }
        boolean admin = session.isAdmin();
        try {
            JsonNode json = Json.parseBody(body);
            if (json.isArray()) {
                return Flux.fromIterable(json)
                        .concatMap(element -> one(element, session, headers))
                        .collectList()
                        .map(outcomes -> {
                            ArrayNode array = Json.array();
                            List<String> cookies = new ArrayList<>();
                            outcomes.forEach(o -> {
                                array.add(o.body());
                                cookies.addAll(o.setCookies());
                            });
                            return new Answer(array, cookies);
                        });
            }
            return one(json, session, headers).map(Answer::of);
        } catch (JoineryException e) {
            return Mono.just(Answer.of(errorOutcome(e, admin)));
        }
    }

    private Mono<ExecutionOutcome> one(JsonNode json, SessionVariables session, List<Map.Entry<String, String>> headers) {
        return Mono.defer(() -> {
            GraphqlRequest request = GraphqlRequest.parse(json);
            GatewaySnapshot snapshot = store.current();
            GraphQLSchema schema = snapshot.supergraph().schema();
            PlanKey planKey = new PlanKey(snapshot.version(), session.role(), request.query(), request.operationName());
            CachedPlan cached = plans.get(planKey, key -> {
                        PreparedOperation operation = preparer.prepare(key, schema, request.query(), request.operationName());
                        QueryPlan plan = planner.plan(snapshot.supergraph(), operation.operation(), operation.fragments());
                        return new CachedPlan(operation, plan, hasIntrospection(plan.entries()));
                    });
            Map<String, Object> variables = Variables.fromJson(request.variables());
            if (!cached.operation().operation().getVariableDefinitions().isEmpty() || !variables.isEmpty()) {
                OperationPreparer.normalize(schema, cached.operation(), variables);
            }
            // answers are cached until the schema changes (GraphiQL and codegen ask again and again)
            Map<String, JsonNode> introspection = cached.hasIntrospection()
                    ? introspections.get(new IntrospectionKey(planKey, Json.write(request.variables())),
                            key -> OperationPreparer.introspect(schema, cached.operation(), variables))
                    : Map.of();
            return executor.execute(cached.plan(), snapshot.supergraph(),
                    new ExecutionRequest(request.variables(), session, headers, introspection));
        }).onErrorResume(e -> Mono.just(errorOutcome(e, session.isAdmin())));
    }

    private static boolean hasIntrospection(List<RootEntry> entries) {
        return entries.stream().anyMatch(e -> e instanceof RootEntry.Introspection
                || (e instanceof RootEntry.Namespace n && hasIntrospection(n.entries())));
    }

    /** The one place a GraphQL request's exception becomes its response. */
    private static ExecutionOutcome errorOutcome(Throwable error, boolean admin) {
        JoineryException e;
        if (error instanceof JoineryException joinery) {
            e = joinery;
        } else {
            LOG.error("unexpected failure answering a GraphQL request", error);
            e = new JoineryException(ErrorCode.UNEXPECTED, "unexpected error: " + error.getClass().getSimpleName(),
                    ErrorPath.root());
        }
        ObjectNode body = Json.object();
        body.putArray("errors").add(e.toApiError().toGraphqlError(admin));
        return new ExecutionOutcome(body, List.of());
    }
}
