package io.joinery.child.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.schema.GraphQLSchema;
import io.joinery.child.actions.ActionExecutor;
import io.joinery.child.metadata.ChildSnapshot;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.schema.RootField;
import io.joinery.child.schema.RootFieldClassifier;
import io.joinery.child.sql.RolePermissions;
import io.joinery.core.graphql.OperationKind;
import io.joinery.core.graphql.OperationPreparer;
import io.joinery.core.graphql.PreparedOperation;
import io.joinery.core.graphql.Variables;
import io.joinery.core.http.GraphqlAnswer;
import io.joinery.core.http.GraphqlRequest;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.limits.ApiLimiter;
import io.joinery.core.observe.RequestObservation;
import io.joinery.core.observe.Tracing;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The child's request pipeline: one GraphQL request in, one response out.
 *
 * <pre>
 * request ─▶ snapshot = MetadataStore.current()                  read once
 *         ─▶ schema + root-field classifier + compiled permissions
 *            for (version, role)                                    cached
 *         ─▶ parse + validate + pick operation                     cached by (version, role, query, operationName)
 *         ─▶ coerce variables, normalize (graphql-java)
 *         ─▶ classify every root field ONCE (RootField: table select or mutation, action,
 *            async action submit or result, introspection, constant)
 *            (these two cached under the same key when the operation declares no variables and
 *            the request sends none: they are then the same for every request)
 *         ─▶ depth and node limits, introspection options (the metadata's, for the role)
 *         ─▶ OperationRunner: SQL (ONE statement per query), action handlers, introspection
 *         ─▶ ResponseBuilder: {"data": ...} in selection order, with the handlers' Set-Cookie values
 * </pre>
 * {@link #explain} prepares the same way and hands the request to {@link OperationExplainer}.
 *
 * Where a new kind of root field plugs in: a {@link RootField} record, its name in
 * {@link RootFieldClassifier}, the stage that answers it, and its place in {@link OperationRunner}.
 */
public final class GraphqlExecutor {
    /** How many variable-free operations keep their normalized root fields (as many as compiled statements). */
    private static final int PLANNED = 2_000;

    private final Supplier<ChildSnapshot> snapshots;
    private final Tracing tracing;
    private final OperationPreparer preparer;
    private final OperationRunner runner;
    private final OperationExplainer explainer;
    private final ApiLimiter limiter;
    private final Cache<SchemaKey, RoleSchema> schemas = Caffeine.newBuilder().maximumSize(200).build();
    private final Cache<PlanKey, Planned> planned = Caffeine.newBuilder().maximumSize(PLANNED).build();

    /** The schema a role sees in one snapshot, with or without its `backend_only` permissions. */
    private record SchemaKey(long version, String role, boolean backendOnly) {}

    /** A role's schema, the classifier of the root fields of the snapshot's model, the role's permissions. */
    private record RoleSchema(GraphQLSchema schema, RootFieldClassifier roots, RolePermissions permissions) {}

    /**
     * An operation normalized and classified. Without variables, everything in it derives from the
     * schema (the key's version and role) and the query text, so requests with the same
     * {@link PlanKey} share it.
     */
    private record Planned(List<RootField> roots, boolean introspects) {}

    /**
     * What a prepared operation and its SQL are cached under (STYLE §4). {@code backendOnly}: the
     * role's schema with its `backend_only` permissions, another schema than without.
     */
    public record PlanKey(long metadataVersion, String role, boolean backendOnly, String query, String operationName) {}

    /**
     * @param snapshots the current snapshot (`MetadataStore.current`)
     * @param preparer  parses and validates operations, with its cache
     * @param runner    runs the root fields (SQL, actions) and builds the response
     * @param explainer   explains them instead (`/v1/graphql/explain`)
     * @param limiter   the depth and node API limits, checked once an operation is parsed (SPEC §11.1)
     */
    public GraphqlExecutor(Supplier<ChildSnapshot> snapshots, OperationPreparer preparer, OperationRunner runner,
                           OperationExplainer explainer, ApiLimiter limiter) {
        this(snapshots, Tracing.propagationOnly(), preparer, runner, explainer, limiter);
    }

    /** @param tracing spans parse and validation (`graphql.parse_validate`) */
    public GraphqlExecutor(Supplier<ChildSnapshot> snapshots, Tracing tracing, OperationPreparer preparer,
                           OperationRunner runner, OperationExplainer explainer, ApiLimiter limiter) {
        this.snapshots = snapshots;
        this.tracing = tracing;
        this.preparer = preparer;
        this.runner = runner;
        this.explainer = explainer;
        this.limiter = limiter;
    }

    public Mono<GraphqlAnswer> execute(GraphqlRequest request, SessionVariables session,
                                       List<Map.Entry<String, String>> clientHeaders) {
        return Mono.deferContextual(context -> {
            PreparedRequest prepared = tracing.inSpan(context, "graphql.parse_validate", () -> prepare(request, session));
            RequestObservation.in(context).ifPresent(o -> o.operation(prepared.operation().kind(),
                    prepared.operation().operation().getName(), request.query()));
            limiter.checkOperation(session, prepared.operation().size());
            prepared.snapshot().metadata().policy().introspection().check(session, prepared.introspects());
            return runner.run(prepared, new ActionExecutor.Context(prepared.snapshot().model(), session,
                    request.query(), clientHeaders));
        });
    }

    /**
     * The request prepared as for {@link #execute} (same caches, same errors) for {@code session},
     * then explained instead of run: Hasura's `[{"field", "sql", "plan"}]` ({@link OperationExplainer}).
     */
    public Mono<JsonNode> explain(GraphqlRequest request, SessionVariables session) {
        return Mono.defer(() -> explainer.explain(prepare(request, session)));
    }

    private PreparedRequest prepare(GraphqlRequest request, SessionVariables session) {
        ChildSnapshot snapshot = snapshots.get();
        boolean backendOnly = session.usesBackendOnlyPermissions();
        RoleSchema role = schemas.get(new SchemaKey(snapshot.version(), session.role(), backendOnly),
                k -> new RoleSchema(ChildSchemaBuilder.build(snapshot.model(), k.role(), k.backendOnly()),
                        new RootFieldClassifier(snapshot.model()),
                        RolePermissions.of(snapshot.model(), k.role(), k.backendOnly())));
        PlanKey key = new PlanKey(snapshot.version(), session.role(), backendOnly, request.query(),
                request.operationName());
        // parse and validate: a look-up in the preparer's cache (which counts its hits) once seen
        PreparedOperation operation = preparer.prepare(key, role.schema(), request.query(), request.operationName());
        boolean sendsVariables = !request.variables().isEmpty();
        Map<String, Object> variables = sendsVariables ? Variables.fromJson(request.variables()) : Map.of();
        boolean constant = !sendsVariables && operation.operation().getVariableDefinitions().isEmpty();
        Planned plan = constant ? planned.get(key, k -> plan(role, operation, variables))
                : plan(role, operation, variables);
        return new PreparedRequest(snapshot, role.schema(), key, operation, variables, plan.roots(),
                role.permissions(), session, plan.introspects());
    }

    /** Coerce the variables, normalize, classify the root fields. */
    private static Planned plan(RoleSchema role, PreparedOperation operation, Map<String, Object> variables) {
        ExecutableNormalizedOperation normalized = OperationPreparer.normalize(role.schema(), operation, variables);
        List<RootField> roots = role.roots().classify(operation.kind() == OperationKind.MUTATION,
                normalized.getTopLevelFields());
        return new Planned(List.copyOf(roots), operation.hasIntrospectionRootFields());
    }
}
