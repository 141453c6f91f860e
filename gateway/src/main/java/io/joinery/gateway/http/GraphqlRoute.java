package io.joinery.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.schema.GraphQLSchema;
import io.joinery.core.error.JoineryException;
import io.joinery.core.graphql.DocumentLimits;
import io.joinery.core.graphql.OperationPreparer;
import io.joinery.core.graphql.PreparedOperation;
import io.joinery.core.graphql.Variables;
import io.joinery.core.http.ExplainRequest;
import io.joinery.core.http.GraphqlAnswer;
import io.joinery.core.http.GraphqlRequest;
import io.joinery.core.http.HttpCall;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.limits.ApiLimiter;
import io.joinery.core.observe.RequestObservation;
import io.joinery.core.observe.Telemetry;
import io.joinery.core.observe.Tracing;
import reactor.util.context.Context;
import reactor.util.context.ContextView;
import io.joinery.gateway.execute.ExecutionRequest;
import io.joinery.gateway.execute.PlanExecutor;
import io.joinery.gateway.plan.QueryPlan;
import io.joinery.gateway.plan.QueryPlanner;
import io.joinery.gateway.plan.RootEntry;
import io.joinery.gateway.schema.Supergraph;
import io.joinery.gateway.snapshot.GatewaySnapshot;
import io.joinery.gateway.snapshot.MetadataStore;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * `POST /v1/graphql` (SPEC §7): parse and validate (core) → plan (cached) → depth and node limits,
 * introspection options (the metadata's, for the role) → execute → `{data, errors}`.
 * The front door resolves the session, splits batches and writes request errors.
 * `POST /v1/graphql/explain` (SPEC §13) stops after the plan and answers it ({@link #explain}).
 */
public final class GraphqlRoute {
    /** The plan cache key (STYLE §4): a snapshot version stands for one metadata + schema state. */
    record PlanKey(long schemaVersion, String role, String query, String operationName) {}

    /** Introspection answers depend on the schema, the operation and its variables only. */
    record IntrospectionKey(PlanKey plan, String variables) {}

    /** A validated operation and its plan. */
    record CachedPlan(PreparedOperation operation, QueryPlan plan, boolean hasIntrospection) {}

    private final MetadataStore store;
    private final PlanExecutor executor;
    private final QueryPlanner planner = new QueryPlanner();
    private final OperationPreparer preparer;
    private final ApiLimiter limiter;
    private final Telemetry telemetry;
    private final Cache<PlanKey, CachedPlan> plans;
    private final Cache<IntrospectionKey, Map<String, JsonNode>> introspections;

    /** With the default document limits (SPEC §11.2). */
    public GraphqlRoute(MetadataStore store, PlanExecutor executor, long cacheSize) {
        this(store, executor, cacheSize, DocumentLimits.DEFAULTS, ApiLimiter.NONE, Telemetry.noop());
    }

    /**
     * @param limits    the hard guards on documents (SPEC §11.2)
     * @param limiter   the API limits (SPEC §11.1): depth and nodes checked here after planning, the
     *                  rest by the front door ({@link #limiter()})
     * @param telemetry counts plan cache hits and misses (`plans`) and the field errors answered
     */
    public GraphqlRoute(MetadataStore store, PlanExecutor executor, long cacheSize, DocumentLimits limits,
                        ApiLimiter limiter, Telemetry telemetry) {
        this.preparer = new OperationPreparer(0, limits);
        this.limiter = limiter;
        this.store = store;
        this.executor = executor;
        this.telemetry = telemetry;
        this.plans = telemetry.planCache("plans", cacheSize);
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

    ApiLimiter limiter() {
        return limiter;
    }

    /** One request of a batch or a single one; errors become `{"errors": [...]}` in the front door. */
    public Mono<GraphqlAnswer> execute(GraphqlRequest request, SessionVariables session, HttpCall call) {
        return Mono.deferContextual(context -> execute(request, session, call, context));
    }

    private Mono<GraphqlAnswer> execute(GraphqlRequest request, SessionVariables session, HttpCall call,
                                        ContextView context) {
        GatewaySnapshot snapshot = store.current();
        Supergraph supergraph = snapshot.supergraphFor(session.role());
        GraphQLSchema schema = supergraph.schema();
        PlanKey planKey = new PlanKey(snapshot.version(), session.role(), request.query(), request.operationName());
        Map<String, Object> variables = request.variables().isEmpty() ? Map.of() : Variables.fromJson(request.variables());
        Tracing tracing = telemetry.tracing();
        CachedPlan cached = tracing.inSpan(context, "graphql.plan", () -> plan(supergraph, planKey, request, variables,
                context));
        RequestObservation.in(context).ifPresent(o -> o.operation(cached.operation().kind(),
                cached.operation().operation().getName(), request.query()));
        limiter.checkOperation(session, cached.operation().size());
        snapshot.metadata().policy().introspection().check(session, cached.hasIntrospection());
        // answers are cached until the schema changes (GraphiQL and codegen ask again and again)
        Map<String, JsonNode> introspection = cached.hasIntrospection()
                ? introspections.get(new IntrospectionKey(planKey, Json.write(request.variables())),
                        key -> OperationPreparer.introspect(schema, cached.operation(), variables))
                : Map.of();
        // session variable presets of the role travel as upstream variables (SPEC §10.4)
        // the client's headers are read only for remotes that forward them (SPEC §4.4)
        ExecutionRequest execution = new ExecutionRequest(request.variables(), session,
                supergraph.forwardsClientHeaders() ? call.headerEntries() : List.of(), introspection)
                .withVariables(cached.plan().sessionValues(session));
        return executor.execute(cached.plan(), supergraph, execution)
                .map(outcome -> {
                    countFieldErrors(outcome.errors(), context);
                    return GraphqlAnswer.ofBytes(outcome.bytes(), outcome.setCookies());
                });
    }

    /**
     * Field errors (SPEC §0.1) are answered with data; they are counted by code like request errors,
     * and mark the request's span as failed.
     */
    private void countFieldErrors(List<JsonNode> errors, ContextView context) {
        if (errors.isEmpty()) {
            return;
        }
        RequestObservation observation = RequestObservation.in(context).orElse(null);
        for (JsonNode error : errors) {
            String code = error.path("extensions").path("code").asText("unexpected");
            if (observation != null) {
                observation.graphqlError(code);
            } else {
                telemetry.graphqlError(code);
            }
        }
    }

    /**
     * `POST /v1/graphql/explain` (SPEC §13): admins only; the operation validated (variables too)
     * and planned as for {@link #execute}, then answered as its plan ({@link QueryPlan#toJson}: the
     * root request per remote, the entries, the join tree), without sending anything upstream, for
     * the schema `user`'s role is served (SPEC §10.4; the remotes apply the role when the request runs).
     */
    Mono<JsonNode> explain(JsonNode body, SessionVariables session) {
        return Mono.fromSupplier(() -> {
            ExplainRequest explain = ExplainRequest.parse(body, session);
            GraphqlRequest request = explain.query();
            GatewaySnapshot snapshot = store.current();
            CachedPlan cached = plan(snapshot.supergraphFor(explain.user().role()), new PlanKey(snapshot.version(),
                    explain.user().role(), request.query(), request.operationName()), request,
                    Variables.fromJson(request.variables()), Context.empty());
            return cached.plan().toJson();
        });
    }

    /**
     * The validated operation and its plan, from the cache; its variables coerced when it has any. A
     * plan that is not cached yet is parsed and validated in a `graphql.parse_validate` span (beside
     * the caller's `graphql.plan` span, which covers the whole lookup).
     */
    private CachedPlan plan(Supergraph supergraph, PlanKey planKey, GraphqlRequest request,
                            Map<String, Object> variables, ContextView context) {
        GraphQLSchema schema = supergraph.schema();
        CachedPlan cached = plans.get(planKey, key -> {
                    PreparedOperation operation = telemetry.tracing().inSpan(context, "graphql.parse_validate",
                            () -> preparer.prepare(key, schema, request.query(), request.operationName()));
                    QueryPlan plan = planner.plan(supergraph, operation.operation(), operation.fragments());
                    return new CachedPlan(operation, plan, hasIntrospection(plan.entries()));
                });
        if (!cached.operation().operation().getVariableDefinitions().isEmpty() || !variables.isEmpty()) {
            OperationPreparer.normalize(schema, cached.operation(), variables);
        }
        return cached;
    }

    private static boolean hasIntrospection(List<RootEntry> entries) {
        return entries.stream().anyMatch(e -> e instanceof RootEntry.Introspection
                || (e instanceof RootEntry.Namespace n && hasIntrospection(n.entries())));
    }
}
